"""Publishing after a real build: what lands in output/, and what stays the same on a rebuild."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from typer.testing import CliRunner

from audio.cli import app
from tests.conftest import PYPROJECT, SEED

pytestmark = pytest.mark.slow

runner = CliRunner()

MARKDOWN = """\
---
title: 'Ein <script>-Titel & "Zitate"'
author: Anna Beispiel
date: 2022-01-22 08:30
url: https://zeitung.example/kommentar
description: Teaser mit <b>Markup</b> & Ampersand.
---

Erster Absatz mit <script>alert("x")</script> und & Zeichen.

## Zwischenzeile

Zweiter Absatz, kurz.
"""


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and an article full of markup, built once."""
    folder = tmp_path_factory.mktemp("newsroom")
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (folder / "articles").mkdir()
    (folder / "articles" / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "articles" / "markup.md").write_text(MARKDOWN, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = runner.invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    return folder


def identities(feed: bytes) -> tuple[str, list[str]]:
    parsed = feedparser.parse(feed)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed.feed.podcast_guid, [entry.id for entry in parsed.entries]


def test_build_publishes_feed_flash_briefing_site_and_manifest(newsroom: Path) -> None:
    output = newsroom / "output"
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    editions = manifest["editions"]
    assert set(editions) == {"seed.txt", "markup.md"}
    for edition in editions.values():
        assert edition["files"]["page"] == f"{edition['slug']}/index.html"
        for path in [edition["audio"], *edition["files"].values()]:
            assert (output / path).is_file(), path
    for name in ("feed.xml", "flash-briefing.json", "index.html", "cover.jpg"):
        assert (output / name).is_file(), name
    assert (output / "assets" / "player.js").is_file()
    index = (output / "index.html").read_text(encoding="utf-8")
    # Newest first: the markup article is a day younger than the seed.
    assert index.index("Ein &lt;script&gt;-Titel") < index.index("US-Außenminister")


def test_markup_survives_the_whole_pipeline_escaped(newsroom: Path) -> None:
    output = newsroom / "output"
    channel = etree.fromstring((output / "feed.xml").read_bytes()).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles[0] == 'Ein <script>-Titel & "Zitate"'
    (page,) = output.glob("2022-01-22-*/index.html")
    text = page.read_text(encoding="utf-8")
    assert "<script>alert" not in text
    assert "<b>" not in text
    # The Markdown reader drops inline HTML from the body; the teaser keeps it as text.
    assert '<p class="teaser">Teaser mit &lt;b&gt;Markup&lt;/b&gt; &amp; Ampersand.</p>' in text
    assert "und &amp; Zeichen" in text


def test_guids_stay_the_same_on_the_next_build(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = newsroom / "output" / "feed.xml"
    first = identities(feed.read_bytes())
    monkeypatch.chdir(newsroom)
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    second = identities(feed.read_bytes())
    assert second == first
    assert len(first[1]) == 2


def test_the_flash_briefing_lists_the_editions_with_a_speaker_rendition(newsroom: Path) -> None:
    output = newsroom / "output"
    flash = json.loads((output / "flash-briefing.json").read_text(encoding="utf-8"))
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    speakers = {
        f"urn:uuid:{e['guid']}" for e in manifest["editions"].values() if "speaker" in e["files"]
    }
    assert {item["uid"] for item in flash} == speakers


def test_build_warns_about_what_apple_and_alexa_would_refuse(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.audio-edition]\nbase_url = "http://intranet.example/p/"\nengine = "espeak"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    assert "warning: owner_email is not set: Apple Podcasts requires itunes:email" in result.output
    assert "warning: base_url http://intranet.example/p/ is not https" in result.output


def test_a_category_apple_does_not_know_stops_the_build_before_any_audio(project: Path) -> None:
    with (project / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write('category = "Nachrichten"\n')
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 1
    assert "category 'Nachrichten' is not an Apple Podcasts category" in result.output
    assert not (project / "output").exists()
