"""Where the programme is cut into segments: in the pauses between sentences, each segment padded
to span whole MP3 frames.

Segments are mastered and encoded on their own, side by side, and a rebuild encodes only the
segments whose samples changed (audio/mastering/segments.py says how each encoder is fed so that
the joined MP3 plays every sentence where the timeline says). For that, audio/voice/assembly.py
pads the pause at each cut until the segment before it spans whole frames of the MP3 at its rate;
the first segment may be any length.

A cut lies in the middle of a pause between sentences, once a segment holds at least SHORTEST
characters: a segment is a sentence or a few short ones. An edit then narrates, analyses and
encodes only the sentences it touched, and more segments share the cores more evenly. Where the
cuts lie depends on the script alone, and a segment's samples on its own sentences alone: an edit
elsewhere leaves it as it was, and audio/voice/narration.py need not even synthesize it again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audio.text.script import Sentence

SHORTEST = 80
"""Characters (spoken): a segment ends at the first pause between sentences after this many,
about 8 s of speech from the offline voice. A headline or a byline is not encoded on its own,
most sentences are: an edit re-encodes little, and a full build costs no more (the figures:
docs/performance.md, session five)."""
MIN_PAUSE = 0.3
"""Seconds: no cut in a shorter pause (the settings may make the sentence pause shorter); half of
it lies on either side of the cut, more than the all-pass rotation and the limiter smear speech
into it and the 26 ms the encoder leaves out."""


@dataclass(frozen=True)
class Cutting:
    """Where assemble() cuts the programme, and the frame grid the segments are padded to."""

    mp3_rate: int
    """Hz of the encoded renditions."""
    frame: int
    """Samples in one of their frames (audio/mastering/mp3format.py)."""
    shortest: int = SHORTEST

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
        grid = self.frame * rate / self.mp3_rate
        frames = math.ceil(length / grid)
        while round(frames * grid) < length:
            frames += 1
        return round(frames * grid)
