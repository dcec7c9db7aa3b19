"""`check` on a published folder: whole, and damaged in each way it can be."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from typer.testing import CliRunner

from audio.builds.check import check, targets
from audio.cli import app
from audio.mastering.renditions import Rendition, podcast_rendition, speaker_rendition
from audio.settings import Settings
from tests.conftest import PYPROJECT
from tests.ebur128 import measure
from tests.newsroom import published_newsroom

pytestmark = pytest.mark.slow

runner = CliRunner()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A newsroom with two short editions built, shared by the tests (each damages a copy)."""
    return published_newsroom(tmp_path_factory.mktemp("published"), 2)


@pytest.fixture
def output(published: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "output"
    shutil.copytree(published, copy)
    return copy


def mp3s(output: Path) -> list[Path]:
    """The podcast renditions."""
    return sorted(p for p in output.glob("*/*.mp3") if not p.name.endswith(".speaker.mp3"))


def problems(output: Path, **changed: Rendition) -> list[str]:
    """The problems `check` finds, with the default mastering targets unless `changed`."""
    return [str(p) for p in check(output, {**targets(Settings()), **changed})]


def test_a_whole_folder_has_no_problems(output: Path) -> None:
    assert problems(output) == []


def test_loudness_off_target_is_named(output: Path) -> None:
    found = problems(output, audio=replace(podcast_rendition(Settings()), loudness=-40.0))
    podcast = mp3s(output)
    assert len(found) == len(podcast) == 2
    for problem, mp3 in zip(found, podcast, strict=True):
        assert re.fullmatch(rf"{mp3}: is at -1[56]\.\d LUFS, the target is -40\.0 LUFS", problem)


def test_a_peak_over_the_ceiling_is_named(output: Path) -> None:
    found = problems(output, speaker=replace(speaker_rendition(Settings()), true_peak=-6.0))
    speaker = sorted(output.glob("*/*.speaker.mp3"))
    assert len(found) == len(speaker) == 2
    for problem, mp3 in zip(found, speaker, strict=True):
        ceiling = "over the ceiling of -6.0 dBTP"
        assert re.fullmatch(rf"{mp3}: peaks at -\d\.\d\d dBTP, {ceiling}", problem)


def test_the_command_exits_1_on_a_file_a_fifth_of_a_db_over_its_ceiling(
    output: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ceiling set a fifth of a dB under the loudest smart-speaker file's true peak (as
    ffmpeg reads it): that file is over; set a twentieth under, it is within the tolerance."""
    loudest = max(measure(path)[1] for path in output.glob("*/*.speaker.mp3"))
    monkeypatch.chdir(output.parent)
    for under, code in ((0.2, 1), (0.05, 0)):
        ceiling = f"speaker_true_peak = {loudest - under:.3f}\n"
        (output.parent / "pyproject.toml").write_text(PYPROJECT + ceiling, encoding="utf-8")
        result = runner.invoke(app, ["check", "output"])
        assert result.exit_code == code, result.output
        assert ("over the ceiling of" in result.output) == bool(code)


def test_a_truncated_mp3(output: Path) -> None:
    mp3 = mp3s(output)[0]
    size = mp3.stat().st_size
    mp3.write_bytes(mp3.read_bytes()[: size // 2])
    relative = mp3.relative_to(output).as_posix()
    *found, decoding = problems(output)
    assert found == [
        f"{mp3}: has {size // 2} bytes, not {size}",
        f"{output}/feed.xml: announces https://example.org/podcast/{relative} with {size} bytes, "
        f"the file has {size // 2}",
    ]
    # How often ffmpeg complains depends on the frames the cut leaves.
    assert decoding.startswith(f"{mp3}: does not decode cleanly (")
    assert decoding.endswith("×: filesize and duration do not match (growing file?))")


def test_a_missing_mp3(output: Path) -> None:
    mp3 = mp3s(output)[1]
    mp3.unlink()
    relative = mp3.relative_to(output).as_posix()
    assert problems(output) == [
        f"{mp3}: is missing",
        f"{output}/feed.xml: points to https://example.org/podcast/{relative}, which is missing",
    ]


def test_garbage_inside_an_mp3(output: Path) -> None:
    mp3 = mp3s(output)[0]
    data = bytearray(mp3.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4000] = bytes(4000)
    mp3.write_bytes(bytes(data))
    damaged, decoding = problems(output)
    assert damaged == f"{mp3}: does not hold what its name's digest says: damaged"
    assert decoding.startswith(f"{mp3}: does not decode cleanly (")


def test_a_missing_tag(output: Path) -> None:
    mp3 = mp3s(output)[0]
    tags = ID3(mp3)
    tags.delall("TPE1")
    tags.save(mp3, v2_version=3, padding=lambda info: info.padding + 14)
    assert f"{mp3}: has no author tag (TPE1)" in problems(output)


def test_a_feed_that_does_not_parse(output: Path) -> None:
    feed = output / "feed.xml"
    feed.write_bytes(feed.read_bytes()[:-20])
    (found,) = problems(output)
    assert found.startswith(f"{feed}: does not parse: ")


def test_a_json_document_pointing_to_a_missing_file(output: Path) -> None:
    briefing = output / "flash-briefing.json"
    url = "https://example.org/podcast/gone/gone.mp3"
    briefing.write_text(json.dumps([{"streamUrl": url, "elsewhere": "https://x.org/a"}]))
    assert problems(output) == [f"{briefing}: points to {url}, which is missing"]


def test_not_a_published_folder(tmp_path: Path) -> None:
    assert problems(tmp_path) == [f"{tmp_path}: no manifest.json: this is not a published folder"]


def test_the_command_exits_non_zero_with_the_problems(
    output: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(output.parent)
    result = runner.invoke(app, ["check", "output"])
    assert result.exit_code == 0, result.output
    assert result.output == "output: every edition, feed and file checks out\n"
    mp3s(output)[0].unlink()
    result = runner.invoke(app, ["check", "output"])
    assert result.exit_code == 1
    assert result.output.endswith("2 problem(s) in output\n")
