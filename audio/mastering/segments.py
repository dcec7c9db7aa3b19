"""What each segment's encoder is fed, so that the joined MP3 decodes every segment exactly where
it lies in the timeline.

LAME puts 576 samples of delay before the audio and pads the end with at least 576 more: n
samples become ceil((n + 1152) / S) frames of S samples (measured at every MP3 sample rate,
audio/mastering/encoder.py). audio/voice/cutting.py has each segment but the first span whole
frames, so each segment but the last is fed all but its last 1152 samples (at the MP3's rate):
pause, which the delay and padding of the joined streams stand in for. The first segment is
padded at its start to whole frames, and the joined file's header has decoders skip that with
the encoder delay (audio/mastering/mp3join.py). Decoded, every segment starts exactly where it
starts in the timeline, and the joined file is exactly as long as the timeline.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from audio.mastering.mp3format import frame_samples

CODEC_SPAN = 1152
"""Samples of encoder delay plus least padding (576 each) at the MP3's rate."""


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
