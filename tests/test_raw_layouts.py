"""The layouts newsrooms export, each read right or reported. Every article here is written for
these tests; only the layout (where title, byline, dateline, credits and links stand, and how
they are spelled) follows real German news pages: regional papers' commentaries, agency and
police copy."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from audio.text.article import Article
from audio.text.readers import read_article
from audio.text.readers.datelines import parse_dateline, parse_stamps
from audio.text.readers.fields import (
    parse_agency,
    parse_byline,
    parse_name_place,
    split_closing_tag,
    split_lead_in,
)
from audio.text.readers.furniture import (
    BUTTON,
    CAPTION,
    CONSENT,
    CREDIT,
    LINK,
    NAVIGATION,
    PROMPT,
    furniture,
)

BERLIN = ZoneInfo("Europe/Berlin")
BODY = (
    "Die Koalition hat sich vertagt. Bis Montag soll ein Vorschlag auf dem Tisch liegen, der die "
    "Lücke von 17 Milliarden Euro schließt.\n\n"
    "Ob das gelingt, ist offen. Die Länder drängen auf eine schnelle Lösung."
)


def read(tmp_path: Path, text: str, name: str = "kommentar.txt") -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_article(path)


def paragraphs(article: Article) -> list[str]:
    return [p for section in article.sections for p in section.paragraphs]


# Titles: a headline may end as a sentence never does in running text.


@pytest.mark.parametrize(
    "title",
    [
        "Frage der Woche: Hat das Bundesverfassungsgericht das letzte Wort?",
        "Stephan Weil: „Ein Armutszeugnis für den Finanzminister“",
        'Der Kanzler und das "Machtwort"',
        "Schluss mit dem Stillstand!",
        "Ein Haushalt auf Kante (und auf Pump)",
        "Wer zahlt die Zeche?",
        "Und dann kam der Winter …",
    ],
)
def test_a_title_line_is_the_title_whatever_it_ends_with(tmp_path: Path, title: str) -> None:
    article = read(
        tmp_path,
        f"{title}\n\nDer Streit um das Geld geht in die nächste Runde. Die Länder sind "
        f"verärgert.\n\nVon Anna Beispiel\n\n21. Januar 2022, 19:00 Uhr\n\n{BODY}\n",
    )
    assert article.title == title
    assert article.teaser == (
        "Der Streit um das Geld geht in die nächste Runde. Die Länder sind verärgert."
    )
    assert paragraphs(article)[0].startswith("Die Koalition hat sich vertagt.")
    assert article.warnings == ()


def test_a_title_without_a_teaser_is_not_taken_for_one(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        "Frage der Woche: Hat das Bundesverfassungsgericht das letzte Wort?\n\n"
        f"Ein Kommentar von Anna Beispiel\n\n21. Januar 2022 | 19:00 Uhr\n\n{BODY}\n",
    )
    assert article.title == "Frage der Woche: Hat das Bundesverfassungsgericht das letzte Wort?"
    assert article.teaser is None
    assert article.author == "Anna Beispiel"
    assert paragraphs(article)[0].startswith("Die Koalition hat sich vertagt.")


def test_a_kicker_runs_into_the_title_and_a_label_is_reported(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        "Kommentar\n\nHaushaltsstreit\n\nStephan Weil: „Ein Armutszeugnis für den "
        "Finanzminister“\n\nDer Ministerpräsident sieht großen Schaden. Er will neue Regeln.\n\n"
        f"Von Anna Beispiel\n\n21.01.2022\n\n{BODY}\n",
    )
    assert article.title == (
        "Haushaltsstreit – Stephan Weil: „Ein Armutszeugnis für den Finanzminister“"
    )
    assert article.teaser == "Der Ministerpräsident sieht großen Schaden. Er will neue Regeln."
    assert article.warnings == ("line 1: the label 'Kommentar' is not read",)


def test_a_title_from_the_teaser_is_reported_as_a_guess(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        "Die Koalition streitet weiter über den Haushalt. Eine Einigung ist nicht in Sicht.\n\n"
        f"Von Anna Beispiel\n\n21.01.2022\n\n{BODY}\n",
    )
    assert article.title == "Die Koalition streitet weiter über den Haushalt"
    assert article.warnings == (
        "line 1: no title line; the title is cut from there: "
        "'Die Koalition streitet weiter über den Haushalt'",
    )


# Bylines.


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Von Anna Beispiel, Berlin", "Anna Beispiel"),
        ("Von Anna Beispiel, Frankfurt am Main", "Anna Beispiel"),
        ("Von Anna Beispiel, Brüssel/Straßburg", "Anna Beispiel"),
        ("Von Anna Beispiel und Ben Muster", "Anna Beispiel und Ben Muster"),
        ("Von Anna Beispiel, Ben Muster und Cem Probe", "Anna Beispiel, Ben Muster und Cem Probe"),
        ("Von Anna Beispiel und Ben Muster, Berlin", "Anna Beispiel und Ben Muster"),
        ("Ein Kommentar von Ben Muster", "Ben Muster"),
        ("Von unserem Korrespondenten Ben Muster", "Ben Muster"),
        ("Von unserer Korrespondentin Anna Beispiel, Paris", "Anna Beispiel"),
        ("Von unserem Berliner Korrespondenten Ben Muster", "Ben Muster"),
        ("Ein Gastbeitrag von Cem Probe", "Cem Probe"),
        ("Ein Kommentar von OTZ-Chefredakteur Jörg Probe", "Jörg Probe"),
        ("Von Chefredakteurin Anna Beispiel", "Anna Beispiel"),
        ("Die Rückkehr von Donald Trump!", None),
        ("Die Frage von Krieg und Frieden.", None),
    ],
)
def test_bylines(line: str, author: str | None) -> None:
    assert parse_byline(line) == author


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Anna Beispiel, Berlin", "Anna Beispiel"),
        ("Ursula von der Probe, Brüssel", "Ursula von der Probe"),
        ("Berlin, Hamburg", None),  # one word is no name
        ("Viel Lärm um nichts, sagen die Grünen", None),
    ],
)
def test_name_and_place_bylines(line: str, author: str | None) -> None:
    assert parse_name_place(line) == author


def test_a_name_and_place_byline_is_read_from_the_header(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        "Radwege für die Hansestadt\n\nDer Senat plant neue Wege. Die Kosten sind hoch.\n\n"
        f"Anna Beispiel, Hamburg\n\n21.01.2022\n\n{BODY}\n",
    )
    assert (article.title, article.author) == ("Radwege für die Hansestadt", "Anna Beispiel")
    assert article.teaser == "Der Senat plant neue Wege. Die Kosten sind hoch."


def test_a_byline_and_a_dateline_on_one_line(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        "Radwege für die Hansestadt\n\nDer Senat plant neue Wege. Die Kosten sind hoch.\n\n"
        f"Von Anna Beispiel | 21.01.2022, 19:00 Uhr\n\n{BODY}\n",
    )
    assert article.author == "Anna Beispiel"
    assert article.published == datetime(2022, 1, 21, 19, 0, tzinfo=BERLIN)
    assert article.warnings == ()


# Datelines.


@pytest.mark.parametrize(
    ("line", "moment"),
    [
        ("Fr., 21.01.2022 um 19:00 Uhr", (2022, 1, 21, 19, 0)),
        ("Freitag, 21. Januar 2022, 19.00 Uhr", (2022, 1, 21, 19, 0)),
        ("21. Januar 2022 | 19:00 Uhr", (2022, 1, 21, 19, 0)),
        ("21.01.2022 · 19:00 Uhr", (2022, 1, 21, 19, 0)),
        ("21.01.2022", (2022, 1, 21, 0, 0)),
        ("21.1.22, 19 Uhr", (2022, 1, 21, 19, 0)),
        ("Stand: 10.06.2022 21:00 Uhr", (2022, 6, 10, 21, 0)),
        ("Erscheinungsdatum: 03. Dezember 2023", (2023, 12, 3, 0, 0)),
        ("Veröffentlicht am Sonnabend, 4. März 2023", (2023, 3, 4, 0, 0)),
        ("Berlin, 21.01.2022", (2022, 1, 21, 0, 0)),
        ("2022-01-21 19:00", (2022, 1, 21, 19, 0)),
        # The update stands beside the publication: the first publication counts.
        ("Fr., 21.01.2022 um 19:00 Uhr | Aktualisiert am 22.01.2022, 8:15 Uhr",
         (2022, 1, 21, 19, 0)),
        ("Aktualisiert: 22.01.2022, 08:15 Uhr, veröffentlicht: 21.01.2022", (2022, 1, 21, 0, 0)),
        ("Veröffentlicht am 21.01.2022 um 19:00 Uhr und aktualisiert am 22.01.2022",
         (2022, 1, 21, 19, 0)),
        ("Am 21.01.2022 war Stichtag.", None),
        ("21.01.2022, 19:00 Uhr: Die Lage", None),
        ("32.01.2022", None),
    ],
)  # fmt: skip
def test_datelines(line: str, moment: tuple[int, ...] | None) -> None:
    expected = datetime(*moment, tzinfo=BERLIN) if moment else None
    assert parse_dateline(line) == expected


def test_an_update_is_told_apart_from_the_publication() -> None:
    stamps = parse_stamps("21. Januar 2022, 19:00 Uhr | Zuletzt aktualisiert: 22.01.2022, 8:15")
    assert [(s.moment.day, s.moment.hour, s.updated) for s in stamps] == [
        (21, 19, False),
        (22, 8, True),
    ]


def test_publication_and_update_on_separate_lines_keep_the_publication(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        "Radwege für die Hansestadt\n\nDer Senat plant neue Wege. Die Kosten sind hoch.\n\n"
        "Von Anna Beispiel\n\nAktualisiert am 23.01.2022, 10:00 Uhr\n\n"
        f"Veröffentlicht am 21.01.2022, 19:00 Uhr\n\n{BODY}\n",
    )
    assert article.published == datetime(2022, 1, 21, 19, 0, tzinfo=BERLIN)
    assert article.warnings == ()


def test_an_update_alone_is_taken_and_reported(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        "Radwege für die Hansestadt\n\nDer Senat plant neue Wege. Die Kosten sind hoch.\n\n"
        f"Von Anna Beispiel\n\nStand: 10.06.2022 21:00 Uhr\n\n{BODY}\n",
    )
    assert article.published == datetime(2022, 6, 10, 21, 0, tzinfo=BERLIN)
    assert article.warnings == (
        "line 7: the dateline gives only the last update; it is taken as the time of publication",
    )


# Agency copy.


@pytest.mark.parametrize(
    ("line", "agencies"),
    [
        ("(dpa)", "dpa"),
        ("dpa/lno", "dpa"),
        ("(dpa/tmn)", "dpa"),
        ("jol/dpa", "dpa"),
        ("Quelle: AFP", "AFP"),
        ("mit Material von dpa und AFP", "dpa und AFP"),
        ("(AFP, Reuters)", "AFP und Reuters"),
        ("dpa/Matthias Probe", None),  # a photographer: a photo credit
        ("Die dpa meldet", None),
        ("Freiburg (ots)", "ots"),  # a press release's mark alone on its line
        ("Bad Homburg (dpa-AFX)", "dpa-AFX"),
        ("Olaf Scholz (SPD)", None),
    ],
)
def test_agency_tags(line: str, agencies: str | None) -> None:
    assert parse_agency(line) == agencies


@pytest.mark.parametrize(
    ("paragraph", "mark", "agency"),
    [
        ("Berlin (dpa) - Die Regierung tagt.", "Berlin (dpa) -", "dpa"),
        ("Hannover (dts Nachrichtenagentur) – Der Landtag tagt.", None, "dts Nachrichtenagentur"),
        ("Frankfurt/Main (dpa/lhe) - Die Börse schloss fester.", "Frankfurt/Main (dpa/lhe) -",
         "dpa"),
        ("Stuttgart - Das Land plant neue Wege.", "Stuttgart -", None),
        ("Die Regierung - und nur sie - entscheidet.", None, None),
        ("Berlin ist - wie immer - gespalten.", None, None),
    ],
)  # fmt: skip
def test_lead_ins(paragraph: str, mark: str | None, agency: str | None) -> None:
    lead_in = split_lead_in(paragraph)
    if mark is None and agency is None:
        assert lead_in is None
        return
    assert lead_in is not None
    assert lead_in.agency == agency
    assert lead_in.rest[0].isupper()
    if mark:
        assert lead_in.mark == mark


def test_agency_copy_names_the_agency_as_a_guessed_author(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        "Landtag beschließt Haushalt\n\n"
        "Hannover (dpa) - Der Landtag hat den Haushalt für das kommende Jahr beschlossen. Die "
        "Opposition stimmte dagegen.\n\n21.01.2022, 19:00 Uhr\n\n"
        "Der Etat umfasst gut 40 Milliarden Euro.\n\n(dpa)\n",
    )
    assert article.author == "dpa"
    assert article.teaser == (
        "Der Landtag hat den Haushalt für das kommende Jahr beschlossen. Die Opposition "
        "stimmte dagegen."
    )
    assert paragraphs(article) == ["Der Etat umfasst gut 40 Milliarden Euro."]
    assert article.warnings == (
        "line 3: the place and agency mark 'Hannover (dpa) -' is not read",
        "line 3: no byline found; the agency 'dpa' is named as the author",
    )


def test_an_agency_tag_beside_a_byline_is_dropped_and_reported(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        f"Landtag beschließt Haushalt\n\nVon Anna Beispiel\n\n21.01.2022\n\n{BODY}\n\ndpa/lni\n",
    )
    assert article.author == "Anna Beispiel"
    assert paragraphs(article)[-1].endswith("auf eine schnelle Lösung.")
    assert article.warnings == ("line 11: the agency tag 'dpa' is not read",)


def test_an_editors_initials_after_the_last_sentence_are_reported(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        "Das Passwort muss sterben\n\nVon Anna Beispiel\n\n21.01.2022\n\n"
        "Die Anbieter sollten einen Termin nennen. (fpr)\n",
    )
    assert paragraphs(article) == ["Die Anbieter sollten einen Termin nennen."]
    assert article.warnings == ("line 7: the editor's initials '(fpr)' are not read",)


@pytest.mark.parametrize(
    ("signed", "author"),
    [
        ("Max Muster", "Max Muster"),
        ("Von Max Muster", "Max Muster"),
        ("Ulla von Probe", "Ulla von Probe"),
    ],
)
def test_the_authors_name_under_the_text_is_the_byline(
    tmp_path: Path, signed: str, author: str
) -> None:
    """A regional paper's layout: headline and dateline on top, the name after the last line."""
    article = read(
        tmp_path,
        f"Kommentar: Die Brücke kommt zu spät\n\n21.05.2017, 21:07 Uhr\n\n{BODY}\n\n{signed}\n",
    )
    assert article.author == author
    assert paragraphs(article) == BODY.split("\n\n")
    assert article.warnings == (
        f"line 9: the author's name under the text is not read: {author!r}",
    )


def test_a_name_under_the_text_gives_way_to_the_byline_and_a_greeting_is_read(
    tmp_path: Path,
) -> None:
    header = "Kommentar: Die Brücke kommt zu spät\n\nVon Anna Beispiel\n\n21.05.2017, 21:07 Uhr\n\n"
    signed = read(tmp_path, f"{header}{BODY}\n\nMax Muster\n")
    assert (signed.author, paragraphs(signed)) == ("Anna Beispiel", BODY.split("\n\n"))
    greeting = read(tmp_path, f"{header}{BODY}\n\nFrohe Weihnachten\n")
    assert paragraphs(greeting)[-1] == "Frohe Weihnachten"
    unfinished = read(tmp_path, f"{header}Die Koalition hat sich vertagt, weil\n\nMax Muster\n")
    assert paragraphs(unfinished)[-1] == "Max Muster"


@pytest.mark.parametrize(
    ("paragraph", "kept", "tag"),
    [
        ("Die Anbieter sollten handeln. (fpr)", "Die Anbieter sollten handeln.", "fpr"),
        ("Der Etat steht. (dpa/tmn)", "Der Etat steht.", "dpa/tmn"),
        ("Er sagte: „Ja.“ (jk)", "Er sagte: „Ja.“", "jk"),
        ("Das sagte Olaf Scholz (SPD).", "Das sagte Olaf Scholz (SPD).", None),
        ("Es gilt die Regel (sic)", "Es gilt die Regel (sic)", None),
        ('Wahlkampf lebt davon."/yyzz/DP/stw', 'Wahlkampf lebt davon."', "/yyzz/DP/stw"),
        ("Der Zug fährt nach Berlin/Hamburg.", "Der Zug fährt nach Berlin/Hamburg.", None),
        (
            "Jetzt wird gespart. https://www.example.org/k1",
            "Jetzt wird gespart.",
            "https://www.example.org/k1",
        ),
        (
            "Mehr steht unter https://www.example.org/k1",
            "Mehr steht unter https://www.example.org/k1",
            None,
        ),
    ],
)
def test_closing_tags(paragraph: str, kept: str, tag: str | None) -> None:
    assert split_closing_tag(paragraph) == (kept, tag)


def test_a_byline_run_into_its_dateline_and_a_label_under_the_text(tmp_path: Path) -> None:
    """A regional site's scrape: no separator between byline and update time, and the section
    label left under the last paragraph."""
    article = read(
        tmp_path,
        "News im Blog: Der Tag im Ticker\n\nAlles Wichtige aus der Stadt, den ganzen Tag über. "
        "Was heute passiert, lesen Sie hier zuerst.\n\n"
        "Von Frank Probe Aktualisiert: 10.11.2025, 22:25\n\n"
        "Im Rat gab es eine lange Debatte über den Haushalt. Am Ende wurde vertagt.\n\n"
        "Kommentar\n",
    )
    assert article.title == "News im Blog: Der Tag im Ticker"
    assert article.author == "Frank Probe"
    assert article.published == datetime(2025, 11, 10, 22, 25, tzinfo=BERLIN)
    assert paragraphs(article) == [
        "Im Rat gab es eine lange Debatte über den Haushalt. Am Ende wurde vertagt."
    ]
    assert article.warnings == (
        "line 5: the dateline gives only the last update; it is taken as the time of publication",
        "line 9: the label 'Kommentar' is not read",
    )


def test_a_browser_copy_with_everything_run_together_at_the_top(tmp_path: Path) -> None:
    """Breadcrumbs as a numbered list, a label and a dateline on two lines of one paragraph, the
    headline below the dateline, a caption once without and once with its credit."""
    article = read(
        tmp_path,
        "  1. Kreisbote.de\n  2. >\n  3. Lokal\n  4. >\n  5. Nachrichten\n\n"
        "Interview\nErscheinungsdatum: 03. Dezember 2023\n\n"
        "Die Landrätin: „Wir bauen keine Luftschlösser“\n\n"
        "Von Anna Beispiel Aktualisiert: 04.12.2023, 09:10\n"
        "Die Landrätin im Kreistag.\n"
        "Die Landrätin im Kreistag. (Foto: Ida Probe)\n\n"
        "Frau Landrätin, der Kreis muss sparen. Wo fangen Sie an?\n\n"
        "Bei uns selbst. Die Verwaltung wird kleiner, und das merkt man auch im Rathaus.\n",
    )
    assert article.title == "Die Landrätin: „Wir bauen keine Luftschlösser“"
    assert article.author == "Anna Beispiel"
    assert article.published == datetime(2023, 12, 3, tzinfo=BERLIN)  # not the update
    assert paragraphs(article) == [
        "Frau Landrätin, der Kreis muss sparen. Wo fangen Sie an?",
        "Bei uns selbst. Die Verwaltung wird kleiner, und das merkt man auch im Rathaus.",
    ]
    assert article.warnings == (
        "line 1: a breadcrumb trail is not read: "
        "'1. Kreisbote.de 2. > 3. Lokal 4. > 5. Nachrichten'",
        "line 7: the label 'Interview' is not read",
        "line 13: an image caption is not read: 'Die Landrätin im Kreistag.'",
        "line 14: an image caption is not read: 'Die Landrätin im Kreistag. (Foto: Ida Probe)'",
    )


def test_a_dateline_run_into_the_headline(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        "Stand: 10.06.2022 21:00 Uhr Hafen-Blog: Neue Kräne für das Terminal\n\n"
        "Der Hafen hat am Freitag über seine Pläne informiert. Die Arbeiten beginnen im Herbst "
        "und sollen zwei Jahre dauern.\n\nDas Wichtigste in Kürze:\n\nDrei neue Kräne.\n",
    )
    assert article.title == "Hafen-Blog: Neue Kräne für das Terminal"
    assert article.published == datetime(2022, 6, 10, 21, 0, tzinfo=BERLIN)
    assert paragraphs(article)[0].startswith("Der Hafen hat am Freitag")


def test_a_press_review_from_a_wire(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        'KREISSTADT (dpa-AFX) - "Kreisbote" zum Haushalt:\n\n'
        '"Der Kreis hat zu lange gewartet. Jetzt bleibt nur noch der Rotstift, und der trifft '
        'die Falschen."/abc/DP/xyz\n',
    )
    assert article.title == '"Kreisbote" zum Haushalt'
    assert article.author == "dpa-AFX"
    assert paragraphs(article) == [
        '"Der Kreis hat zu lange gewartet. Jetzt bleibt nur noch der Rotstift, und der trifft '
        'die Falschen."'
    ]
    assert article.warnings == (
        "line 1: the place and agency mark 'KREISSTADT (dpa-AFX) -' is not read",
        "line 1: no byline found; the agency 'dpa-AFX' is named as the author",
        "line 3: the wire's desk codes '/abc/DP/xyz' are not read",
        "no dateline found, the time of the first build is used",
    )


def test_police_copy(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        "POL-KA: (KA) Ettlingen - Radfahrer bei Unfall verletzt\n\n"
        "Ettlingen (ots) - Ein Radfahrer ist am Donnerstagabend an einer Kreuzung gestürzt. Die "
        "Polizei sucht Zeugen.\n\nHinweise nimmt das Revier unter 07243 3200-0 entgegen.\n\n"
        "Rückfragen bitte an:\n\nPolizeipräsidium Karlsruhe\nPressestelle\n"
        "Telefon: 0721 666-1111\n",
    )
    assert article.title == "Ettlingen - Radfahrer bei Unfall verletzt"
    assert article.author is None  # ots only distributes the release
    assert paragraphs(article) == [
        "Ein Radfahrer ist am Donnerstagabend an einer Kreuzung gestürzt. Die Polizei sucht "
        "Zeugen.",
        "Hinweise nimmt das Revier unter 07243 3200-0 entgegen.",
    ]
    assert article.warnings == (
        "line 1: the office code 'POL-KA: (KA)' is not read",
        "line 3: the place and agency mark 'Ettlingen (ots) -' is not read",
        "lines 7-9: the contact block under a press release is not read",
        "no byline found, the podcast's author is named instead",
        "no dateline found, the time of the first build is used",
    )


# What a listener must never hear.


@pytest.mark.parametrize(
    ("block", "kind"),
    [
        ("Foto: dpa", CREDIT),
        ("© picture alliance / dpa", CREDIT),
        ("Bildrechte: Colourbox.de", CREDIT),
        ("Symbolbild", CREDIT),
        ("dpa/Matthias Probe", CREDIT),
        ("imago images/Sven Muster", CREDIT),
        ("Der Minister beim Empfang 2023. Bild: Ulmer", CAPTION),
        ("Pendler am Hauptbahnhof. © picture alliance / dpa Foto: Swen Probe", CAPTION),
        ("Schüler im Unterricht. (Quelle: dpa/Matthias Probe)", CAPTION),
        ("Lesen Sie auch: Was das Urteil für die Länder bedeutet", LINK),
        ("Lesen Sie dazu auch den Kommentar unseres Korrespondenten.", LINK),
        ("Mehr zum Thema", LINK),
        ("Weitere Informationen:", LINK),
        ("» Auch interessant: Die besten Radwege im Norden", LINK),
        ("Artikel teilen", BUTTON),
        ("Facebook | Twitter | WhatsApp | E-Mail", BUTTON),
        ("12 Kommentare", BUTTON),
        ("Anzeige", BUTTON),
        ("Jetzt weiterlesen mit SZ Plus", PROMPT),
        ("Weiterlesen mit F+. Jetzt 30 Tage kostenfrei testen.", PROMPT),
        ("Die Lage am Abend: Melden Sie sich hier für unseren Newsletter an.", PROMPT),
        ("Dieser Artikel gehört zum Angebot von SPIEGEL+.", PROMPT),
        ("Dieses Thema im Programm: NDR Info | Aktuell | 22.10.2023 | 12:30 Uhr", BUTTON),
        ("2 Bilder", BUTTON),
        ("Lesezeit: 3 min", BUTTON),
        ("4 Min. Lesezeit", BUTTON),
        ("Die Lesezeit der Akten betrug 3 Minuten.", None),
        ("Leere Gleise am Morgen. (Grafik: Tobias Probe)", CAPTION),
        ("Startseite > Politik > Deutschland", NAVIGATION),
        ("1. Kreisbote.de 2. > 3. Lokal 4. > 5. Nachrichten", NAVIGATION),
        ("Inhalt ARTIKEL AUF EINER SEITE LESEN > Vorherige Seite Nächste Seite", BUTTON),
        ("2. >", NAVIGATION),
        ("Weiter mit Tracking durch Dritte", CONSENT),
        ("Zum Angebot Bereits PUR-Abonnent? Hier anmelden", CONSENT),
        ("Wir verwenden Cookies, um Ihnen das beste Angebot zu zeigen.", CONSENT),
        ("Akzeptieren und weiter", CONSENT),
        ("Zustimmen kann man dem Plan nicht.", None),
        ("Die Cookie-Banner nerven, und dem Datenschutz helfen sie wenig.", None),
        ("Dieser Artikel ist exklusiv für Abonnenten.", PROMPT),
        ("Melden Sie sich hier für unseren Newsletter an.", PROMPT),
        # Article text that merely mentions such things stays.
        ("Das Foto zeigt den Minister beim Empfang.", None),
        ("Die Arbeitslosigkeit stieg auf 5,3 Prozent (Quelle: Bundesagentur für Arbeit).", None),
        ("Weitere Informationen gibt es beim Bürgeramt.", None),
        ("Mehr denn je zählt jetzt der Zusammenhalt.", None),
        ("Der Newsletter-Versand der Stadt wurde eingestellt, sagte die Sprecherin.", None),
    ],
)  # fmt: skip
def test_page_furniture(block: str, kind: str | None) -> None:
    assert furniture(block) == kind


def test_credits_links_and_buttons_are_dropped_and_reported_by_line(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        "Radwege für die Hansestadt\n\nDer Senat plant neue Wege. Die Kosten sind hoch.\n\n"
        "Von Anna Beispiel\n\nFoto: Jan Probe/dpa\n\n21.01.2022\n\n"
        "Die Koalition hat sich vertagt. Bis Montag soll ein Vorschlag kommen.\n\n"
        "Lesen Sie auch: Was die Radwege kosten\n\n"
        "Radfahrer am Jungfernstieg. Foto: Ben Muster\n\n"
        "Ob das gelingt, ist offen.\n\nArtikel teilen\n",
    )
    assert paragraphs(article) == [
        "Die Koalition hat sich vertagt. Bis Montag soll ein Vorschlag kommen.",
        "Ob das gelingt, ist offen.",
    ]
    assert article.published == datetime(2022, 1, 21, tzinfo=BERLIN)
    assert article.warnings == (
        "line 7: a photo credit is not read: 'Foto: Jan Probe/dpa'",
        "line 13: a link to another article is not read: 'Lesen Sie auch: Was die Radwege kosten'",
        "line 15: an image caption is not read: 'Radfahrer am Jungfernstieg. Foto: Ben Muster'",
        "line 19: a share button or page label is not read: 'Artikel teilen'",
    )


def test_a_news_site_page_ends_at_its_link_back_home(tmp_path: Path) -> None:
    """A national paper's page as a browser copies it: a reading time where the teaser would
    be, the byline under the teaser, then the site's list of other articles."""
    article = read(
        tmp_path,
        "Haushalt: Die Bremse hält\n\nLesezeit: 3 min\n\n"
        "Der Etat ist gekippt. Nun zählt, wer die klügeren Vorschläge hat.\n\n"
        f"Kommentar von Anna Beispiel\n\n{BODY}\n\nZur SZ-Startseite\n\n"
        "Die Folgen für den Sozialstaat: Es fehlt das Geld.\n\nKolumne von Ben Muster\n",
    )
    assert article.teaser == "Der Etat ist gekippt. Nun zählt, wer die klügeren Vorschläge hat."
    assert (article.author, paragraphs(article)) == ("Anna Beispiel", BODY.split("\n\n"))
    assert article.warnings == (
        "line 3: a share button or page label is not read: 'Lesezeit: 3 min'",
        "lines 13-17: what the page lists below the article is not read",
        "no dateline found, the time of the first build is used",
    )


def test_a_press_release_with_its_mark_on_a_line_of_its_own(tmp_path: Path) -> None:
    article = read(
        tmp_path,
        f"Jetzt heißt es sparen\n\nKommentar von Anna Beispiel\n\nFreiburg (ots)\n\n{BODY}\n",
    )
    assert (article.author, paragraphs(article)) == ("Anna Beispiel", BODY.split("\n\n"))
    assert article.warnings[0] == "line 5: the agency tag 'ots' is not read"
    linked = read(
        tmp_path, f"Jetzt heißt es sparen\n\nFreiburg (ots)\n\n{BODY} https://mehr.example/k1\n"
    )
    assert paragraphs(linked) == BODY.split("\n\n")
    assert "line 7: the link 'https://mehr.example/k1' after the last sentence is not read" in (
        linked.warnings
    )


def test_a_scraped_page_in_every_line_layout(tmp_path: Path) -> None:
    """A copy from a browser: no blank lines, a kicker, the dateline before the byline, an
    image with caption and credit between byline and body."""
    article = read(
        tmp_path,
        "Tübingen\nDer Oberbürgermeister und die Radwege\n"
        "Die Stadt will bis 2030 ein Netz schneller Radwege bauen. Die Kosten sind umstritten.\n"
        "21.04.2023\nVon Boris Muster\n"
        "Der Oberbürgermeister beim Empfang 2023. Bild: Ulmer\n"
        "Der Empfang fand in diesem Jahr im Frühjahr statt. Viele Gäste kamen.\n"
        "Die Radwege waren das beherrschende Thema des Abends.\n",
    )
    assert article.title == "Tübingen: Der Oberbürgermeister und die Radwege"
    assert article.author == "Boris Muster"
    assert article.published == datetime(2023, 4, 21, tzinfo=BERLIN)
    assert article.teaser.startswith("Die Stadt will bis 2030")
    assert paragraphs(article) == [
        "Der Empfang fand in diesem Jahr im Frühjahr statt. Viele Gäste kamen.",
        "Die Radwege waren das beherrschende Thema des Abends.",
    ]
    assert article.warnings == (
        "line 6: an image caption is not read: "
        "'Der Oberbürgermeister beim Empfang 2023. Bild: Ulmer'",
    )


@pytest.mark.slow
def test_the_build_names_the_file_and_line_of_what_it_left_out(project: Path) -> None:
    from typer.testing import CliRunner

    from audio.cli import app

    (project / "articles" / "seed.txt").unlink()
    (project / "articles" / "radwege.txt").write_text(
        "Radwege für die Hansestadt\n\nDer Senat plant neue Wege. Die Kosten sind hoch.\n\n"
        "Von Anna Beispiel, Hamburg\n\nFoto: Jan Probe/dpa\n\nStand: 21.01.2022, 19:00 Uhr\n\n"
        "Die Koalition hat sich vertagt. Bis Montag soll ein Vorschlag kommen.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    output = [" ".join(line.split()) for line in result.output.splitlines()]
    assert "warning: radwege.txt: line 7: a photo credit is not read: 'Foto: Jan Probe/dpa'" in (
        output
    )
    assert (
        "warning: radwege.txt: line 9: the dateline gives only the last update; it is taken as "
        "the time of publication" in output
    )
