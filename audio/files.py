"""Writing into the published folder: always to a temporary name beside the target, then a rename,
so that a reader or a crash never sees half a file.

Temporary files carry a name only this tool makes (`.<name>.<random>.audio-edition-tmp`): the
build deletes what a killed build left of them, and must never take a user's `.x.tmp` for one
(`output = "."` puts the published folder among the newsroom's own files).

A rename survives a power cut only when the file's data reached the disk before it and the
folder's entry after it: `durable` writes fsync both (audio/builds/journal.py says which must).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from audio import crashpoints

TEMPORARY_SUFFIX = ".audio-edition-tmp"
# mkstemp's random part: eight characters of [a-z0-9_].
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(TEMPORARY_SUFFIX))


def is_temporary(name: str) -> bool:
    """Whether a file of this name is a temporary file this tool made."""
    return _TEMPORARY.fullmatch(name) is not None


def target_name(name: str) -> str:
    """The name of the file a temporary file is written for; any other name as it is."""
    if not is_temporary(name):
        return name
    return name[1:].removesuffix(TEMPORARY_SUFFIX).rsplit(".", 1)[0]


@contextlib.contextmanager
def atomic_path(target: Path, durable: bool = True) -> Iterator[Path]:
    """A temporary path to write; renamed onto `target` only if the block succeeds."""
    with temporary_file(target.parent, target.name) as temporary:
        yield temporary
        if durable:
            fsync_file(temporary)
        crashpoints.point(f"write:{target.name}")
        os.replace(temporary, target)
        if durable:
            fsync_folder(target.parent)


@contextlib.contextmanager
def temporary_file(folder: Path, name: str) -> Iterator[Path]:
    """A hidden temporary file in `folder` for the file `name`, readable by all (as published
    files are); it is removed when the block is left, unless the block moved it away."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, path = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMPORARY_SUFFIX, dir=folder)
    os.close(handle)
    temporary = Path(path)
    try:
        os.chmod(temporary, 0o644)
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def write_text(target: Path, text: str, durable: bool = True) -> None:
    write_bytes(target, text.encode("utf-8"), durable)


def write_bytes(target: Path, data: bytes, durable: bool = True) -> None:
    with atomic_path(target, durable) as temporary:
        written(temporary, data)


def written(path: Path, data: bytes) -> None:
    """`data` into `path`, through the write hook the disk-full tests use (crashpoints)."""
    crashpoints.writing(path)
    path.write_bytes(data)


def fsync_file(path: Path) -> None:
    """The file's data on the disk."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def fsync_folder(folder: Path) -> None:
    """The folder's entries (the names renamed into it) on the disk; a no-op where folders
    cannot be opened (Windows)."""
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems refuse fsync on a folder; their renames are as durable as they get
    finally:
        os.close(handle)


def write_changed(target: Path, data: bytes) -> bool:
    """`write_bytes` unless `target` holds exactly `data` already; True when it wrote. A file left
    alone keeps its modification time, so copying the folder to a web server sends what changed."""
    if holds(target, data):
        return False
    write_bytes(target, data)
    return True


def holds(path: Path, data: bytes) -> bool:
    """Whether the file at `path` holds exactly `data`."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
