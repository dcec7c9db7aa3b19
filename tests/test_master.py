"""Mastering the seed: both renditions measured with ffmpeg's BS.1770 meter, decoded and timed."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from mutagen.mp3 import MP3, BitrateMode

from audio.builds.build import build_output
from audio.edition.stages import narrate
from audio.mastering import master as master_module
from audio.mastering.master import Mastered, master
from audio.mastering.renditions import (
    SPEAKER_LONGEST,
    podcast_rendition,
    renditions,
    speaker_rendition,
)
from audio.settings import Settings, load_settings
from audio.text.readers import read_article
from audio.voice.engines import open_engine
from audio.voice.timeline import Timeline
from tests.conftest import SEED
from tests.ebur128 import decode, measure

pytestmark = pytest.mark.slow

SETTINGS = Settings(engine="espeak")
# The quietest sample that counts as sound when looking for silence and sentence onsets.
AUDIBLE = 10 ** (-40 / 20)


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return narrate(read_article(SEED), SETTINGS, open_engine("espeak", SETTINGS))


@pytest.fixture(scope="module")
def mastered(timeline: Timeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Mastered]:
    folder = tmp_path_factory.mktemp("master")
    jobs = [(r, folder / f"{r.kind}.mp3") for r in renditions(SETTINGS)]
    return {m.rendition.kind: m for m in master(timeline, jobs)}


@pytest.mark.parametrize("kind", ["podcast", "speaker"])
def test_loudness_and_true_peak_on_target(mastered: dict[str, Mastered], kind: str) -> None:
    result = mastered[kind]
    integrated, true_peak = measure(result.path)
    assert integrated == pytest.approx(result.rendition.loudness, abs=0.5)
    assert true_peak <= result.rendition.true_peak
    # What mastering measured on the decoded segments is what ffmpeg measures on the file.
    assert integrated == pytest.approx(result.loudness, abs=0.05)
    assert true_peak == pytest.approx(result.true_peak, abs=0.05)


def test_a_segment_peaking_over_the_limit_is_encoded_again_under_a_lower_ceiling(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the limiter's ceiling 1 dB over the smart-speaker rendition's own, the encoded
    segments peak over it; each is encoded again until its decoded MP3 holds the ceiling."""
    written = []
    write = master_module._Job._write

    def counting(job: master_module._Job, *arguments: object) -> None:
        written.append(arguments[0])
        write(job, *arguments)

    monkeypatch.setattr(master_module, "MARGIN", -1.0)
    monkeypatch.setattr(master_module._Job, "_write", counting)
    speaker = speaker_rendition(SETTINGS)
    (result,) = master(timeline, [(speaker, tmp_path / "speaker.mp3")])
    assert len(written) > result.segments  # some were encoded more than once
    integrated, true_peak = measure(result.path)
    assert true_peak <= speaker.true_peak
    assert result.true_peak <= speaker.true_peak - master_module.GUARD
    assert integrated == pytest.approx(speaker.loudness, abs=0.5)


def test_a_rendition_decoded_off_its_loudness_target_is_mastered_again(
    timeline: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Told that LAME scales its input by 0.7 (it scales by 0.95), mastering aims 2.7 LU too
    loud; the decoded MP3 shows it, and the gain is settled again for the target moved by the
    miss."""
    monkeypatch.setattr(master_module, "LAME_SCALE", ((320, 0.7),))
    podcast = podcast_rendition(SETTINGS)
    (result,) = master(timeline, [(podcast, tmp_path / "podcast.mp3")])
    integrated, _ = measure(result.path)
    assert integrated == pytest.approx(podcast.loudness, abs=0.2)
    assert result.loudness == pytest.approx(integrated, abs=0.05)


def test_an_edition_whose_mp3_misses_its_ceiling_fails_as_an_article_does(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(master_module, "MARGIN", -1.0)
    monkeypatch.setattr(master_module, "CORRECTIONS", 0)
    settings = load_settings(project).replace(speaker_rendition=False)
    report = build_output(settings, jobs=1)
    (failure,) = report.failures
    assert failure.source.name == "seed.txt"
    assert re.fullmatch(
        r"seed\.txt: its podcast MP3, decoded, peaks at -0\.\d\d dBTP, over the ceiling of "
        r"-1\.0 dBTP",
        failure.error or "",
    )
    assert not list((project / "output").glob("*/*.mp3"))


def test_the_targets_are_the_published_ones() -> None:
    podcast, speaker = podcast_rendition(SETTINGS), speaker_rendition(SETTINGS)
    assert (podcast.loudness, podcast.true_peak, podcast.bitrate) == (-16.0, -1.0, 96)
    assert (speaker.loudness, speaker.true_peak, speaker.bitrate) == (-14.0, -2.0, 256)
    assert speaker.fits(SPEAKER_LONGEST) and not speaker.fits(SPEAKER_LONGEST + 1)
    assert podcast.fits(3 * 3600)


@pytest.mark.parametrize(("kind", "bitrate"), [("podcast", 96000), ("speaker", 256000)])
def test_cbr_mono_44k_with_lame_info_frame(
    mastered: dict[str, Mastered], timeline: Timeline, kind: str, bitrate: int
) -> None:
    path = mastered[kind].path
    info = MP3(path).info
    assert (info.bitrate, info.sample_rate, info.channels) == (bitrate, 44100, 1)
    assert info.bitrate_mode == BitrateMode.CBR
    # The Info frame carries the frame count; its LAME extension (written by
    # audio/mastering/mp3join.py) the encoder delay and padding, which ffmpeg's decoder uses to drop
    # them.
    head = path.read_bytes()[:2000]
    assert b"Info" in head and b"LAME" in head
    samples, rate = decode(path)
    assert rate == 44100
    assert abs(info.length - len(samples) / rate) < 0.1
    assert abs(len(samples) / rate - timeline.duration) < 0.01


@pytest.mark.parametrize("kind", ["podcast", "speaker"])
def test_short_silence_at_the_ends_and_no_clipping(
    mastered: dict[str, Mastered], kind: str
) -> None:
    samples, rate = decode(mastered[kind].path)
    sound = np.flatnonzero(np.abs(samples) > AUDIBLE)
    assert sound[0] / rate <= 0.5
    assert (len(samples) - sound[-1]) / rate <= 0.5
    assert np.abs(samples).max() < 0.95


@pytest.mark.parametrize("kind", ["podcast", "speaker"])
def test_each_sentence_starts_in_the_mp3_where_its_cue_says(
    mastered: dict[str, Mastered], timeline: Timeline, kind: str
) -> None:
    """Decode the MP3 and find each sentence's onset after the pause before it."""
    samples, rate = decode(mastered[kind].path)
    errors = []
    previous_end = 0.0
    for cue in timeline.cues:
        search_from = round((previous_end + 0.05) * rate)
        loud = np.flatnonzero(np.abs(samples[search_from:]) > AUDIBLE)
        onset = (search_from + loud[0]) / rate
        errors.append(onset - cue.start)
        previous_end = cue.end
    assert len(errors) == len(timeline.cues) > 10
    assert max(abs(e) for e in errors) < 0.05, errors


def test_every_sentence_join_is_faded(timeline: Timeline) -> None:
    """No clicks: the timeline meets silence at every join."""
    audio = np.frombuffer(timeline.audio.raw_data, np.int16) / 32768
    rate = timeline.audio.frame_rate
    for cue in timeline.cues:
        start, end = round(cue.start * rate), round(cue.end * rate)
        assert abs(audio[start]) < 0.01 and abs(audio[end - 1]) < 0.01


def test_renditions_can_be_switched_off() -> None:
    kinds = [r.kind for r in renditions(SETTINGS.replace(speaker_rendition=False))]
    assert kinds == ["podcast"]
    assert [r.kind for r in renditions(SETTINGS.replace(podcast_rendition=False))] == ["speaker"]
