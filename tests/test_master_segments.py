"""Mastering by segment: silent joins, and a rebuild that encodes only what changed."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import numpy as np
import pytest

from audio.edition.stages import narrate
from audio.mastering import master as master_module
from audio.mastering.limiter import Levels
from audio.mastering.master import REUSE_TOLERANCE, Mastered, master
from audio.mastering.renditions import renditions
from audio.mastering.segment_cache import SegmentCache
from audio.settings import Settings
from audio.text.readers import read_article
from audio.voice.engines import open_engine
from audio.voice.pcm import InMemory, Samples
from audio.voice.timeline import Timeline
from tests.conftest import SEED
from tests.ebur128 import decode, measure

pytestmark = pytest.mark.slow

EDIT = ("Das ist das Gute an der Krisendiplomatie.", "Das ist das Gute an ihr.")
AUDIBLE = 10 ** (-40 / 20)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("segments")


@pytest.fixture(scope="module")
def settings(folder: Path) -> Settings:
    return Settings(engine="espeak", cache_dir=folder / "cache")


def narrated(settings: Settings, folder: Path, edited: bool = False) -> Timeline:
    text = SEED.read_text(encoding="utf-8")
    source = folder / ("edited.txt" if edited else "seed.txt")
    source.write_text(text.replace(*EDIT) if edited else text, encoding="utf-8")
    return narrate(read_article(source), settings, open_engine("espeak", settings))


def mastered(
    timeline: Timeline, settings: Settings, folder: Path, name: str, edition: str = "seed"
) -> list[Mastered]:
    jobs = [(r, folder / f"{name}-{r.kind}.mp3") for r in renditions(settings)]
    return master(timeline, jobs, SegmentCache(settings.cache_dir or folder), edition)


@pytest.fixture(scope="module")
def first(settings: Settings, folder: Path) -> tuple[Timeline, list[Mastered]]:
    timeline = narrated(settings, folder)
    return timeline, mastered(timeline, settings, folder, "first")


def test_the_seed_is_encoded_in_segments_cut_in_silence(
    first: tuple[Timeline, list[Mastered]],
) -> None:
    timeline, results = first
    assert len(timeline.cuts) >= 2
    for result in results:
        assert result.segments == len(timeline.cuts) + 1 == result.encoded
        samples, rate = decode(result.path)
        assert abs(len(samples) / rate - timeline.duration) < 0.001
        for cut in timeline.cuts:
            at = round(cut / timeline.audio.frame_rate * rate)
            around = samples[at - round(0.1 * rate) : at + round(0.1 * rate)]
            assert np.abs(around).max() < AUDIBLE  # no click where segments meet


def test_a_rebuild_encodes_nothing_and_writes_the_same_bytes(
    first: tuple[Timeline, list[Mastered]], settings: Settings, folder: Path
) -> None:
    _, results = first
    again = mastered(narrated(settings, folder), settings, folder, "again")
    assert [r.encoded for r in again] == [0, 0]
    for before, after in zip(results, again, strict=True):
        assert after.gain == before.gain
        assert after.path.read_bytes() == before.path.read_bytes()


def test_an_edited_paragraph_encodes_its_segment_only(
    first: tuple[Timeline, list[Mastered]], settings: Settings, folder: Path
) -> None:
    _, results = first
    timeline = narrated(settings, folder, edited=True)
    edited = mastered(timeline, settings, folder, "edited")
    assert [r.encoded for r in edited] == [1, 1]
    for before, after in zip(results, edited, strict=True):
        assert after.gain == before.gain  # kept: the loudness moved less than the tolerance
        integrated, true_peak = measure(after.path)
        assert integrated == pytest.approx(after.rendition.loudness, abs=REUSE_TOLERANCE + 0.2)
        assert true_peak <= after.rendition.true_peak
        samples, rate = decode(after.path)
        assert abs(len(samples) / rate - timeline.duration) < 0.001
        previous_end = 0.0
        for cue in timeline.cues:
            start = round((previous_end + 0.05) * rate)
            onset = (start + np.flatnonzero(np.abs(samples[start:]) > AUDIBLE)[0]) / rate
            assert abs(onset - cue.start) < 0.05
            previous_end = cue.end


def test_a_louder_programme_is_settled_and_encoded_anew(
    first: tuple[Timeline, list[Mastered]], settings: Settings, folder: Path
) -> None:
    timeline, results = first
    pcm = np.frombuffer(timeline.audio.raw_data, np.int16).copy()
    cut = timeline.cuts[len(timeline.cuts) // 2]
    pcm[:cut] = (pcm[:cut] * 0.25).astype(np.int16)  # the first half 12 dB down
    quieter = dataclasses.replace(timeline, samples=InMemory(pcm.tobytes(), 22050))
    again = mastered(quieter, settings, folder, "quieter")
    for before, after in zip(results, again, strict=True):
        assert after.encoded == after.segments
        assert after.gain > before.gain
        assert measure(after.path)[0] == pytest.approx(after.rendition.loudness, abs=0.5)


def test_an_edition_sharing_segments_with_another_settles_its_own_gain(
    first: tuple[Timeline, list[Mastered]], settings: Settings, folder: Path, tmp_path: Path
) -> None:
    """The other edition is the seed with its first half 0.45 dB quieter: its second half's
    segments are the seed's, in the cache at the seed's gain, which would bring it within
    REUSE_TOLERANCE of the target. It is mastered at the gain it gets alone all the same."""
    timeline, results = first
    pcm = np.frombuffer(timeline.audio.raw_data, np.int16).copy()
    cut = timeline.cuts[len(timeline.cuts) // 2]
    pcm[:cut] = np.rint(pcm[:cut] * 0.95).astype(np.int16)
    other = dataclasses.replace(timeline, samples=InMemory(pcm.tobytes(), 22050))
    shared = mastered(other, settings, folder, "other", edition="other")
    alone = mastered(other, settings.replace(cache_dir=tmp_path), tmp_path, "alone", "other")
    for together, apart, seed in zip(shared, alone, results, strict=True):
        assert together.gain == apart.gain != seed.gain
        assert together.path.read_bytes() == apart.path.read_bytes()
    # The seed, built again, keeps its own gain and encodes nothing.
    again = mastered(timeline, settings, folder, "seed-again")
    assert [r.gain for r in again] == [r.gain for r in results]
    assert [r.encoded for r in again] == [0, 0]


def test_a_long_programme_keeps_its_levels_in_files_and_masters_the_same(
    first: tuple[Timeline, list[Mastered]],
    settings: Settings,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    timeline, _ = first
    kept = [(r, folder / f"kept-{r.kind}.mp3") for r in renditions(settings)]
    master(timeline, kept)
    read = []
    loaded = master_module._Analysed.loaded

    def spying(analysed: master_module._Analysed) -> Levels:
        assert analysed.spilled is not None and analysed.spilled.is_file()
        read.append(analysed.spilled.name)
        return loaded(analysed)

    monkeypatch.setattr(master_module, "KEEP_ROTATED", 0)  # the seed counts as long
    monkeypatch.setattr(master_module._Analysed, "loaded", spying)
    spilled = [(r, folder / f"spilled-{r.kind}.mp3") for r in renditions(settings)]
    master(timeline, spilled)
    assert len(set(read)) == len(timeline.cuts) + 1
    for (_, one), (_, other) in zip(kept, spilled, strict=True):
        assert one.read_bytes() == other.read_bytes()


def test_segments_announced_during_narration_are_analysed_once_and_master_the_same(
    settings: Settings, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysed: list[tuple[int, int]] = []
    real = master_module.Analyses._analysed

    def counting(
        analyses: master_module.Analyses,
        samples: Samples,
        start: int,
        stop: int,
        spill: Path | None,
    ) -> object:
        analysed.append((start, stop))
        return real(analyses, samples, start, stop, spill)

    monkeypatch.setattr(master_module.Analyses, "_analysed", counting)
    source = folder / "seed.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    settings = dataclasses.replace(settings, cache=False)  # every segment read by the engine
    engine = open_engine("espeak", settings)
    announced: list[tuple[int, int]] = []
    with master_module.analysing(folder, settings.sample_rate) as analyses:

        def ahead(samples: Samples, start: int, stop: int) -> None:
            announced.append((start, stop))
            analyses.ahead(samples, start, stop)

        timeline = narrate(read_article(source), settings, engine, folder, ahead)
        # Every segment's analysis was started before the narration was over.
        bounds = [0, *timeline.cuts, timeline.samples.length]
        assert announced == list(itertools.pairwise(bounds))
        ahead_files = [(r, folder / f"ahead-{r.kind}.mp3") for r in renditions(settings)]
        with master_module.mastering(timeline, ahead_files, analyses=analyses):
            pass
    assert sorted(analysed) == announced
    apart = [(r, folder / f"apart-{r.kind}.mp3") for r in renditions(settings)]
    master(timeline, apart)
    assert len(analysed) == 2 * len(announced)
    for (_, one), (_, other) in zip(ahead_files, apart, strict=True):
        assert one.read_bytes() == other.read_bytes()
