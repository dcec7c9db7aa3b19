"""The programme in segments: cut in the pauses between sentences, each spanning whole MP3 frames.

Segments are mastered and encoded on their own, side by side, and a rebuild encodes only the
segments whose samples changed; audio/mastering/mp3join.py joins their frames into one MP3. For
every sentence to play where the timeline says, each segment but the last must decode to exactly its
length in the timeline, encoder delay and padding included. LAME puts 576 samples of delay before
the audio and pads the end with at least 576 more: n samples become ceil((n + 1152) / S) frames of S
samples (measured at every MP3 sample rate, audio/mastering/encoder.py). So audio/voice/assembly.py
pads the pause at each cut until the segment before it spans whole frames, and that segment's
encoder is fed all but its last 1152 samples (at the MP3's rate): pause, which the delay and padding
of the joined streams stand in for. The first segment may be any length: silence put before it makes
whole frames, and the joined file's header has decoders skip it with the encoder delay. Decoded,
every segment starts exactly where it starts in the timeline, and the joined file is exactly as long
as the timeline.

A cut lies in the middle of a pause between sentences, once a segment holds at least SHORTEST
characters: a segment is a sentence or a few short ones. An edit then narrates, analyses and
encodes only the sentences it touched, and more segments share the cores more evenly. Where the
cuts lie depends on the script alone, and a segment's samples on its own sentences alone: an edit
elsewhere leaves it as it was, and audio/voice/narration.py need not even synthesize it again.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audio.settings import Settings

if TYPE_CHECKING:
    from audio.text.script import Sentence

SHORTEST = 80
"""Characters (spoken): a segment ends at the first pause between sentences after this many,
about 8 s of speech from the offline voice. A headline or a byline is not encoded on its own,
most sentences are. With segments of 250 to 500 characters, a sentence added to one of the 50
editions of bench/noop_rebuild.py was rebuilt in 0.55 s, now in 0.40 s; full builds of the seed
and of that article take as long as before (within 3 %)."""
MIN_PAUSE = 0.3
"""Seconds: no cut in a shorter pause (the settings may make the sentence pause shorter); half of
it lies on either side of the cut, more than the all-pass rotation and the limiter smear speech
into it and the 26 ms the encoder leaves out."""
CODEC_SPAN = 1152
"""Samples of encoder delay plus least padding (576 each) at the MP3's rate."""


def frame_samples(mp3_rate: int) -> int:
    """Samples per Layer III frame: 1152 for MPEG-1 rates (32 kHz and up), 576 below."""
    return 1152 if mp3_rate >= 32000 else 576


@dataclass(frozen=True)
class Cutting:
    """Where assemble() cuts the programme, and the frame grid the segments are padded to."""

    mp3_rate: int
    """Hz of the encoded renditions."""
    shortest: int = SHORTEST

    @classmethod
    def of(cls, settings: Settings) -> Cutting:
        return cls(settings.sample_rate)

    def runs(self, sentences: Sequence[Sentence]) -> list[range]:
        """The sentences of each segment, by their index in `sentences`. No cut leaves less than
        a quarter of a segment after it: an encoder for the closing words alone would cost more
        than it saves."""
        remaining = sum(len(sentence.spoken) for sentence in sentences)
        runs, start, characters = [], 0, 0
        for index, sentence in enumerate(sentences[:-1]):
            characters += len(sentence.spoken)
            remaining -= len(sentence.spoken)
            cut = sentence.pause >= MIN_PAUSE and characters >= self.shortest
            if cut and remaining >= self.shortest / 4:
                runs.append(range(start, index + 1))
                start, characters = index + 1, 0
        runs.append(range(start, len(sentences)))
        return runs

    def aligned(self, length: int, rate: int) -> int:
        """The least number of samples at `rate`, at least `length`, that spans whole frames."""
        grid = frame_samples(self.mp3_rate) * rate / self.mp3_rate
        frames = math.ceil(length / grid)
        while round(frames * grid) < length:
            frames += 1
        return round(frames * grid)


@dataclass(frozen=True)
class Feed:
    """What a segment's encoder is given, in samples at the MP3's rate."""

    lead: int
    """Silence before the segment's own samples; the joined file's header tells decoders to
    skip it with the encoder delay (the first segment need not span whole frames)."""
    fed: int
    """Samples in all, `lead` included: the rest are the segment's, resampled."""
    frames: int
    """MP3 frames the encoded stream will hold."""


@dataclass(frozen=True)
class Segment:
    index: int
    start: int
    stop: int
    """Samples of the timeline: [start, stop)."""
    last: bool

    def feed(self, rate: int, mp3_rate: int) -> Feed:
        """What the encoder gets so that, joined, the segment decodes to its place: the last
        segment all its samples; the others all but the encoder's delay and padding."""
        frame = frame_samples(mp3_rate)
        length = self.stop - self.start
        exact = length * mp3_rate / rate
        if self.last:
            return self._fed(0, -(-length * mp3_rate // rate), frame)
        if self.index:
            return self._fed(0, frame * round(exact / frame) - CODEC_SPAN, frame)
        # The first segment is padded at its start to whole frames, the header's delay skips it.
        lead = -round(exact) % frame
        return self._fed(lead, round(exact) + lead - CODEC_SPAN, frame)

    @staticmethod
    def _fed(lead: int, fed: int, frame: int) -> Feed:
        return Feed(lead, fed, math.ceil((fed + CODEC_SPAN) / frame))


def segments_of(length: int, cuts: tuple[int, ...], rate: int, mp3_rate: int) -> list[Segment]:
    """The segments between `cuts` in a programme of `length` samples at `rate`. A cut after
    which the segment before it would not span whole frames is left out (the first segment may
    span any length)."""
    grid = frame_samples(mp3_rate) * rate / mp3_rate
    bounds = [0]
    for cut in cuts:
        frames = (cut - bounds[-1]) / grid
        aligned = abs(frames - round(frames)) * grid <= 0.51
        if bounds[-1] < cut < length and (len(bounds) == 1 or aligned):
            bounds.append(cut)
    bounds.append(length)
    last = len(bounds) - 2
    return [
        Segment(index, start, stop, index == last)
        for index, (start, stop) in enumerate(itertools.pairwise(bounds))
    ]
