"""What narration hands on: the programme's samples, and where every sentence and chapter lies in
them. Transcripts, chapters in tags, feeds and pages are written from these times."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audio.voice.ffmpeg import AudioSegment
    from audio.voice.pcm import Samples


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Chapter:
    start: float
    end: float
    title: str


@dataclass(frozen=True)
class Timeline:
    samples: Samples
    """The programme's samples, possibly in a file: read them a range at a time."""
    cues: tuple[Cue, ...]
    chapters: tuple[Chapter, ...]
    cuts: tuple[int, ...] = ()
    """Sample offsets in `samples` where it may be cut into segments (audio/voice/cutting.py)."""

    @property
    def audio(self) -> AudioSegment:
        """The whole programme in memory: for short programmes (and tests) only."""
        return self.samples.audio()

    @property
    def duration(self) -> float:
        """Seconds, to the millisecond (as pydub measures)."""
        return self.samples.duration
