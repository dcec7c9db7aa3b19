from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from audio.errors import ArticleError
from audio.text.article import slugify
from audio.text.readers import find_articles, read_article
from audio.text.readers.datelines import parse_dateline
from audio.text.readers.fields import derive_title, parse_byline
from tests.conftest import SEED

BERLIN = ZoneInfo("Europe/Berlin")


def test_seed_metadata() -> None:
    article = read_article(SEED)
    assert article.author == "Thomas Ludwig"
    assert article.published == datetime(2022, 1, 21, 19, 0, tzinfo=BERLIN)
    assert article.published.utcoffset().total_seconds() == 3600
    assert article.teaser.startswith("US-Außenminister Antony Blinken und sein russischer")
    assert article.teaser.endswith("- mit mäßigem Erfolg.")
    # The seed has no title line: the one guess is the title, and the build says so.
    assert article.warnings == (
        "line 1: no title line; the title is cut from there: "
        "'US-Außenminister Antony Blinken und sein russischer Amtskollege Sergej Lawrow haben "
        "sich …'",
    )


def test_seed_sections() -> None:
    article = read_article(SEED)
    assert [s.heading for s in article.sections] == [
        None,
        "Logik von empfundener Bedrohung und zur Schau getragener Abschreckung",
    ]
    first, second = article.sections
    assert first.paragraphs[0].startswith("Die Krisendiplomatie läuft seit nunmehr zwei Wochen")
    assert len(second.paragraphs) == 3
    assert second.paragraphs[-1].endswith("Es gäbe nur Verlierer.")


def test_seed_title_is_cut_from_the_teaser_at_a_word() -> None:
    title = read_article(SEED).title
    assert len(title) <= 92
    assert title.startswith("US-Außenminister Antony Blinken")
    assert title.endswith(" …")
    assert read_article(SEED).teaser.startswith(title.removesuffix(" …"))


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Avatar_prignitzer von Thomas Ludwig", "Thomas Ludwig"),
        ("Von Anna-Lena Müller", "Anna-Lena Müller"),
        ("Ein Kommentar von Ursula von der Leyen", "Ursula von der Leyen"),
        ("Autorin: Petra Schmidt", "Petra Schmidt"),
        ("avatar_mz_online von Jörg Ö'Brien", "Jörg Ö'Brien"),
        ("Die Rückkehr von Donald Trump", None),
        ("Das ist eine Frage von Vertrauen.", None),
    ],
)
def test_byline(line: str, author: str | None) -> None:
    assert parse_byline(line) == author


@pytest.mark.parametrize(
    ("line", "moment"),
    [
        ("21. Januar 2022, 19:00 Uhr", datetime(2022, 1, 21, 19, 0, tzinfo=BERLIN)),
        ("3. März 2024", datetime(2024, 3, 3, tzinfo=BERLIN)),
        ("21.01.2022, 7.30 Uhr", datetime(2022, 1, 21, 7, 30, tzinfo=BERLIN)),
        ("Freitag, 21. Jan. 2022 - 19:00", datetime(2022, 1, 21, 19, 0, tzinfo=BERLIN)),
        ("Stand: 5. August 2023, 06:15 Uhr", datetime(2023, 8, 5, 6, 15, tzinfo=BERLIN)),
        ("30. Februar 2022", None),
        ("Am 21. Januar 2022 trafen sich die Minister.", None),
    ],
)
def test_dateline(line: str, moment: datetime | None) -> None:
    assert parse_dateline(line) == moment


def test_summer_time_is_berlin_summer_time() -> None:
    assert parse_dateline("1. Juli 2023, 12:00 Uhr").utcoffset().total_seconds() == 7200


@pytest.mark.parametrize(
    ("teaser", "title"),
    [
        ("Kurz und knapp. Danach mehr.", "Kurz und knapp"),
        (
            "Die Bundesregierung ringt um den Haushalt, während die Opposition Neuwahlen fordert "
            "und die Länder auf mehr Geld für Schulen pochen.",
            "Die Bundesregierung ringt um den Haushalt",
        ),
        (
            "Eine Donaudampfschifffahrtsgesellschaftskapitänsmütze liegt seit Wochen unbeachtet "
            "auf dem Fensterbrett im Rathaus der Stadt.",
            "Eine Donaudampfschifffahrtsgesellschaftskapitänsmütze liegt seit Wochen unbeachtet "
            "auf …",
        ),
    ],
)
def test_derived_title(teaser: str, title: str) -> None:
    assert derive_title(teaser) == title


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_encodings_and_line_ends_read_alike(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    variants = {
        "utf8.txt": text.encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "cp1252.txt": text.replace("\n", "\r\n").encode("cp1252"),
        "mac.txt": text.replace("\n", "\r").encode("utf-8"),
    }
    articles = [read_article(write(tmp_path, name, data)) for name, data in variants.items()]
    reference = articles[0]
    for article in articles[1:]:
        assert article.author == reference.author == "Thomas Ludwig"
        assert article.teaser == reference.teaser
        assert article.sections == reference.sections
    assert "Außenminister" in articles[2].teaser


def test_markdown_reader(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "kommentar.md",
        """---
title: Ein Sommer ohne Regen
author: Petra Schmidt
date: 2023-07-14 08:30
url: https://example.org/kommentar/sommer
description: Die Dürre zeigt, wie verwundbar die Landwirtschaft ist.
---

Die Felder sind **braun**, die [Brunnen](https://example.org) leer.

## Was jetzt zu tun ist

Die Politik muss *handeln*.
""".encode(),
    )
    article = read_article(path)
    assert article.title == "Ein Sommer ohne Regen"
    assert article.author == "Petra Schmidt"
    assert article.published == datetime(2023, 7, 14, 8, 30, tzinfo=BERLIN)
    assert article.url == "https://example.org/kommentar/sommer"
    assert article.teaser == "Die Dürre zeigt, wie verwundbar die Landwirtschaft ist."
    assert [s.heading for s in article.sections] == [None, "Was jetzt zu tun ist"]
    assert article.sections[0].paragraphs == ("Die Felder sind braun, die Brunnen leer.",)
    assert article.sections[1].paragraphs == ("Die Politik muss handeln.",)


def test_markdown_reads_the_publisher_and_backslash_escapes(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "importiert.md",
        """---
title: Ein Sommer ohne Regen
author: Petra Schmidt
date: '2023-07-14T08:30:00+02:00'
url: https://example.org/kommentar/sommer
description: Die Dürre zeigt, wie verwundbar die Landwirtschaft ist.
publisher: Kreisbote
---

Die Formel a\\*b\\*c gilt, \\<b\\> ist kein Tag, *das* ist kursiv.

1\\. Mai: Der Tag der Arbeit in der Stadt.
""".encode(),
    )
    article = read_article(path)
    assert article.publisher == "Kreisbote"
    assert article.warnings == ()
    assert article.sections[0].paragraphs == (
        "Die Formel a*b*c gilt, <b> ist kein Tag, das ist kursiv.",
        "1. Mai: Der Tag der Arbeit in der Stadt.",
    )


def test_markdown_title_from_heading_and_german_date(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "b.md",
        b"---\ndate: 3. Oktober 2023, 10:00 Uhr\n---\n# Einheit\n\nText des Kommentars.\n",
    )
    article = read_article(path)
    assert article.title == "Einheit"
    assert article.published == datetime(2023, 10, 3, 10, 0, tzinfo=BERLIN)
    assert "no author in the front matter, the podcast's author is named instead" in (
        article.warnings
    )


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"  \n\n", "the file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("noise.txt", bytes(range(128, 256)) * 20, "no readable text"),
        ("bad.md", b"---\ntitle: [unclosed\n---\nText.\n", "front matter is not valid YAML"),
        ("notes.docx", b"Text", "unsupported file type .docx"),
    ],
)
def test_bad_files_name_the_file_and_problem(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)


QUESTIONS = """Die Lage bleibt angespannt.

Von Anna Berger

21. Januar 2022, 19:00 Uhr

Die Gespräche in Genf brachten keine Annäherung.

Wie geht es weiter?

Beide Seiten wollen weiter reden. Ein Termin steht noch nicht fest.

Was bleibt? Wenig.

Und sollte nicht auch Washington seine Waffenlieferungen an die Ukraine einmal aussetzen?

Solange geredet wird, schweigen die Waffen.
"""


def test_a_short_question_alone_on_its_line_is_a_subheading(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "fragen.txt", QUESTIONS.encode()))
    assert [s.heading for s in article.sections] == [None, "Wie geht es weiter?"]
    assert article.sections[1].paragraphs == (
        "Beide Seiten wollen weiter reden. Ein Termin steht noch nicht fest.",
        "Was bleibt? Wenig.",  # two sentences
        "Und sollte nicht auch Washington seine Waffenlieferungen an die Ukraine einmal aussetzen?",
        "Solange geredet wird, schweigen die Waffen.",
    )


def test_find_articles_skips_hidden_and_foreign_files(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", ".hidden.txt", "~lock.txt", "image.png"):
        write(tmp_path, name, b"x")
    assert [p.name for p in find_articles(tmp_path)] == ["a.md", "b.txt"]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("US-Außenminister über Größe", "us-aussenminister-ueber-groesse"),
        ("Ça va? Ölpreis!", "ca-va-oelpreis"),
        ("???", "ausgabe"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text, limit=48) == slug


YES_NO = "(YAML reads yes, no, on and off so); put the text in quotes"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("title: yes", f"front matter 'title' is read as true {YES_NO}"),
        ("author: off", f"front matter 'author' is read as false {YES_NO}"),
        ("title: 1.10", "front matter 'title' is read as the number 1.1; put the text in quotes"),
        ("url: [a, b]", "front matter 'url' must be text, not list"),
    ],
)
def test_front_matter_of_another_type_is_not_taken_for_text(
    tmp_path: Path, line: str, problem: str
) -> None:
    body = "Ein Absatz mit genug Wörtern, um als Text zu gelten."
    path = write(tmp_path, "typen.md", f"---\n{line}\n---\n{body}\n".encode())
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value) == f"{path}: {problem}"
    quoted = line.replace(": ", ': "') + '"'
    assert read_article(write(tmp_path, "ok.md", f"---\n{quoted}\n---\n{body}\n".encode()))


def test_a_whole_number_is_a_title_as_written(tmp_path: Path) -> None:
    path = write(tmp_path, "jahr.md", "---\ntitle: 1984\n---\nEin Absatz über Orwell.\n".encode())
    assert read_article(path).title == "1984"
