"""`list`: the published editions from the manifest."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import feedparser
import pytest
from typer.testing import CliRunner

from audio.builds.listing import editions, mp3_size
from audio.builds.manifest import load_manifest
from audio.cli import app
from tests.newsroom import published_newsroom

runner = CliRunner()


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return published_newsroom(tmp_path_factory.mktemp("listed"), 2)


def test_editions_newest_first_with_their_facts(output: Path) -> None:
    first, second = editions(output)
    assert (first.title, first.published) == (
        "Kommentar Nummer 1 zur Lage an der Grenze",
        "2022-01-22T19:00:00+01:00",
    )
    assert second.published == "2022-01-21T19:00:00+01:00"
    assert first.engine.startswith("espeak-ng ") and " voice=de " in first.engine
    assert 10 < first.duration < 60
    folder = output / first.audio.split("/")[0]
    assert first.total_size == sum(p.stat().st_size for p in folder.iterdir())
    assert first.mp3_size == (output / first.audio).stat().st_size < first.total_size


def test_the_mp3_size_is_what_the_feed_announces(output: Path) -> None:
    """One meaning of "size" for `list`, `build` and the feed: the MP3 a listener downloads."""
    feed = feedparser.parse((output / "feed.xml").read_bytes())
    announced = {
        e.enclosures[0].href.rsplit("/", 1)[1]: int(e.enclosures[0].length) for e in feed.entries
    }
    assert {Path(e.audio).name: e.mp3_size for e in editions(output)} == announced


def test_without_the_podcast_rendition_the_mp3_is_the_smart_speakers(output: Path) -> None:
    record = next(iter(load_manifest(output).records.values()))
    speaker = record.edition["files"]["speaker"]
    alone = dataclasses.replace(
        record, edition={**record.edition, "audio": "", "size": 0}, files={**record.files}
    )
    del alone.files[record.edition["audio"]]
    assert mp3_size(alone) == record.files[speaker] > 0


def test_list_as_json_and_as_a_table(output: Path) -> None:
    result = runner.invoke(app, ["list", str(output), "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert [e["source"] for e in listed] == ["k1.txt", "k0.txt"]
    assert set(listed[0]) == {
        *("published", "title", "duration", "engine", "mp3_size", "total_size", "audio", "source")
    }
    result = runner.invoke(app, ["list", str(output)], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "MP3 size" in result.output
    assert f"{listed[0]['mp3_size'] / 1e6:.1f} MB" in result.output
    assert "2022-01-22 19:00" in result.output
    assert "Kommentar Nummer 1 zur Lage an der Grenze" in result.output


def test_an_empty_folder_lists_nothing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["list", str(tmp_path), "--json"])
    assert (result.exit_code, result.output) == (0, "[]\n")
