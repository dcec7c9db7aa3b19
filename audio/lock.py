"""One build at a time per output folder: a second one waits, or stops with a clear message.

The lock is an OS file lock (filelock: flock on POSIX, LockFileEx on Windows), so a killed build
releases it with its process and never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from audio.errors import AudioEditionError

LOCK = ".audio-edition.lock"


class BuildLocked(AudioEditionError):
    """Another build holds the output folder."""


@contextlib.contextmanager
def build_lock(
    output: Path, wait: bool, waiting: Callable[[str], None] = lambda message: None
) -> Iterator[None]:
    """Hold the output folder's lock for the duration of the block."""
    output.mkdir(parents=True, exist_ok=True)
    path = output / LOCK
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise BuildLocked(
                f"{output}: another build is running on this folder (lock {path}); "
                "let it finish, or pass --wait to start when it has"
            ) from None
        waiting(f"{output}: another build is running, waiting for it to finish")
        lock.acquire()
    try:
        yield
    finally:
        lock.release()
