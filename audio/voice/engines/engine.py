"""What every speech engine is: a name, a voice, an identity and `synthesize`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from audio.voice.ffmpeg import AudioSegment


class Engine(Protocol):
    name: str
    voice: str
    fallback: str | None
    """Why this engine stands in for gTTS under `auto` (Google did not answer), else None."""
    batch: int
    """Characters worth giving `synthesize` at once. Past a segment it only pays for an engine
    that works on many sentences side by side (gTTS's requests); an engine that reads one
    sentence after the other is given a segment at a time, so mastering can analyse one while
    the engine reads the next (audio/voice/narration.py)."""

    @property
    def identity(self) -> str: ...

    def synthesize(self, texts: Sequence[str]) -> list[AudioSegment]: ...
