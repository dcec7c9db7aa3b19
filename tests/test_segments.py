"""The programme in segments: cut in the pauses between sentences, each spanning whole MP3
frames, each fed to its encoder so that, joined, it decodes to its place."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest
from pydub.generators import Sine

from audio.edition.stages import cutting_for
from audio.mastering.encoder import encoding
from audio.mastering.mp3format import frame_samples
from audio.mastering.mp3join import read_stream
from audio.mastering.segments import Segment, segments_of
from audio.settings import Settings
from audio.text.script import Part, Script, Sentence
from audio.voice.assembly import assemble
from audio.voice.cutting import SHORTEST, Cutting
from audio.voice.ffmpeg import AudioSegment

CUTTING = Cutting(44100, 1152, shortest=20)


def sentence(characters: int, pause: float) -> Sentence:
    return Sentence("x" * characters, "x" * characters, pause)


def test_cuts_lie_in_pauses_once_a_segment_is_long_enough() -> None:
    sentences = [
        sentence(15, 0.45),  # 15 characters: too short
        sentence(10, 0.45),  # 25: long enough
        sentence(5, 0.9),  # 5: too short, though a paragraph ends
        sentence(30, 0.2),  # 35: long enough, but the pause is too short to cut in
        sentence(10, 1.4),  # 45: a section ends
        sentence(21, 0.3),  # 21: the shortest pause a cut may lie in
        sentence(5, 0.0),
    ]
    runs = CUTTING.runs(sentences)
    assert [(run.start, run.stop) for run in runs] == [(0, 2), (2, 5), (5, 6), (6, 7)]


@pytest.mark.parametrize(("rate", "frame"), [(48000, 1152), (32000, 1152), (24000, 576)])
def test_the_cutting_follows_the_settings(rate: int, frame: int) -> None:
    cutting = cutting_for(Settings(sample_rate=rate))
    assert (cutting.mp3_rate, cutting.frame, cutting.shortest) == (rate, frame, SHORTEST)


@pytest.mark.parametrize(("rate", "mp3_rate", "grid"), [(22050, 44100, 576), (44100, 44100, 1152)])
def test_segments_are_padded_to_whole_frames(rate: int, mp3_rate: int, grid: int) -> None:
    cutting = Cutting(mp3_rate, frame_samples(mp3_rate))
    for length in (1, grid - 1, grid, grid + 1, 123457):
        aligned = cutting.aligned(length, rate)
        assert aligned >= length and aligned % grid == 0 and aligned - length < grid


def test_at_other_rates_whole_frames_are_as_near_as_a_sample_allows() -> None:
    cutting = Cutting(44100, 1152)
    for length in (1000, 54321, 700001):
        aligned = cutting.aligned(length, 24000)
        frames = aligned * 44100 / 24000 / 1152
        assert aligned >= length and abs(frames - round(frames)) * 1152 <= 0.5 * 44100 / 24000


def test_cuts_off_the_frame_grid_are_left_out() -> None:
    segments = segments_of(10 * 576 + 7, (577, 577 + 4 * 576, 577 + 4 * 576 + 100), 22050, 44100)
    # The first segment may be any length; the next must span whole frames.
    assert [(s.start, s.stop, s.last) for s in segments] == [
        (0, 577, False),
        (577, 577 + 4 * 576, False),
        (577 + 4 * 576, 10 * 576 + 7, True),
    ]


def encoded_frames(samples: int, mp3_rate: int, folder: Path) -> int:
    """Frames of a stream of `samples` fed to the encoder at `mp3_rate`."""
    noise = np.random.default_rng(samples).standard_normal(samples).astype(np.float32) * 0.1
    path = folder / "segment.mp3"
    with encoding(path, mp3_rate, 64) as write:
        write(noise)
    return read_stream(path).frames


@pytest.mark.parametrize(
    ("rate", "mp3_rate"), [(22050, 44100), (24000, 44100), (44100, 44100), (22050, 22050)]
)
def test_each_segment_encodes_to_the_frames_it_spans(
    rate: int, mp3_rate: int, tmp_path: Path
) -> None:
    frame = 1152 if mp3_rate >= 32000 else 576
    length = Cutting(mp3_rate, frame).aligned(3 * rate, rate)
    span = round(length * mp3_rate / rate / frame)
    inner = Segment(1, 5 * length, 6 * length, last=False).feed(rate, mp3_rate)
    assert (inner.lead, inner.frames) == (0, span)
    assert encoded_frames(inner.fed, mp3_rate, tmp_path) == span
    # The first segment may be any length: silence before it makes whole frames.
    first = Segment(0, 0, length - 100, last=False).feed(rate, mp3_rate)
    assert first.frames == span and first.lead > 0
    assert first.fed - first.lead == round((length - 100) * mp3_rate / rate) - 1152
    assert encoded_frames(first.fed, mp3_rate, tmp_path) == span
    last = Segment(2, 0, 12345, last=True).feed(rate, mp3_rate)
    assert last.fed == math.ceil(12345 * mp3_rate / rate)
    assert encoded_frames(last.fed, mp3_rate, tmp_path) == last.frames


def paragraph_script(first_words: str) -> Script:
    said = [
        Sentence(f"{first_words}.", first_words, 0.2),  # too short a pause to cut in
        Sentence("Zwei.", "zwei " * 20, 0.9),
        Sentence("Drei.", "drei " * 20, 0.9),
        Sentence("Vier.", "vier " * 5, 0.0),
    ]
    return Script((Part("section", "Kommentar", tuple(said)),))


def takes(script: Script) -> list[AudioSegment]:
    """A tone as long as each sentence's spoken text, at espeak's rate."""
    return [
        Sine(300).to_audio_segment(20 * len(s.spoken)).set_frame_rate(22050).set_channels(1)
        for s in script.sentences
    ]


def test_a_segment_stays_the_same_whatever_comes_before_it() -> None:
    cutting = Cutting(44100, 1152, shortest=50)
    short, long = paragraph_script("eins"), paragraph_script("eins " * 30)
    timelines = [assemble(script, takes(script), cutting) for script in (short, long)]
    for timeline in timelines:
        assert len(timeline.cuts) == 2
        assert all((b - a) % 576 == 0 for a, b in itertools.pairwise(timeline.cuts))
    raws = [timeline.audio.raw_data for timeline in timelines]
    cuts = [timeline.cuts for timeline in timelines]
    assert cuts[0][0] != cuts[1][0]
    # The second and third segments are the same samples, in other places.
    assert raws[0][cuts[0][0] * 2 :] == raws[1][cuts[1][0] * 2 :]


def test_no_cut_leaves_only_the_closing_words() -> None:
    sentences = [sentence(25, 0.9), sentence(25, 0.9), sentence(4, 0.0)]
    assert [(run.start, run.stop) for run in CUTTING.runs(sentences)] == [(0, 1), (1, 3)]
