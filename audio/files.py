"""Writing into the published folder: always to a temporary name beside the target, then a rename,
so that a reader or a crash never sees half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from audio import crashpoints


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path to write; renamed onto `target` only if the block succeeds."""
    with temporary_file(target.parent, target.name) as temporary:
        yield temporary
        crashpoints.point(f"write:{target.name}")
        os.replace(temporary, target)


@contextlib.contextmanager
def temporary_file(folder: Path, name: str) -> Iterator[Path]:
    """A hidden temporary file in `folder` for the file `name`, readable by all (as published
    files are); it is removed when the block is left, unless the block moved it away."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, path = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    temporary = Path(path)
    try:
        os.chmod(temporary, 0o644)
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def write_text(target: Path, text: str) -> None:
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)


def write_changed(target: Path, data: bytes) -> bool:
    """`write_bytes` unless `target` holds exactly `data` already; True when it wrote. A file left
    alone keeps its modification time, so copying the folder to a web server sends what changed."""
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass
    write_bytes(target, data)
    return True
