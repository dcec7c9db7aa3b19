"""Every article's failure is its own: whatever goes wrong while reading, rendering or publishing
one article is reported with its file, the others are published, and the folder passes `check`.
Text XML cannot carry is taken out of an article before anything is built from it, and refused
in the settings."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from typer.testing import CliRunner

from audio.builds.build import BUILT, FAILED, UNCHANGED, build_output
from audio.builds.check import check, targets
from audio.cli import app
from audio.errors import SettingsError
from audio.publish import writer
from audio.settings import load_settings
from tests.newsroom import short_article

pytestmark = pytest.mark.slow

runner = CliRunner()


@pytest.fixture
def newsroom(project: Path) -> Path:
    (project / "articles" / "seed.txt").unlink()
    for number in range(2):
        (project / "articles" / f"k{number}.txt").write_text(short_article(number), "utf-8")
    return project


def markdown(front_matter: str) -> str:
    return f"---\n{front_matter}\n---\n\nEin kurzer Absatz, der gelesen werden kann.\n"


def problems(project: Path) -> list[str]:
    return [str(p) for p in check(project / "output", targets(load_settings()))]


def title_note(title: str) -> str:
    """The note the raw reader adds for short_article's layout, which has a teaser and no title."""
    return f"line 1: no title line; the title is cut from there: {title!r}"


def feed_titles(project: Path) -> list[str]:
    feed = feedparser.parse((project / "output" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return sorted(entry.title for entry in feed.entries)


@pytest.mark.parametrize(
    ("front_matter", "problem"),
    [
        ("title: Schaltjahr\ndate: 2023-02-29", "cannot be read: ValueError: day is out of range"),
        (
            "title: Spät\ndate: 2023-03-01 25:00:00",
            "cannot be read: ValueError: hour must be in 0..23",
        ),
        (
            "title: Tief\nauthor: " + "[eins, " * 3000 + "zwei" + "]" * 3000,
            "cannot be read: it is nested too deeply",
        ),
    ],
)
def test_front_matter_that_breaks_its_reader_fails_that_article_alone(
    newsroom: Path, front_matter: str, problem: str
) -> None:
    (newsroom / "articles" / "bad.md").write_text(markdown(front_matter), encoding="utf-8")
    result = runner.invoke(app, ["build", "--jobs", "1", "-q"])
    assert result.exit_code == 1
    assert f"error: articles/bad.md: {problem}" in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert "2 built, 1 failed → output" in result.output
    assert problems(newsroom) == []


def test_characters_xml_cannot_carry_are_taken_out_of_an_article(newsroom: Path) -> None:
    text = short_article(2).replace("Kommentar Nummer 2", "Kommentar\x08 Nummer 2\ufffe")
    text += "\nEin letzter Satz mit einem \x1fSteuerzeichen.\n"
    (newsroom / "articles" / "ctl.txt").write_text(text, encoding="utf-8")
    report = build_output(load_settings(), jobs=1)
    assert report.count() == {BUILT: 3}
    (outcome,) = [o for o in report.outcomes if o.source.name == "ctl.txt"]
    assert outcome.warnings == [
        title_note("Kommentar\x08 Nummer 2\ufffe zur Lage an der Grenze"),
        "removed characters XML cannot carry: U+0008, U+001F, U+FFFE",
    ]
    assert "Kommentar Nummer 2 zur Lage an der Grenze" in feed_titles(newsroom)
    edition = json.loads((newsroom / "output" / "manifest.json").read_text("utf-8"))["editions"]
    assert edition["ctl.txt"]["sections"][-1]["paragraphs"][-1] == (
        "Ein letzter Satz mit einem Steuerzeichen."
    )
    assert problems(newsroom) == []


@pytest.mark.parametrize("name", ["podcast_title", "author"])
def test_settings_xml_cannot_carry_are_refused_before_anything_is_built(
    newsroom: Path, name: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        build_output(load_settings().replace(**{name: "Kommentare\x08 zum Hören"}), jobs=1)
    assert str(refused.value) == (
        f"{name} holds characters XML cannot carry (U+0008), and the feed and the site are "
        "XML: remove them"
    )
    assert not (newsroom / "output").exists()


def test_an_edition_whose_page_cannot_be_rendered_fails_alone(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not build_output(load_settings(), jobs=1).failures
    before = feed_titles(newsroom)
    render_page = writer.render_page

    def breaking(edition, settings, output):  # type: ignore[no-untyped-def]
        if edition.author == "Anna Berger":
            raise OverflowError("a value the page cannot hold")
        return render_page(edition, settings, output)

    monkeypatch.setattr(writer, "render_page", breaking)
    (newsroom / "articles" / "k1.txt").write_text(short_article(1, author="Anna Berger"), "utf-8")
    (newsroom / "articles" / "k2.txt").write_text(short_article(2), "utf-8")
    report = build_output(load_settings(), jobs=1)
    actions = {o.source.name: o.action for o in report.outcomes}
    assert actions == {"k0.txt": UNCHANGED, "k1.txt": FAILED, "k2.txt": BUILT}
    (failure,) = report.failures
    assert failure.error == (
        "articles/k1.txt: cannot be published: OverflowError: a value the page cannot hold"
    )
    assert failure.warnings == [
        title_note("Kommentar Nummer 1 zur Lage an der Grenze"),
        "its previous edition stays published",
    ]
    assert feed_titles(newsroom) == sorted([*before, "Kommentar Nummer 2 zur Lage an der Grenze"])
    assert problems(newsroom) == []
    # The corrected edition's files, moved into place before its page failed, are gone again.
    manifest = json.loads((newsroom / "output" / "manifest.json").read_text("utf-8"))
    named = {path for record in manifest["built_from"].values() for path in record["files"]}
    slug = manifest["editions"]["k1.txt"]["slug"]
    assert {f"{slug}/{p.name}" for p in (newsroom / "output" / slug).iterdir()} <= named


def test_an_output_folder_that_is_a_file_is_one_message(newsroom: Path) -> None:
    (newsroom / "output").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["build", "--jobs", "1", "-q"])
    assert result.exit_code == 1
    assert result.output == "error: output output: a file, not a folder\n"
