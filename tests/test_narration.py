"""Narration a segment at a time: segments said before come from the cache, as they were."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from audio.cache import usage
from audio.text.script import Part, Script, Sentence
from audio.voice import narration
from audio.voice.assembly import assemble
from audio.voice.cutting import Cutting
from audio.voice.ffmpeg import AudioSegment
from audio.voice.narration import NarrationCache, narrate_script
from audio.voice.pcm import Samples

CUTTING = Cutting(44100, 1152, shortest=60)
"""Two sentences to a segment in script()."""
RATE = 22050


class Wavering:
    """An engine like espeak-ng: the same text never comes out quite the same twice."""

    name = "wavering"
    voice = "test"
    fallback = None
    identity = "wavering 1"
    batch = 10_000

    def __init__(self) -> None:
        self.said: list[str] = []
        self.noise = np.random.default_rng(1)

    def synthesize(self, texts: Sequence[str]) -> list[AudioSegment]:
        self.said.extend(texts)
        takes = []
        for text in texts:
            length = RATE * len(text) // 40 + int(self.noise.integers(0, 30))
            time = np.arange(length) / RATE
            tone = 0.3 * np.sin(2 * np.pi * 220 * time) + 0.01 * self.noise.standard_normal(length)
            data = (tone * 32767).astype("<i2").tobytes()
            takes.append(AudioSegment(data=data, sample_width=2, frame_rate=RATE, channels=1))
        return takes


def script(second: str = "Zwei") -> Script:
    paragraphs = [
        [Sentence("Eins.", "eins " * 10, 0.45), Sentence("Eins b.", "eins b " * 6, 0.9)],
        [Sentence(f"{second}.", f"{second} " * 10, 0.45), Sentence("Zwei b.", "zwei b " * 6, 0.9)],
        [Sentence("Drei.", "drei " * 10, 0.0)],
    ]
    return Script(tuple(Part("section", f"Teil {i}", tuple(p)) for i, p in enumerate(paragraphs)))


def segments(raw: bytes, cuts: tuple[int, ...]) -> list[bytes]:
    bounds = [0, *(2 * cut for cut in cuts), len(raw)]
    return [raw[a:b] for a, b in itertools.pairwise(bounds)]


def test_without_a_cache_every_sentence_is_said() -> None:
    engine = Wavering()
    timeline = narrate_script(script(), engine, CUTTING)
    assert len(engine.said) == 5 and len(timeline.cuts) == 2
    again = Wavering()
    expected = assemble(script(), again.synthesize([s.spoken for s in script().sentences]), CUTTING)
    assert timeline.audio.raw_data == expected.audio.raw_data
    assert timeline.cues == expected.cues and timeline.cuts == expected.cuts


def test_segments_said_before_come_back_as_they_were(tmp_path: Path) -> None:
    cache = NarrationCache(tmp_path)
    first = narrate_script(script(), Wavering(), CUTTING, cache)
    engine = Wavering()
    second = narrate_script(script(), engine, CUTTING, cache)
    assert engine.said == []
    assert second.audio.raw_data == first.audio.raw_data
    assert second.cues == first.cues and second.cuts == first.cuts
    assert usage(tmp_path).takes == 0  # narrated segments are not takes


def test_an_edited_paragraph_is_said_again_and_nothing_else(tmp_path: Path) -> None:
    cache = NarrationCache(tmp_path)
    before = narrate_script(script(), Wavering(), CUTTING, cache)
    engine = Wavering()
    after = narrate_script(script("Zwo"), engine, CUTTING, cache)
    assert engine.said == ["Zwo " * 10, "zwei b " * 6]
    old = segments(before.audio.raw_data, before.cuts)
    new = segments(after.audio.raw_data, after.cuts)
    assert new[0] == old[0] and new[2] == old[2] and new[1] != old[1]
    assert [cue.text for cue in after.cues] == [s.text for s in script("Zwo").sentences]
    assert after.cues[-1].start - after.cuts[-1] / RATE == pytest.approx(
        before.cues[-1].start - before.cuts[-1] / RATE
    )


def test_in_a_scratch_folder_the_samples_lie_in_a_file(tmp_path: Path) -> None:
    in_memory = narrate_script(script(), Wavering(), CUTTING)
    in_file = narrate_script(script(), Wavering(), CUTTING, scratch=tmp_path)
    assert (tmp_path / "narration.pcm").read_bytes() == in_memory.audio.raw_data
    assert in_file.audio.raw_data == in_memory.audio.raw_data
    assert in_file.cues == in_memory.cues and in_file.cuts == in_memory.cuts


class Counting(Wavering):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[int] = []

    def synthesize(self, texts: Sequence[str]) -> list[AudioSegment]:
        self.calls.append(len(texts))
        return super().synthesize(texts)


def test_the_engine_is_asked_a_batch_of_segments_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = Counting()
    narrate_script(script(), engine, CUTTING)
    assert engine.calls == [5]  # the whole short script at once
    monkeypatch.setattr(narration, "BATCH", 100)
    engine = Counting()
    timeline = narrate_script(script(), engine, CUTTING)
    assert engine.calls == [2, 2, 1]  # a segment at a time: two are more than BATCH
    assert timeline.audio.raw_data == narrate_script(script(), Wavering(), CUTTING).audio.raw_data
    # With a cache, a batch stops at a segment the cache has.
    cache = NarrationCache(tmp_path)
    narrate_script(script(), Wavering(), CUTTING, cache)
    monkeypatch.setattr(narration, "BATCH", 10_000)
    engine = Counting()
    narrate_script(script("Zwo"), engine, CUTTING, cache)
    assert engine.calls == [2]


def test_an_engine_without_a_batch_reads_a_segment_at_a_time_and_each_is_told(
    tmp_path: Path,
) -> None:
    engine = Counting()
    engine.batch = 0
    told: list[tuple[int, int]] = []

    def laid(samples: Samples, start: int, stop: int) -> None:
        # Told as soon as the segment lies in the samples, before the next is read.
        assert samples.length == stop and len(told) == len(engine.calls) - 1
        told.append((start, stop))

    timeline = narrate_script(script(), engine, CUTTING, scratch=tmp_path, laid=laid)
    assert engine.calls == [2, 2, 1]
    bounds = [0, *timeline.cuts, timeline.samples.length]
    assert told == list(itertools.pairwise(bounds))
    # A segment the cache already has was not read, and nobody is told of it.
    cache = NarrationCache(tmp_path / "cache")
    narrate_script(script(), Wavering(), CUTTING, cache)
    told.clear()
    engine = Counting()
    engine.batch = 0

    def heard(samples: Samples, start: int, stop: int) -> None:
        told.append((start, stop))

    again = narrate_script(script("Zwo"), engine, CUTTING, cache, laid=heard)
    assert engine.calls == [2]
    assert told == [(again.cuts[0], again.cuts[1])]
