"""`list`: the published editions from the manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audio.builds.listing import editions
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
    assert first.size == sum(p.stat().st_size for p in folder.iterdir())


def test_list_as_json_and_as_a_table(output: Path) -> None:
    result = runner.invoke(app, ["list", str(output), "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert [e["source"] for e in listed] == ["k1.txt", "k0.txt"]
    assert set(listed[0]) == {"published", "title", "duration", "engine", "size", "audio", "source"}
    result = runner.invoke(app, ["list", str(output)], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "2022-01-22 19:00" in result.output
    assert "Kommentar Nummer 1 zur Lage an der Grenze" in result.output


def test_an_empty_folder_lists_nothing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["list", str(tmp_path), "--json"])
    assert (result.exit_code, result.output) == (0, "[]\n")
