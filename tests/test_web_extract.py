"""Web pages → articles → Markdown files, from pages saved as news sites serve them. The pages in
tests/data/web are written for these tests in the shape of real ones (Spiegel, Zeit, FAZ,
Süddeutsche, heise, NDR and a regional paper in ISO-8859-1): their JSON-LD, OpenGraph, bylines in
markup, kickers, captions, "Lesen Sie auch" boxes, paywall prompts and comments; the words are our
own."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from audio.errors import SourceError
from audio.text.readers import read_article
from audio.web.article_file import escape, render
from audio.web.extract import Imported, extract_article
from audio.web.feeds import feed_links, is_feed
from audio.web.fetch import Page, read_saved
from audio.web.importer import import_sources
from audio.web.ledger import LEDGER, Ledger

WEB = Path(__file__).parent / "data" / "web"
CET, CEST = timezone(timedelta(hours=1)), timezone(timedelta(hours=2))


def page(name: str) -> Imported:
    return extract_article(read_saved(WEB / name))


def paragraphs(article: Imported) -> list[str]:
    return [p for section in article.sections for p in section.paragraphs]


EXPECTED = {
    "spiegel.html": (
        "Haushaltsstreit: Die Ampel ringt um 17 Milliarden Euro",
        "Anna Beispiel und Ben Muster",
        datetime(2023, 11, 24, 18, 2, tzinfo=CET),
        "https://www.spiegel.de/politik/deutschland/"
        "haushaltsstreit-die-ampel-ringt-um-17-milliarden-euro-a-5f3e2c1d.html",
        "DER SPIEGEL",
        [None, "Die Länder werden ungeduldig"],
        ("Die Sitzung im Kanzleramt", "auch mit den Haushältern der Fraktionen."),
    ),
    "zeit.html": (
        "Klimageld: Ein Versprechen, das keiner mehr einlösen will",
        "Cem Probe",
        datetime(2023, 11, 23, 6, 30, tzinfo=CET),
        "https://www.zeit.de/politik/deutschland/2023-11/klimageld-koalition-versprechen",
        "ZEIT ONLINE",
        [None, "Die Einnahmen sind längst verplant"],
        ("Es war eines der wenigen Versprechen", "Schweigen ist die schlechteste aller Antworten."),
    ),
    "faz.html": (
        "Bahnstreik: Die Geduld der Pendler ist am Ende",
        "Dora Beispiel",  # the JSON-LD author is the publisher; the byline in the markup names her
        datetime(2023, 11, 16, 7, 12, tzinfo=CET),  # "+0100", which Python 3.10 cannot read
        "https://www.faz.net/aktuell/wirtschaft/bahnstreik-die-geduld-der-pendler-ist-am-ende-"
        "19334455.html",
        "Frankfurter Allgemeine Zeitung",
        [None, "Beide Seiten müssen sich bewegen"],
        ("Für viele Pendler beginnt der Tag", "ganz aufgebraucht ist."),
    ),
    "sueddeutsche.html": (
        "Bauen, bauen, bauen – aber wo?",
        "Emil Muster",
        datetime(2023, 11, 20, 16, 45, tzinfo=timezone.utc),  # as the page gives it: in UTC
        "https://www.sueddeutsche.de/muenchen/wohnungsbau-muenchen-kommentar-1.6301234",
        "Süddeutsche Zeitung",
        [None, "Die Stadt muss entscheiden"],
        ("Wer in dieser Stadt eine Wohnung sucht", "neu gegeben und nie gehalten wird."),
    ),
    "heise.html": (
        "Kommentar: Das Passwort muss endlich sterben",
        "Felix Probe",
        datetime(2023, 11, 18, 14, 0, tzinfo=CET),
        "https://www.heise.de/meinung/Kommentar-Das-Passwort-muss-endlich-sterben-9512345.html",
        "heise online",
        [None, "Der Übergang braucht Mut"],
        ("Jede Woche ein neues Datenleck", "beim Umstieg begleiten."),  # without "(fpr)"
    ),
    "ndr.html": (
        "Kommentar: Der Deich schützt nicht ewig",
        "Greta Beispiel",
        datetime(2023, 10, 22, 12, 30, tzinfo=CEST),  # first published, not "Stand: 15:05"
        "https://www.ndr.de/nachrichten/niedersachsen/kommentar-deich-kueste,kommentar1234.html",
        "Norddeutscher Rundfunk",
        [None, "Vorsorge kostet weniger als Reparatur"],
        ("Als das Wasser am Wochenende", "spart später ein Vielfaches an Schäden."),
    ),
    "kreisbote.html": (  # ISO-8859-1, no JSON-LD: OpenGraph, a byline and a date in the markup
        "Die Kreisreform braucht die Bürger",
        "Hans Muster",
        datetime(2023, 9, 5, 20, 15, tzinfo=CEST),
        "https://www.kreisbote-beispiel.de/meinung/kreisreform-buerger-123.html",
        "Kreisbote",
        [None],
        ("In der Kreisstadt ist die Aufregung groß.", "Königsallee, nicht Königstraße."),
    ),
}
NEVER_HEARD = (
    "Lesen Sie", "Mehr zum Thema", "Weitere Informationen", "Foto", "Bild:", "©", "Newsletter",
    "SPIEGEL+", "F+", "Z+", "SZ Plus", "Abo", "weiterlesen", "Weiterlesen", "Kommentare",
    "Diskutieren", "Leser123", "Nordlicht", "versprochen, gebrochen", "Impressum", "Teilen",
    "Artikel anhören", "Merken", "(fpr)", "Dieses Thema im Programm", "Startseite", "Lesezeit",
    "Anzeige", "Von Anna", "Ein Kommentar von", "Stand:", "Quelle:", "Passkeys erklärt",
    "Mietspiegel", "Tram-Ausbau", "Was die Lokführer fordern",
)  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_news_page_gives_its_article(name: str) -> None:
    title, author, published, url, publisher, headings, (first, last) = EXPECTED[name]
    article = page(name)
    assert (article.title, article.author, article.url) == (title, author, url)
    assert article.published == published
    assert article.published.utcoffset() == published.utcoffset()
    assert article.publisher == publisher
    assert [section.heading for section in article.sections] == headings
    body = paragraphs(article)
    assert body[0].startswith(first)
    assert body[-1].endswith(last)
    assert len(body) >= 3


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_nothing_a_listener_must_never_hear_is_in_the_body(name: str) -> None:
    article = page(name)
    body = "\n".join([*(s.heading or "" for s in article.sections), *paragraphs(article)])
    assert [phrase for phrase in NEVER_HEARD if phrase in body] == []
    # The teaser is the front matter's description, not the body's first paragraph again.
    assert article.description and article.description not in body


def test_what_is_left_out_is_told() -> None:
    assert page("heise.html").notes == (
        "a link to another article is not read: 'Lesen Sie auch'",
        "the tag '(fpr)' after the last sentence is not read",
    )


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("frontpage.html", "is not an article page (it says it is a WebSite)"),
        ("video.html", "is not an article page (it says it is a VideoObject)"),
        ("consent.html", "shows a cookie consent notice in place of the article"),
        (
            "plus.html",
            "is not an article page, or only its beginning is free: 16 words of running text, "
            "fewer than 60",
        ),
    ],
)
def test_a_page_that_is_no_article_says_so(name: str, problem: str) -> None:
    with pytest.raises(SourceError) as caught:
        page(name)
    assert str(caught.value) == f"{(WEB / name).resolve().as_uri()}: {problem}"


def test_a_page_without_json_ld_or_meta_date_falls_back_on_what_the_page_shows() -> None:
    html = (
        "<html><head><title>Ein Titel</title><meta property='og:title' content='Ein Titel'>"
        "</head><body><article><h1>Ein Titel</h1><p class='autor'>Anna Beispiel</p>"
        f"<time datetime='2023-05-02T09:00'>2. Mai</time><p>{'Ein Satz mit Inhalt. ' * 20}</p>"
        "</article></body></html>"
    )
    article = extract_article(Page("https://example.org/a", html.encode(), "text/html"))
    assert article.title == "Ein Titel"
    assert article.author == "Anna Beispiel"
    assert article.published == datetime(2023, 5, 2, 9, 0, tzinfo=CEST)  # the newsroom's zone
    assert article.url == "https://example.org/a"  # no canonical link: the address fetched


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_markdown_file_reads_back_as_imported(tmp_path: Path, name: str) -> None:
    article = page(name)
    path = tmp_path / "a.md"
    path.write_text(render(article), encoding="utf-8")
    read = read_article(path)
    assert (read.title, read.author, read.url, read.publisher) == (
        article.title,
        article.author,
        article.url,
        article.publisher,
    )
    assert read.published == article.published
    assert read.teaser == article.description
    assert read.sections == article.sections
    assert read.warnings == ()


@pytest.mark.parametrize(
    "text",
    [
        "Bürger*innen und Lehrer*innen",
        "Die Formel lautet a*b*c, nicht a_b_c.",
        "Es gilt: 3 < 5 und 7 > 2, <b>nicht fett</b>.",
        "[Eckige Klammern](und Klammern) bleiben, `so` auch.",
        "# Kein Titel, sondern ein Satz mit Raute.",
        "1. Mai: Der Tag der Arbeit.",
        "- Ein Gedankenstrich am Anfang.",
        "> Ein Zitat am Anfang.",
        r"Ein Backslash \ und ein escaptes \* bleiben.",
        "#Polizei110 und #24hPolizei",
    ],
)
def test_markup_in_the_text_survives_the_markdown_file(tmp_path: Path, text: str) -> None:
    article = Imported("Titel", None, None, "https://example.org/a", None, None, (), ())
    path = tmp_path / "a.md"
    escaped = escape(text)
    prose = "Die Redaktion schreibt über Größe und Maß der Dinge in unserer Stadt."
    path.write_text(render(article) + f"\n{escaped}\n\n{prose}\n", encoding="utf-8")
    assert read_article(path).sections[0].paragraphs == (text, prose)
    if "*innen" in text or text.startswith("#Polizei"):
        assert escaped == text  # plain text is written as it is


def test_feeds_are_told_from_pages_and_list_their_items() -> None:
    rss = (WEB / "kommentare.rss").read_text(encoding="utf-8").replace("{base}", "http://x.test")
    atom = (WEB / "region.atom").read_text(encoding="utf-8").replace("{base}", "http://x.test")
    # Servers send feeds as text/xml, and even as text/html.
    rss_page = Page("http://x.test/kommentare.rss", rss.encode(), "text/html")
    assert is_feed(rss_page)
    assert not is_feed(read_saved(WEB / "spiegel.html"))
    assert feed_links(rss_page) == [
        "http://x.test/politik/haushaltsstreit.html#ref=rss",
        "http://x.test/politik/klimageld.html?utm_source=rss&utm_medium=feed",
        "http://x.test/wirtschaft/bahnstreik.html",
        "http://x.test/muenchen/wohnungsbau.html",  # only a permalink guid
        "http://x.test/meinung/passwort.html",
        "http://x.test/niedersachsen/deich.html",
    ]
    assert feed_links(Page("http://x.test/a", atom.encode(), "application/atom+xml")) == [
        "http://x.test/meinung/kreisreform.html",
        "http://x.test/plus/rente.html",
        "http://x.test/meinung/geloescht.html",
    ]


def test_a_feed_without_items_says_so() -> None:
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    with pytest.raises(SourceError, match="the feed lists no item with a link"):
        feed_links(Page("http://x.test/feed", empty, "application/rss+xml"))


# The ledger: what a second run writes.


def changed(article: Imported, sentence: str) -> Imported:
    first, *rest = article.sections
    sections = (type(first)(first.heading, (*first.paragraphs, sentence)), *rest)
    return Imported(**{**article.__dict__, "sections": sections})


def test_a_second_import_writes_nothing_and_a_changed_article_is_updated(tmp_path: Path) -> None:
    article = page("spiegel.html")
    first = Ledger(tmp_path).store(article)
    assert first.action == "new"
    assert first.path.name == "2023-11-24-haushaltsstreit-die-ampel-ringt-um-17-milliarden.md"
    written = first.path.stat().st_mtime_ns
    again = Ledger(tmp_path).store(article)
    assert (again.action, again.path) == ("unchanged", first.path)
    assert first.path.stat().st_mtime_ns == written
    update = Ledger(tmp_path).store(changed(article, "Am Abend kam die Einigung doch."))
    assert (update.action, update.path) == ("updated", first.path)
    assert "Am Abend kam die Einigung doch." in first.path.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [LEDGER, first.path.name]


def test_an_edit_made_here_is_kept_and_a_removed_article_stays_removed(tmp_path: Path) -> None:
    article = page("zeit.html")
    path = Ledger(tmp_path).store(article).path
    edited = path.read_text(encoding="utf-8").replace("Klimageld", "Klima-Geld")
    path.write_text(edited, encoding="utf-8")
    assert Ledger(tmp_path).store(article).action == "unchanged"  # the source did not change
    kept = Ledger(tmp_path).store(changed(article, "Ein neuer Satz der Redaktion."))
    assert kept.action == "kept"
    assert "edited here since its import" in kept.reason
    assert path.read_text(encoding="utf-8") == edited
    forced = Ledger(tmp_path).store(changed(article, "Ein neuer Satz der Redaktion."), force=True)
    assert forced.action == "updated"
    assert "Ein neuer Satz der Redaktion." in path.read_text(encoding="utf-8")
    path.unlink()
    skipped = Ledger(tmp_path).store(article)
    assert skipped.action == "skipped"
    assert not path.exists()
    assert Ledger(tmp_path).store(article, force=True).action == "new"
    assert path.exists()


def test_a_file_with_the_same_url_is_found_without_the_ledger(tmp_path: Path) -> None:
    article = page("heise.html")
    path = Ledger(tmp_path).store(article).path
    (tmp_path / LEDGER).unlink()
    assert Ledger(tmp_path).store(article).action == "unchanged"
    assert Ledger(tmp_path).store(changed(article, "Nachtrag.")).action == "updated"
    assert [p.name for p in tmp_path.glob("*.md")] == [path.name]


def test_two_articles_with_one_title_and_day_get_two_files(tmp_path: Path) -> None:
    article = page("ndr.html")
    other = Imported(**{**article.__dict__, "url": "https://www.ndr.de/anderer-kommentar.html"})
    names = [Ledger(tmp_path).store(a).path.name for a in (article, other)]
    assert names == [
        "2023-10-22-kommentar-der-deich-schuetzt-nicht-ewig.md",
        "2023-10-22-kommentar-der-deich-schuetzt-nicht-ewig-2.md",
    ]


def test_a_broken_ledger_is_named(tmp_path: Path) -> None:
    (tmp_path / LEDGER).write_text("{not json", encoding="utf-8")
    with pytest.raises(SourceError, match=r"\.imported\.json: cannot read the import ledger"):
        Ledger(tmp_path)


def test_a_feed_item_never_makes_import_read_a_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.html"
    secret.write_text("<html><body><p>Nur für diesen Rechner.</p></body></html>", "utf-8")
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
        f"<item><link>{secret.as_uri()}</link></item></channel></rss>",
        encoding="utf-8",
    )
    (result,) = import_sources([str(feed)], tmp_path / "articles")
    assert result.action == "failed"
    assert result.reason.startswith("file:")
    assert result.reason.endswith(
        "geheim.html: a feed item that is no http(s) address is not followed"
    )
    assert list((tmp_path / "articles").glob("*.md")) == []
