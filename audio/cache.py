"""The synthesis cache: every take synthesized, found again by what was said and how.

A take is keyed by the spoken text, the engine's identity (engine, version, voice and every option
that changes the sound) and the engine code, so an edited paragraph misses and the rest hits.
Takes are stored as 16-bit WAV at the engine's own sample rate: reading one back costs well under
a millisecond, where FLAC (half the size) costs an ffmpeg run of about 20 ms per take. Files are
written under a temporary name and renamed, so two builds can share the cache; the modification
time is the last use, and pruning removes the least recently used takes first.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import time
import uuid
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from audio.engines import Engine
from audio.errors import SettingsError
from audio.ffmpeg import AudioSegment

SUFFIX = ".wav"
# A temporary file this old was left by a build that died.
ABANDONED_AFTER_S = 3600


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("audio-edition", appauthor=False))


def take_key(identity: str, text: str) -> str:
    return hashlib.sha256(f"{identity}\n{text}".encode()).hexdigest()


_UNITS = {"": 1, "B": 1, "K": 10**3, "KB": 10**3, "M": 10**6, "MB": 10**6, "G": 10**9, "GB": 10**9}


def parse_size(text: str) -> int:
    """Bytes in "500MB", "1.5 GB", "0"."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", text)
    unit = match.group(2).upper() if match else ""
    if not match or unit not in _UNITS:
        raise SettingsError(f"{text!r} is not a size; write e.g. 500MB or 2GB")
    return int(float(match.group(1)) * _UNITS[unit])


@dataclass(frozen=True)
class Usage:
    takes: int
    size: int
    """Bytes."""


class TakeCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        return self.folder / "takes" / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str) -> AudioSegment | None:
        path = self.path(key)
        try:
            data = path.read_bytes()
            os.utime(path)
            with wave.open(io.BytesIO(data)) as reader:
                return AudioSegment(
                    data=reader.readframes(reader.getnframes()),
                    sample_width=reader.getsampwidth(),
                    frame_rate=reader.getframerate(),
                    channels=reader.getnchannels(),
                )
        except FileNotFoundError:
            return None
        except (OSError, EOFError, wave.Error):
            path.unlink(missing_ok=True)
            return None

    def put(self, key: str, take: AudioSegment) -> None:
        """Store `take`; a cache that cannot be written only costs time later."""
        path = self.path(key)
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as writer:
            writer.setnchannels(take.channels)
            writer.setsampwidth(take.sample_width)
            writer.setframerate(take.frame_rate)
            writer.writeframes(take.raw_data)
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(buffer.getvalue())
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)

    def usage(self) -> Usage:
        files = self._takes()
        return Usage(len(files), sum(size for _, size, _ in files))

    def prune(self, max_size: int) -> Usage:
        """Remove least recently used takes until at most `max_size` bytes are left; answers
        what was removed."""
        files = sorted(self._takes(), key=lambda item: item[2])
        size = sum(item[1] for item in files)
        removed = freed = 0
        for path, length, _ in files:
            if size <= max_size:
                break
            path.unlink(missing_ok=True)
            size -= length
            removed += 1
            freed += length
        now = time.time()
        for leftover in self.folder.glob("takes/*/.*.tmp"):
            try:
                if now - leftover.stat().st_mtime > ABANDONED_AFTER_S:
                    leftover.unlink()
            except OSError:
                continue
        return Usage(removed, freed)

    def _takes(self) -> list[tuple[Path, int, float]]:
        found = []
        for path in self.folder.glob(f"takes/*/*{SUFFIX}"):
            try:
                status = path.stat()
            except OSError:
                continue
            found.append((path, status.st_size, status.st_mtime))
        return found


class CachedEngine:
    """An engine that synthesizes only the sentences the cache does not have yet."""

    def __init__(self, engine: Engine, cache: TakeCache) -> None:
        from audio.staleness import code_digest

        self.engine = engine
        self.cache = cache
        # Takes made by other engine code (how gTTS pieces are packed and cut, say) are not
        # reused: the build narrates editions again after such a change, and should be heard.
        self._code = code_digest(("engines",))[:16]
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
