"""The synthesis cache: every take synthesized, found again by what was said and how; and every
MP3 segment encoded, found again by what it was made from.

A take is keyed by the spoken text, the engine's identity (engine, version, voice and every option
that changes the sound) and the engine code, so an edited paragraph misses and the rest hits.
Takes are stored as 16-bit WAV at the engine's own sample rate: reading one back costs well under
a millisecond, where FLAC (half the size) costs an ffmpeg run of about 20 ms per take. Files are
written under a temporary name and renamed, so two builds can share the cache; the modification
time is the last use, and pruning removes the least recently used takes first.

Segments of the programme (audio/voice/cutting.py) are kept twice over. Narrated segments
(audio/voice/narration.py), under `narration/`, by what was said and how: a WAV of the segment laid
out and a JSON file of where its sentences lie in it. espeak-ng's takes differ a little from call to
call (its pitch flutter and noise carry over from one utterance to the next), so a segment's samples
could not otherwise be found again. Encoded segments (audio/mastering/master.py), under
`segments/<key>/<gain>.mp3`: the key names everything but the gain that made the MP3 (the segment's
samples, the rendition, the encoder and the mastering code), so that a rebuild can find the gains a
segment was encoded at and keep one; `<gain>.json` beside it holds the segment's loudness figures at
that gain. The drawn cover and its small copy (audio/edition/cover.py) are kept under `covers/`.
Pruning counts them all with the takes.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import time
import uuid
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from audio import fingerprints
from audio.errors import SettingsError
from audio.settings import Settings
from audio.voice.engines import Engine
from audio.voice.ffmpeg import AudioSegment

SUFFIX = ".wav"
# A temporary file this old was left by a build that died.
ABANDONED_AFTER_S = 3600


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("audio-edition", appauthor=False))


def narration_cache(settings: Settings) -> NarrationCache | None:
    """The cache of narrated segments (audio/voice/narration.py), unless caching is off."""
    folder = cache_folder(settings)
    return NarrationCache(folder) if folder else None


def cache_folder(settings: Settings) -> Path | None:
    """Where the cache lies, or None when caching is off."""
    return (settings.cache_dir or default_cache_dir()) if settings.cache else None


def segment_cache(settings: Settings) -> SegmentCache | None:
    """The cache of encoded segments (audio/mastering/master.py), unless caching is off."""
    folder = cache_folder(settings)
    return SegmentCache(folder) if folder else None


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
    """Bytes of the takes."""
    segments: int = 0
    """Encoded segments."""
    segments_size: int = 0
    """Bytes of the narrated and the encoded segments and the drawn covers."""


class TakeCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        return self.folder / "takes" / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str) -> AudioSegment | None:
        path = self.path(key)
        try:
            return _read_wav(path)
        except FileNotFoundError:
            return None
        except (OSError, EOFError, wave.Error):
            path.unlink(missing_ok=True)
            return None

    def put(self, key: str, take: AudioSegment) -> None:
        """Store `take`; a cache that cannot be written only costs time later."""
        with contextlib.suppress(OSError):
            write_cached(self.path(key), _wav_bytes(take))

    def usage(self) -> Usage:
        return _usage(_files(self.folder))

    def prune(self, max_size: int) -> Usage:
        """Remove least recently used takes and segments until at most `max_size` bytes are
        left; answers what was removed."""
        files = sorted(_files(self.folder), key=lambda item: item[2])
        size = sum(item[1] for item in files)
        removed = []
        for item in files:
            if size <= max_size:
                break
            item[0].unlink(missing_ok=True)
            size -= item[1]
            removed.append(item)
        now = time.time()
        for pattern in ("takes/*/.*.tmp", "narration/*/.*.tmp", "segments/*/*/.*.tmp"):
            for leftover in self.folder.glob(pattern):
                try:
                    if now - leftover.stat().st_mtime > ABANDONED_AFTER_S:
                        leftover.unlink()
                except OSError:
                    continue
        return _usage(removed)


class NarrationCache:
    """Narrated segments by key: what was said, how, and the code that laid it out."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "narration"

    def get(self, key: str) -> tuple[AudioSegment, list[tuple[int, int]]] | None:
        """The segment's samples and each sentence's [first, after last) sample in them."""
        wav, cues = self._paths(key)
        try:
            spans = [(int(start), int(end)) for start, end in json.loads(cues.read_text("utf-8"))]
            audio = _read_wav(wav)
            os.utime(cues)
        except (OSError, ValueError, TypeError, EOFError, wave.Error):
            return None
        return audio, spans

    def has(self, key: str) -> bool:
        """Whether the segment is stored (get() may still find it unreadable)."""
        return all(path.is_file() for path in self._paths(key))

    def put(self, key: str, audio: AudioSegment, cues: Sequence[tuple[int, int]]) -> None:
        """Store a segment; a cache that cannot be written only costs time later."""
        wav, spans = self._paths(key)
        with contextlib.suppress(OSError):
            write_cached(spans, json.dumps([list(cue) for cue in cues]).encode())
            write_cached(wav, _wav_bytes(audio))

    def _paths(self, key: str) -> tuple[Path, Path]:
        stem = self.folder / key[:2] / key
        return stem.with_suffix(".wav"), stem.with_suffix(".json")


@dataclass(frozen=True)
class CachedSegment:
    path: Path
    """The segment's MP3 frames as the encoder wrote them."""
    powers: list[float]
    """Its K-weighted power per 100 ms step after gain and limiter (audio/mastering/limiter.py)."""
    limited: float
    """The limiter's deepest cut in it, dB."""


class SegmentCache:
    """Encoded MP3 segments by key (see the module's docstring) and gain."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "segments"

    def gains(self, key: str) -> list[str]:
        """The gains (as named by gain_name) this segment was encoded at."""
        try:
            names = os.listdir(self._entry(key))
        except OSError:
            return []
        return [name[: -len(".json")] for name in names if name.endswith(".json")]

    def get(self, key: str, gain: str) -> CachedSegment | None:
        mp3, figures = self._paths(key, gain)
        try:
            data = json.loads(figures.read_text(encoding="utf-8"))
            os.utime(mp3)
            os.utime(figures)
            return CachedSegment(mp3, [float(p) for p in data["powers"]], float(data["limited"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def temporary(self, key: str) -> Path:
        """A fresh name to encode into before put()."""
        entry = self._entry(key)
        entry.mkdir(parents=True, exist_ok=True)
        return entry / f".{uuid.uuid4().hex}.tmp"

    def put(
        self, key: str, gain: str, encoded: Path, powers: Sequence[float], limited: float
    ) -> Path:
        """Move `encoded` (from temporary()) into the cache with its figures; where it is now."""
        mp3, figures = self._paths(key, gain)
        data = json.dumps({"powers": [float(p) for p in powers], "limited": limited})
        text = figures.with_name(f".{uuid.uuid4().hex}.tmp")
        try:
            os.replace(encoded, mp3)
            text.write_text(data, encoding="utf-8")
            os.replace(text, figures)
        except OSError:
            text.unlink(missing_ok=True)
            return encoded if encoded.exists() else mp3
        return mp3

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def _paths(self, key: str, gain: str) -> tuple[Path, Path]:
        entry = self._entry(key)
        return entry / f"{gain}.mp3", entry / f"{gain}.json"


def _read_wav(path: Path) -> AudioSegment:
    """A WAV file, its last use noted in its modification time."""
    data = path.read_bytes()
    os.utime(path)
    with wave.open(io.BytesIO(data)) as reader:
        return AudioSegment(
            data=reader.readframes(reader.getnframes()),
            sample_width=reader.getsampwidth(),
            frame_rate=reader.getframerate(),
            channels=reader.getnchannels(),
        )


def _wav_bytes(audio: AudioSegment) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(audio.channels)
        writer.setsampwidth(audio.sample_width)
        writer.setframerate(audio.frame_rate)
        writer.writeframes(audio.raw_data)
    return buffer.getvalue()


def write_cached(path: Path, data: bytes) -> None:
    """`data` into `path` under a temporary name and renamed: two builds may share the cache."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def gain_name(gain: float) -> str:
    """A gain in dB as segments are named by it, to a thousandth of a dB."""
    return f"{gain:+.3f}"


def _files(folder: Path) -> list[tuple[Path, int, float]]:
    """Every take and segment file in the cache: path, size, last use."""
    found = []
    patterns = (
        f"takes/*/*{SUFFIX}",
        "narration/*/*.*",
        "segments/*/*/*.mp3",
        "segments/*/*/*.json",
    )
    for pattern in patterns:
        for path in folder.glob(pattern):
            try:
                status = path.stat()
            except OSError:
                continue
            found.append((path, status.st_size, status.st_mtime))
    return found


def _usage(files: list[tuple[Path, int, float]]) -> Usage:
    takes = [size for path, size, _ in files if path.parent.parent.name == "takes"]
    others = [size for path, size, _ in files if path.parent.parent.name != "takes"]
    mp3s = sum(1 for path, _, _ in files if path.suffix == ".mp3")
    return Usage(len(takes), sum(takes), mp3s, sum(others))


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
