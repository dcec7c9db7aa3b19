"""Encoded MP3 segments (audio/mastering/master.py), kept for later builds under
`segments/<key>/<gain>.mp3`: the key names everything but the gain that made the MP3 (the
segment's samples, the rendition, the encoder and the mastering code), so that a rebuild can find
the gains a segment was encoded at and keep one; `<gain>.json` beside it holds what the segment
measures, decoded, at that gain. `segments/gains/<key>` holds the gain an edition's rendition
was last published at: only that edition's rebuild starts from it.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from audio.cache import cache_folder
from audio.settings import Settings


def segment_cache(settings: Settings) -> SegmentCache | None:
    """The cache of encoded segments (audio/mastering/master.py), unless caching is off."""
    folder = cache_folder(settings)
    return SegmentCache(folder) if folder else None


def gain_name(gain: float) -> str:
    """A gain in dB as segments are named by it, to a thousandth of a dB."""
    return f"{gain:+.3f}"


@dataclass(frozen=True)
class CachedSegment:
    path: Path
    """The segment's MP3 frames as the encoder wrote them."""
    powers: list[float]
    """Its K-weighted power per 100 ms step, decoded."""
    limited: float
    """The limiter's deepest cut in it, dB."""
    true_peak: float
    """Its true peak, decoded, dBTP."""


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
            powers = [float(p) for p in data["powers"]]
            return CachedSegment(mp3, powers, float(data["limited"]), float(data["true_peak"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def temporary(self, key: str) -> Path:
        """A fresh name to encode into before put()."""
        entry = self._entry(key)
        entry.mkdir(parents=True, exist_ok=True)
        return entry / f".{uuid.uuid4().hex}.tmp"

    def put(
        self,
        key: str,
        gain: str,
        encoded: Path,
        powers: Sequence[float],
        limited: float,
        true_peak: float,
    ) -> Path:
        """Move `encoded` (from temporary()) into the cache with its figures; where it is now."""
        mp3, figures = self._paths(key, gain)
        figured = {"powers": [float(p) for p in powers], "limited": limited, "true_peak": true_peak}
        data = json.dumps(figured)
        text = figures.with_name(f".{uuid.uuid4().hex}.tmp")
        try:
            os.replace(encoded, mp3)
            text.write_text(data, encoding="utf-8")
            os.replace(text, figures)
        except OSError:
            text.unlink(missing_ok=True)
            return encoded if encoded.exists() else mp3
        return mp3

    def last_gain(self, edition: str) -> str | None:
        """The gain (as named by gain_name) the edition (by its key) was last encoded at."""
        try:
            return (self.folder / "gains" / edition).read_text(encoding="utf-8").strip() or None
        except (OSError, UnicodeDecodeError):
            return None

    def remember(self, edition: str, gain: str) -> None:
        """Keep `gain` as the edition's last; a cache that cannot be written is passed over."""
        path = self.folder / "gains" / edition
        temporary = path.with_name(f".{uuid.uuid4().hex}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(gain, encoding="utf-8")
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def _paths(self, key: str, gain: str) -> tuple[Path, Path]:
        entry = self._entry(key)
        return entry / f"{gain}.mp3", entry / f"{gain}.json"
