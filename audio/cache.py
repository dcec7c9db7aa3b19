"""The cache folder: what builds keep for later builds, and its upkeep.

Each kind of entry has a folder of its own below the cache folder and is kept by the code that
makes it: the speech engines' takes (audio/voice/engines/cache.py, `takes/`), narrated segments
(audio/voice/narration.py, `narration/`), encoded segments (audio/mastering/segment_cache.py,
`segments/`) and drawn covers (audio/edition/cover.py, `covers/`). Every entry is found by a key
that names what it was made from, the code that made it included (audio/fingerprints.py).

Nothing read from the cache is trusted. Every entry is one sealed file (`seal`): a header names
the key the entry was made for and the CRC-64 and length of the rest, a little JSON its maker
reads back and the payload. An entry is verified whenever it is read; one that is cut short, has
bits flipped, belongs to another key or cannot be read is discarded, reported once (`notices`),
and made again by its maker. Nothing here raises: a cache that cannot be read or written costs
time, never an edition. A CRC rather than SHA-256: a check against damage, not a signature
(whoever can write the cache can write anything into it), and many times faster over the
megabytes an edited article's rebuild reads back (docs/cache.md).

Files are written under a temporary name and renamed, so two builds can share the cache; a
file's modification time is its last use, and pruning removes the least recently used first.
Whoever reads an entry holds its bytes from then on, so pruning never takes anything from under a
running build.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastcrc import crc64

from audio.inputs import read_bounded
from audio.settings import Settings

KINDS = ("takes", "narration", "segments", "covers")
"""The folders of the kinds of entry."""
NAMES = {
    "takes": "take",
    "narration": "narrated segment",
    "segments": "encoded segment",
    "covers": "cover",
}
"""What one entry of each kind is called in a message."""
SUFFIX = ".entry"
ABANDONED_AFTER_S = 3600
"""Seconds: a temporary file this old was left by a build that died."""
MAGIC = b"audio-edition cache entry 1\n"
LARGEST = 1 << 30
"""Bytes: no entry is larger (an encoded segment is about a megabyte); a larger file is not read."""


def cache_location(settings: Settings) -> Path:
    """Where the cache lies: `cache_dir`, else the platform's user cache folder."""
    if settings.cache_dir is not None:
        return settings.cache_dir
    import platformdirs

    return Path(platformdirs.user_cache_dir("audio-edition", appauthor=False))


def cache_folder(settings: Settings) -> Path | None:
    """Where the builds keep their cache, or None when caching is off."""
    return cache_location(settings) if settings.cache else None


@dataclass(frozen=True)
class Entry:
    meta: dict[str, Any]
    """What the entry's maker wrote beside the payload (sample rate, cues, loudness figures)."""
    payload: bytes


class Damaged(ValueError):
    """An entry that is not what its seal says."""


def seal(key: str, payload: bytes, meta: dict[str, Any] | None = None) -> bytes:
    """An entry's file: MAGIC, a JSON line with the key and the CRC-64 and length of the body,
    then the body: `meta` as a JSON line, and `payload`."""
    body = json.dumps(meta or {}, separators=(",", ":")).encode() + b"\n" + payload
    header = {"key": key, "size": len(body), "crc64": crc64.xz(body)}
    return MAGIC + json.dumps(header).encode() + b"\n" + body


def unseal(data: bytes, key: str) -> Entry:
    """The entry in `data`, made for `key`; Damaged, saying how, if it is anything else."""
    if not data.startswith(MAGIC):
        raise Damaged("not an entry of this cache" if len(data) >= len(MAGIC) else "cut short")
    start = data.find(b"\n", len(MAGIC)) + 1
    if not start:
        raise Damaged("cut short in its header")
    try:
        header = json.loads(data[len(MAGIC) : start])
        size, check = int(header["size"]), int(header["crc64"])
    except (ValueError, TypeError, KeyError):
        raise Damaged("its header is garbled") from None
    if header.get("key") != key:
        raise Damaged("made for another key")
    body = memoryview(data)[start:]  # the payload is copied once, below
    if len(body) != size:
        raise Damaged("cut short" if len(body) < size else "longer than it was written")
    if crc64.xz(body) != check:
        raise Damaged("its checksum does not match its content")
    meta = data.find(b"\n", start) + 1
    return Entry(json.loads(data[start:meta]), data[meta:])


class Shelf:
    """The entries of one kind below the cache folder: sealed files, read only when whole."""

    def __init__(self, folder: Path, kind: str) -> None:
        self.root = folder / kind
        self.kind = kind

    def path(self, name: str) -> Path:
        """Where the entry named `name` (a hex digest) lies."""
        return self.root / name[:2] / f"{name}{SUFFIX}"

    def read(self, path: Path, key: str) -> Entry | None:
        """The entry at `path` made for `key`, verified; None if there is none or it is damaged
        (then it is removed and reported) or unreadable (reported)."""
        try:
            data = read_bounded(path, LARGEST)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as error:
            _report.unreadable(path, error)
            return None
        try:
            entry = unseal(data, key)
        except Damaged as damage:
            self._discard(path, str(damage))
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # its last use, for pruning
        return entry

    def write(
        self, path: Path, key: str, payload: bytes, meta: dict[str, Any] | None = None
    ) -> None:
        """Seal and store an entry; a cache that cannot be written is reported once."""
        try:
            _write(path, seal(key, payload, meta))
        except OSError as error:
            _report.unwritable(self.root.parent, error)

    def _discard(self, path: Path, problem: str) -> None:
        try:
            path.unlink()
        except OSError as error:
            _report.unreadable(path, error)
        _report.damaged(self.kind, path, problem)


def _write(path: Path, data: bytes) -> None:
    """`data` into `path` under a temporary name and renamed: two builds may share the cache."""
    temporary = path.with_name(f".{path.name}.{os.urandom(16).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


@dataclass
class _Report:
    """What went wrong with the cache since the last `notices()`, each problem once."""

    damaged_entries: dict[str, list[tuple[Path, str]]] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    said: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def damaged(self, kind: str, path: Path, problem: str) -> None:
        with self.lock:
            self.damaged_entries.setdefault(kind, []).append((path, problem))

    def unreadable(self, path: Path, error: OSError) -> None:
        self._once(str(path), f"cannot read {path}: {error.strerror or error}; made again")

    def unwritable(self, folder: Path, error: OSError) -> None:
        where = error.filename or folder
        self._once(
            f"{folder} {error.errno}",
            f"cannot write into the cache {folder} ({where}: {error.strerror or error}): "
            "nothing is kept for later builds, which take longer",
        )

    def _once(self, subject: str, message: str) -> None:
        with self.lock:
            if subject not in self.said:
                self.said.add(subject)
                self.problems[subject] = message

    def drain(self) -> list[str]:
        with self.lock:
            lines = [f"cache: {message}" for message in self.problems.values()]
            for kind, found in self.damaged_entries.items():
                problems = ", ".join(sorted({problem for _, problem in found}))
                name = NAMES[kind] if len(found) == 1 else f"{NAMES[kind]}s"
                lines.append(
                    f"cache: {len(found)} damaged {name} ({problems}) discarded and made again, "
                    f"first {found[0][0]}"
                )
            self.damaged_entries.clear()
            self.problems.clear()
            return lines


_report = _Report()


def notices() -> list[str]:
    """What went wrong with the cache in this process since the last call, a line per problem
    (a damaged entry is removed, so it is reported once; a folder that cannot be written is
    reported once per process)."""
    return _report.drain()


@dataclass(frozen=True)
class Usage:
    takes: int
    size: int
    """Bytes of the takes."""
    segments: int = 0
    """Encoded segments."""
    segments_size: int = 0
    """Bytes of the narrated and the encoded segments and the drawn covers."""


def usage(folder: Path) -> Usage:
    """What the cache in `folder` holds."""
    return _usage(_files(folder))


def prune(folder: Path, max_size: int) -> Usage:
    """Remove the least recently used entries of every kind until at most `max_size` bytes are
    left, and the temporary files of builds that died; answers what was removed."""
    files = sorted(_files(folder), key=lambda item: item.used)
    size = sum(item.size for item in files)
    removed = []
    for item in files:
        if size <= max_size:
            break
        try:
            item.path.unlink()
        except FileNotFoundError:
            pass  # a build sharing the cache replaced or removed it meanwhile
        except OSError:
            continue
        size -= item.size
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


@dataclass(frozen=True)
class _File:
    path: Path
    kind: str
    size: int
    used: float


def _files(folder: Path) -> list[_File]:
    """Every file of an entry in the cache, temporary ones left out."""
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
                found.append(_File(path, kind, status.st_size, status.st_mtime))
    return found


def _usage(files: list[_File]) -> Usage:
    takes = [item.size for item in files if item.kind == "takes"]
    others = [item.size for item in files if item.kind != "takes"]
    encoded = sum(1 for item in files if item.kind == "segments")
    return Usage(len(takes), sum(takes), encoded, sum(others))
