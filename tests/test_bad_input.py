"""One build of a newsroom full of trouble, run as a user runs it: every bad article is named with
its problem, every good one is published, the exit code is 1 and the summary counts both."""

from __future__ import annotations

import codecs
import html
import json
import re
from pathlib import Path

import feedparser
import pytest
from typer.testing import CliRunner, Result

from audio.cli import app
from tests.conftest import PYPROJECT
from tests.newsroom import article, seed_paragraphs, short_article

pytestmark = pytest.mark.slow

runner = CliRunner()
MARKUP_TITLE = "Kommentar: <script>alert(\"x\")</script> & „Zitat“ mit 'Apostroph'"


def bad_articles() -> dict[str, bytes]:
    body = seed_paragraphs()[0]
    umlauts = "Über die Größe der Außenpolitik und Bürgerräte."
    return {
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "garbage.txt": bytes(range(128, 256)) * 20,
        "twin.txt": short_article(1).encode(),
        "good.txt": short_article(1).encode(),
        "cp1252.txt": article(umlauts, [body]).replace("\n", "\r\n").encode("cp1252"),
        "bom.txt": codecs.BOM_UTF8 + short_article(2).encode(),
        "latin1.txt": short_article(3, author="Jörg Weiß").encode("latin-1", errors="replace"),
        "undated.txt": short_article(4, author=None, published=None).encode(),
        "markup.txt": article(f"{MARKUP_TITLE}.", [f"Es gilt: a < b & c > d. {body}"]).encode(),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    folder = tmp_path_factory.mktemp("trouble")
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (folder / "articles").mkdir()
    for name, data in bad_articles().items():
        (folder / "articles" / name).write_bytes(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = runner.invoke(app, ["build", "--jobs", "1"])
    return result, folder / "output"


@pytest.fixture(scope="module")
def editions(built: tuple[Result, Path]) -> dict[str, dict]:
    manifest = json.loads((built[1] / "manifest.json").read_text(encoding="utf-8"))
    return manifest["editions"]


def test_every_bad_article_is_named_with_its_problem(built: tuple[Result, Path]) -> None:
    result, _ = built
    assert result.exit_code == 1
    assert "error: articles/empty.txt: the file is empty" in result.output
    assert "error: articles/binary.txt: this is a binary file, not text" in result.output
    assert (
        "error: articles/garbage.txt: the file holds no readable text (binary or garbled content)"
    ) in result.output
    slug = "2022-01-22-kommentar-nummer-1-zur-lage-an-der-grenze"
    assert (
        f"error: articles/twin.txt: would be published as {slug}.mp3 like articles/good.txt; "
        "give one of them another title or date"
    ) in " ".join(result.output.split())
    assert re.search(r"6 built, 4 failed → output\n", result.output)


def test_the_good_articles_are_published(editions: dict[str, dict], built: tuple) -> None:
    good = {"good.txt", "cp1252.txt", "bom.txt", "latin1.txt", "undated.txt", "markup.txt"}
    assert set(editions) == good
    for edition in editions.values():
        assert (built[1] / edition["audio"]).stat().st_size == edition["size"]
    feed = feedparser.parse((built[1] / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == len(good)


def test_encodings_read_as_written(editions: dict[str, dict]) -> None:
    assert editions["cp1252.txt"]["title"] == "Über die Größe der Außenpolitik und Bürgerräte"
    assert editions["latin1.txt"]["author"] == "Jörg Weiß"
    assert editions["bom.txt"]["title"] == "Kommentar Nummer 2 zur Lage an der Grenze"


def test_an_undated_article_gets_defaults_and_warnings(
    built: tuple[Result, Path], editions: dict[str, dict]
) -> None:
    output = " ".join(built[0].output.split())
    assert "warning: undated.txt: no byline found, the podcast's author is named instead" in output
    assert "warning: undated.txt: no dateline found, the time of the first build is used" in output
    assert editions["undated.txt"]["author"] is None
    assert editions["undated.txt"]["published"] > "2025"


def test_markup_is_text_in_the_feed_and_escaped_on_the_page(
    built: tuple[Result, Path], editions: dict[str, dict]
) -> None:
    edition = editions["markup.txt"]
    assert edition["title"] == MARKUP_TITLE
    feed = feedparser.parse((built[1] / "feed.xml").read_bytes())
    (entry,) = [e for e in feed.entries if "Zitat" in e.title]
    assert entry.title == MARKUP_TITLE
    page = (built[1] / edition["files"]["page"]).read_text(encoding="utf-8")
    assert "<script>alert" not in page
    heading = re.search(r"<h1>(.*)</h1>", page)
    assert heading and html.unescape(heading[1]) == MARKUP_TITLE
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp;" in heading[1]
