"""Speech engines: each turns spoken sentences into audio, one take per sentence.

An engine is anything with a `name`, a `voice`, an `identity` (every option that changes the
sound, so that it can key a cache) and `synthesize(texts)`. Engines are opened by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from audio.errors import SettingsError
from audio.ffmpeg import AudioSegment
from audio.settings import Settings


class Engine(Protocol):
    name: str
    voice: str

    @property
    def identity(self) -> str: ...

    def synthesize(self, texts: Sequence[str]) -> list[AudioSegment]: ...


ENGINE_NAMES = ("auto", "espeak")


def open_engine(name: str, settings: Settings) -> Engine:
    if name in ("auto", "espeak"):
        from audio.engines.espeak import EspeakEngine

        return EspeakEngine(voice=settings.voice)
    raise SettingsError(f"unknown engine {name!r}; choose one of {', '.join(ENGINE_NAMES)}")
