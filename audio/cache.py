"""The cache folder: what builds keep for later builds, and its upkeep.

Each kind of entry has a folder of its own below the cache folder and is kept by the code that
makes it: the speech engines' takes (audio/voice/engines/cache.py, `takes/`), narrated segments
(audio/voice/narration.py, `narration/`), encoded segments (audio/mastering/segment_cache.py,
`segments/`) and drawn covers (audio/edition/cover.py, `covers/`). Every entry is found by a key
that names what it was made from, the code that made it included (audio/fingerprints.py). Files
are written under a temporary name and renamed, so two builds can share the cache; a file's
modification time is its last use, and pruning removes the least recently used first.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from audio.errors import SettingsError
from audio.settings import Settings

KINDS = ("takes", "narration", "segments", "covers")
"""The folders of the kinds of entry."""
ABANDONED_AFTER_S = 3600
"""Seconds: a temporary file this old was left by a build that died."""


def cache_location(settings: Settings) -> Path:
    """Where the cache lies: `cache_dir`, else the platform's user cache folder."""
    if settings.cache_dir is not None:
        return settings.cache_dir
    import platformdirs

    return Path(platformdirs.user_cache_dir("audio-edition", appauthor=False))


def cache_folder(settings: Settings) -> Path | None:
    """Where the builds keep their cache, or None when caching is off."""
    return cache_location(settings) if settings.cache else None


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


def write_cached(path: Path, data: bytes) -> None:
    """`data` into `path` under a temporary name and renamed: two builds may share the cache."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def usage(folder: Path) -> Usage:
    """What the cache in `folder` holds."""
    return _usage(_files(folder))


def prune(folder: Path, max_size: int) -> Usage:
    """Remove the least recently used entries of every kind until at most `max_size` bytes are
    left, and the temporary files of builds that died; answers what was removed."""
    files = sorted(_files(folder), key=lambda item: item[2])
    size = sum(item[1] for item in files)
    removed = []
    for item in files:
        if size <= max_size:
            break
        item[0].unlink(missing_ok=True)
        size -= item[1]
        removed.append(item)
    now = time.time()
    for kind in KINDS:
        for leftover in (folder / kind).rglob(".*.tmp"):
            try:
                if now - leftover.stat().st_mtime > ABANDONED_AFTER_S:
                    leftover.unlink()
            except OSError:
                continue
    return _usage(removed)


def _files(folder: Path) -> list[tuple[Path, int, float]]:
    """Every file of an entry in the cache, temporary ones left out: path, size, last use."""
    found = []
    for kind in KINDS:
        for path in (folder / kind).rglob("*"):
            if path.name.startswith("."):
                continue
            try:
                status = path.stat()
            except OSError:
                continue
            if path.is_file():
                found.append((path, status.st_size, status.st_mtime))
    return found


def _usage(files: list[tuple[Path, int, float]]) -> Usage:
    takes = [size for path, size, _ in files if path.parent.parent.name == "takes"]
    others = [size for path, size, _ in files if path.parent.parent.name != "takes"]
    mp3s = sum(1 for path, _, _ in files if path.suffix == ".mp3")
    return Usage(len(takes), sum(takes), mp3s, sum(others))
