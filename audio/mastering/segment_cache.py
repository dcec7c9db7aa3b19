"""Encoded MP3 segments (audio/mastering/master.py), kept for later builds under
`segments/<key>/<gain>.entry`: the key names everything but the gain that made the MP3 (the
segment's samples, the rendition, the encoder and the mastering code), so that a rebuild can find
the gains a segment was encoded at and keep one. Each is one sealed entry (audio/cache.py): the
MP3 frames, with what the segment measures, decoded, at that gain. `segments/gains/<edition>`
holds the gain an edition's rendition was last published at: only that edition's rebuild starts
from it.

Mastering reads a segment's frames by path when it joins the rendition, long after it found the
segment: what it is given is a verified copy in a work folder of its own (below `within`, the
edition's staging folder in a build), so that neither pruning nor another build changes it
meanwhile. Segments are encoded into that folder too, and sealed into the cache from there.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import uuid
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from audio.cache import SUFFIX, Shelf, cache_folder
from audio.settings import Settings


@contextlib.contextmanager
def segment_cache(settings: Settings, within: Path | None = None) -> Iterator[SegmentCache | None]:
    """The cache of encoded segments (audio/mastering/master.py), unless caching is off; its
    work folder lies below `within` (else the system's temporary folder) until the block ends."""
    folder = cache_folder(settings)
    if folder is None:
        yield None
        return
    cache = SegmentCache(folder, within)
    try:
        yield cache
    finally:
        cache.close()


def gain_name(gain: float) -> str:
    """A gain in dB as segments are named by it, to a thousandth of a dB."""
    return f"{gain:+.3f}"


@dataclass(frozen=True)
class CachedSegment:
    path: Path
    """The segment's MP3 frames as the encoder wrote them (a copy of the cache's, in the work
    folder)."""
    powers: list[float]
    """Its K-weighted power per 100 ms step, decoded."""
    limited: float
    """The limiter's deepest cut in it, dB."""
    true_peak: float
    """Its true peak, decoded, dBTP."""


class SegmentCache:
    """Encoded MP3 segments by key (see the module's docstring) and gain."""

    def __init__(self, folder: Path, within: Path | None = None) -> None:
        self.shelf = Shelf(folder, "segments")
        self.within = within
        self._work: Path | None = None
        self._cleanup: weakref.finalize | None = None
        self._lock = threading.Lock()
        self._found: dict[tuple[str, str], CachedSegment | None] = {}

    def gains(self, key: str) -> list[str]:
        """The gains (as named by gain_name) this segment was encoded at."""
        try:
            names = os.listdir(self._entry(key))
        except OSError:
            return []
        return [name[: -len(SUFFIX)] for name in names if name.endswith(SUFFIX)]

    def get(self, key: str, gain: str) -> CachedSegment | None:
        """The segment encoded at `gain`, verified and copied into the work folder (once)."""
        if (key, gain) not in self._found:
            self._found[key, gain] = self._copied(key, gain)
        return self._found[key, gain]

    def temporary(self, key: str) -> Path:
        """A fresh name in the work folder, to encode into before put()."""
        return self._folder() / f"{key[:16]}-{uuid.uuid4().hex}.mp3"

    def put(
        self,
        key: str,
        gain: str,
        encoded: Path,
        powers: Sequence[float],
        limited: float,
        true_peak: float,
    ) -> Path:
        """Keep `encoded` (from temporary()) in the cache with its figures; it stays where it is
        for mastering to join (the answer), and goes with the work folder."""
        meta = {
            "powers": [float(p) for p in powers],
            "limited": float(limited),
            "true_peak": float(true_peak),
        }
        self.shelf.write(self._path(key, gain), _entry_key(key, gain), encoded.read_bytes(), meta)
        return encoded

    def close(self) -> None:
        """Remove the work folder and the copies in it."""
        if self._cleanup is not None:
            self._cleanup()

    def _copied(self, key: str, gain: str) -> CachedSegment | None:
        entry = self.shelf.read(self._path(key, gain), _entry_key(key, gain))
        if entry is None:
            return None
        copy = self.temporary(key)
        copy.write_bytes(entry.payload)
        powers = [float(power) for power in entry.meta["powers"]]
        limited, true_peak = float(entry.meta["limited"]), float(entry.meta["true_peak"])
        return CachedSegment(copy, powers, limited, true_peak)

    def _folder(self) -> Path:
        with self._lock:
            if self._work is None:
                if self.within is not None:
                    self.within.mkdir(parents=True, exist_ok=True)
                work = tempfile.mkdtemp(prefix=".audio-edition-segments-", dir=self.within)
                self._work = Path(work)
                # Also when a caller forgets close(), as TemporaryDirectory does.
                self._cleanup = weakref.finalize(self, shutil.rmtree, self._work, True)
            return self._work

    def last_gain(self, edition: str) -> str | None:
        """The gain (as named by gain_name) the edition (by its key) was last encoded at."""
        entry = self.shelf.read(self._gain_path(edition), f"gain {edition}")
        return entry.payload.decode("ascii", "replace") if entry is not None else None

    def remember(self, edition: str, gain: str) -> None:
        """Keep `gain` as the edition's last; a cache that cannot be written is reported once."""
        self.shelf.write(self._gain_path(edition), f"gain {edition}", gain.encode("ascii"))

    def _gain_path(self, edition: str) -> Path:
        return self.shelf.root / "gains" / f"{edition}{SUFFIX}"

    def _entry(self, key: str) -> Path:
        return self.shelf.root / key[:2] / key

    def _path(self, key: str, gain: str) -> Path:
        return self._entry(key) / f"{gain}{SUFFIX}"


def _entry_key(key: str, gain: str) -> str:
    return f"{key} {gain}"
