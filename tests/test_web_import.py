"""`audio-edition import` against a news site served on 127.0.0.1 (tests/newsserver.py): a feed
brings in every page it lists, a second run writes nothing, a changed article is updated, and a
page that fails or is no article is reported while the others are imported."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from typer.testing import CliRunner, Result

from audio.cli import app
from audio.errors import SourceError
from audio.text.readers import find_articles, read_article
from audio.web.fetch import PER_HOST, Fetcher
from audio.web.importer import import_sources
from tests.conftest import PYPROJECT
from tests.newsserver import NewsServer, news_server

pytestmark = pytest.mark.slow

runner = CliRunner()
PAGES = {
    "/politik/haushaltsstreit.html": "spiegel.html",
    "/politik/klimageld.html": "zeit.html",
    "/wirtschaft/bahnstreik.html": "faz.html",
    "/muenchen/wohnungsbau.html": "sueddeutsche.html",
    "/meinung/passwort.html": "heise.html",
    "/niedersachsen/deich.html": "ndr.html",
}
TITLES = {
    "Haushaltsstreit: Die Ampel ringt um 17 Milliarden Euro": "Anna Beispiel und Ben Muster",
    "Klimageld: Ein Versprechen, das keiner mehr einlösen will": "Cem Probe",
    "Bahnstreik: Die Geduld der Pendler ist am Ende": "Dora Beispiel",
    "Bauen, bauen, bauen – aber wo?": "Emil Muster",
    "Kommentar: Das Passwort muss endlich sterben": "Felix Probe",
    "Kommentar: Der Deich schützt nicht ewig": "Greta Beispiel",
}


@pytest.fixture
def site() -> Iterator[NewsServer]:
    with news_server() as server:
        server.serve("/kommentare.rss", "kommentare.rss")
        for path, name in PAGES.items():
            server.serve(path, name)
        yield server


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in list(__import__("os").environ):
        if name.startswith("AUDIO_EDITION_"):
            monkeypatch.delenv(name)
    return tmp_path


def run(*args: str) -> Result:
    return runner.invoke(app, [*args], catch_exceptions=False)


def lines(result: Result) -> list[str]:
    return [" ".join(line.split()) for line in result.output.splitlines()]


def test_a_feed_imports_every_page_it_lists(site: NewsServer, newsroom: Path) -> None:
    result = run("import", f"{site.base}/kommentare.rss")
    assert result.exit_code == 0, result.output
    assert lines(result)[-1] == "import: 6 new"
    articles = [read_article(path) for path in find_articles(newsroom / "articles")]
    assert {a.title: a.author for a in articles} == TITLES
    spiegel = next(a for a in articles if a.publisher == "DER SPIEGEL")
    assert spiegel.source.name == "2023-11-24-haushaltsstreit-die-ampel-ringt-um-17-milliarden.md"
    assert spiegel.published.isoformat() == "2023-11-24T18:02:00+01:00"
    assert spiegel.url.startswith("https://www.spiegel.de/politik/deutschland/haushaltsstreit")
    assert spiegel.teaser == (
        "Nach dem Urteil aus Karlsruhe fehlt Geld. Die Koalition sucht einen Ausweg – und "
        "streitet über die Schuldenbremse."
    )
    for article in articles:
        assert article.warnings == (), article.source
        text = article.text
        for phrase in ("Lesen Sie", "Foto", "Newsletter", "Kommentare", "Abo", "Teilen"):
            assert phrase not in text, (article.source, phrase)
    # The page's own address only where the page names no canonical one: here every page does.
    assert all(site.base not in a.url for a in articles)


def test_a_second_run_writes_nothing_and_a_changed_article_is_updated(
    site: NewsServer, newsroom: Path
) -> None:
    feed = f"{site.base}/kommentare.rss"
    assert run("import", feed).exit_code == 0
    folder = newsroom / "articles"
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    again = run("import", feed)
    assert again.exit_code == 0
    assert lines(again) == ["import: 6 unchanged"]
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before

    route = site.routes["/meinung/passwort.html"]
    route.body = route.body.replace(
        b"beim Umstieg begleiten. (fpr)",
        b"beim Umstieg begleiten. Nachtrag: Ein erster Anbieter hat reagiert. (fpr)",
    )
    changed = run("import", feed)
    assert changed.exit_code == 0
    (updated,) = [line for line in lines(changed) if line.startswith("updated")]
    assert updated.startswith(f"updated {site.base}/meinung/passwort.html → ")
    assert lines(changed)[-1] == "import: 1 updated, 5 unchanged"
    path = Path(updated.split(" → ")[1])
    assert "Nachtrag: Ein erster Anbieter hat reagiert." in path.read_text(encoding="utf-8")
    after = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert sorted(after) == sorted(before)  # updated in place: no new file, no temporary left
    assert sorted(name for name in after if after[name] != before[name]) == sorted(
        [path.name, ".imported.json"]
    )


def test_failing_sources_are_reported_and_the_others_imported(
    site: NewsServer, newsroom: Path
) -> None:
    site.serve("/", "frontpage.html")
    site.serve("/region.atom", "region.atom")
    site.serve("/meinung/kreisreform.html", "kreisbote.html")
    site.serve("/plus/rente.html", "plus.html")
    site.routes["/bild.png"] = type(site.routes["/"])(b"\x89PNG\r\n\x1a\n", "image/png")
    closed = "http://127.0.0.1:9/gibt-es-nicht.html"  # the discard port: nobody listens
    missing = str(newsroom / "fehlt.html")
    result = run("import", f"{site.base}/", f"{site.base}/region.atom", closed, missing)
    assert result.exit_code == 1
    picture = run("import", f"{site.base}/bild.png")
    assert (
        lines(picture)[0]
        == f"error: {site.base}/bild.png: is image/png, neither a web page nor a feed"
    )
    errors = sorted(line for line in lines(result) if line.startswith("error:"))
    # The system words the refused connection ("[Errno 111] Connection refused" on Linux).
    (refused,) = [line for line in errors if line.startswith(f"error: {closed}: ")]
    assert refused.startswith(f"error: {closed}: cannot fetch it: Failed to establish a new ")
    assert refused.endswith("Connection refused (4 tries)")
    errors.remove(refused)
    assert errors == sorted([
        f"error: {newsroom / 'fehlt.html'}: cannot read it: No such file or directory",
        f"error: {site.base}/: is not an article page (it says it is a WebSite)",
        f"error: {site.base}/meinung/geloescht.html: the server answered HTTP 404",
        f"error: {site.base}/plus/rente.html: is not an article page, or only its beginning is "
        "free: 16 words of running text, fewer than 60",
    ])  # fmt: skip
    assert lines(result)[-1] == "import: 1 new, 5 failed"
    (article,) = [read_article(p) for p in find_articles(newsroom / "articles")]
    assert (article.title, article.author) == ("Die Kreisreform braucht die Bürger", "Hans Muster")
    assert "Königsallee" in article.text  # ISO-8859-1, as the page said


def test_fetching_is_polite_and_retries(site: NewsServer, tmp_path: Path) -> None:
    for route in site.routes.values():
        route.delay = 0.2
    site.routes["/politik/klimageld.html"].failures = [503, 429]
    results = import_sources(
        [f"{site.base}/kommentare.rss"],
        tmp_path,
        contact="https://example.org/podcast/",
        fetcher=Fetcher("https://example.org/podcast/", backoff=0.01),
    )
    assert sorted(r.action for r in results) == ["new"] * 6
    assert site.hits("/politik/klimageld.html?utm_source=rss&utm_medium=feed") == 3
    assert site.most_in_flight == PER_HOST
    agents = {agent for _, agent in site.requests}
    assert agents == {
        "Mozilla/5.0 (compatible; audio-edition/0.1.0; +https://example.org/podcast/)"
    }


def test_a_server_that_does_not_answer_in_time_is_reported(site: NewsServer) -> None:
    site.routes["/politik/klimageld.html"].delay = 2.0
    fetcher = Fetcher(backoff=0.01, read_timeout=0.2)
    with pytest.raises(SourceError) as caught:
        fetcher.get(f"{site.base}/politik/klimageld.html")
    assert str(caught.value) == (
        f"{site.base}/politik/klimageld.html: cannot fetch it: no answer in time (timed out) "
        "(4 tries)"
    )


def test_a_saved_page_is_imported_under_its_canonical_address(newsroom: Path) -> None:
    saved = Path(__file__).parent / "data" / "web" / "zeit.html"
    result = run("import", str(saved), "--articles", "kommentare")
    assert result.exit_code == 0, result.output
    (path,) = find_articles(newsroom / "kommentare")
    assert path.name == "2023-11-23-klimageld-ein-versprechen-das-keiner-mehr.md"
    assert read_article(path).url == (
        "https://www.zeit.de/politik/deutschland/2023-11/klimageld-koalition-versprechen"
    )


def test_a_saved_page_may_be_named_by_a_file_url_and_other_schemes_are_refused(
    newsroom: Path,
) -> None:
    saved = Path(__file__).parent / "data" / "web" / "zeit.html"
    result = run("import", saved.as_uri(), "ftp://example.org/kommentar.html")
    assert result.exit_code == 1
    (path,) = find_articles(newsroom / "articles")
    assert read_article(path).title == "Klimageld: Ein Versprechen, das keiner mehr einlösen will"
    assert (
        "error: ftp://example.org/kommentar.html: cannot fetch ftp:// addresses; only http(s) "
        "and files"
    ) in " ".join(result.output.split())


def test_without_sources_import_says_what_to_do(newsroom: Path) -> None:
    result = run("import")
    assert result.exit_code == 1
    assert "nothing to import: name a page or feed, or list them in the sources setting" in (
        " ".join(result.output.split())
    )


def test_build_import_imports_the_sources_and_builds_them(site: NewsServer, newsroom: Path) -> None:
    """What a cron job runs: one command imports what is new and builds it."""
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Zwei</title>'
        f"<item><link>{site.base}/politik/haushaltsstreit.html</link></item>"
        f"<item><link>{site.base}/meinung/passwort.html</link></item></channel></rss>"
    )
    site.routes["/zwei.rss"] = type(site.routes["/kommentare.rss"])(feed.encode(), "text/xml")
    with (newsroom / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write(f'sources = ["{site.base}/zwei.rss"]\n')
    result = run("build", "--import")
    assert result.exit_code == 0, result.output
    assert "import: 2 new" in lines(result)
    parsed = feedparser.parse(newsroom / "output" / "feed.xml")
    assert sorted(entry.title for entry in parsed.entries) == [
        "Haushaltsstreit: Die Ampel ringt um 17 Milliarden Euro",
        "Kommentar: Das Passwort muss endlich sterben",
    ]
    authors = sorted(entry.author for entry in parsed.entries)
    assert authors == ["Anna Beispiel und Ben Muster", "Felix Probe"]
    again = run("build", "--import")
    assert again.exit_code == 0
    assert "import: 2 unchanged" in lines(again)
    assert re.search(r"\b2 unchanged\b", again.output)
