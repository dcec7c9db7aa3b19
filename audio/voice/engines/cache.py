"""The speech engines' takes, kept for later builds: an engine behind `CachedEngine` synthesizes
only the sentences the cache does not have yet.

A take is keyed by the spoken text, the engine's identity (engine, version, voice and every option
that changes the sound) and the engine code, so an edited paragraph misses and the rest hits.
Takes are stored as the engine's 16-bit samples at its own rate, sealed (audio/cache.py): reading
one back costs well under a millisecond, where FLAC (half the size) costs an ffmpeg run of about
20 ms per take.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from audio import fingerprints
from audio.cache import Shelf
from audio.voice.engines.engine import Engine
from audio.voice.ffmpeg import AudioSegment
from audio.voice.pcm import audio_entry, entry_audio


def take_key(identity: str, text: str) -> str:
    return hashlib.sha256(f"{identity}\n{text}".encode()).hexdigest()


class TakeCache:
    def __init__(self, folder: Path) -> None:
        self.shelf = Shelf(folder, "takes")

    def path(self, key: str) -> Path:
        return self.shelf.path(key)

    def get(self, key: str) -> AudioSegment | None:
        """The take made for `key`, if the cache holds it whole."""
        entry = self.shelf.read(self.path(key), key)
        return entry_audio(entry.payload, entry.meta) if entry else None

    def put(self, key: str, take: AudioSegment) -> None:
        """Store `take`; a cache that cannot be written only costs time later."""
        self.shelf.write(self.path(key), key, *audio_entry(take))


class CachedEngine:
    """An engine that synthesizes only the sentences the cache does not have yet."""

    def __init__(self, engine: Engine, cache: TakeCache) -> None:
        self.engine = engine
        self.cache = cache
        # Takes made by other engine code (how gTTS pieces are packed and cut, say) are not
        # reused: the build narrates editions again after such a change, and should be heard.
        self._code = fingerprints.digest("takes")[:16]
        self.synthesized = 0
        """Sentences sent to the engine so far."""

    @property
    def name(self) -> str:
        return self.engine.name

    @property
    def voice(self) -> str:
        return self.engine.voice

    @property
    def fallback(self) -> str | None:
        return self.engine.fallback

    @property
    def batch(self) -> int:
        return self.engine.batch

    @property
    def identity(self) -> str:
        return self.engine.identity

    def synthesize(self, texts: Sequence[str]) -> list[AudioSegment]:
        identity = f"{self.identity} code={self._code}"
        takes: dict[str, AudioSegment] = {}
        for text in dict.fromkeys(texts):
            take = self.cache.get(take_key(identity, text))
            if take is not None:
                takes[text] = take
        missing = [text for text in dict.fromkeys(texts) if text not in takes]
        if missing:
            for text, take in zip(missing, self.engine.synthesize(missing), strict=True):
                self.cache.put(take_key(identity, text), take)
                takes[text] = take
            self.synthesized += len(missing)
        return [takes[text] for text in texts]
