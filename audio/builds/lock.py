"""One build at a time per output folder: a second one waits, or stops with a clear message.

The lock is the operating system's lock on a file in the output folder (flock on POSIX, a locked
byte on Windows), held through an open descriptor: a killed build releases it with its process and
never leaves a stale lock behind. Both kinds are held per open file, so two builds in one process
exclude each other too. The few lines here replaced the filelock package, whose import (25 ms,
through its hashing and random modules) was a sixth of a build with nothing to do.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from audio.errors import AudioEditionError

LOCK = ".audio-edition.lock"
RETRY = 0.1
"""Seconds between tries while waiting, where the system cannot block until the lock is free."""


class BuildLocked(AudioEditionError):
    """Another build holds the output folder."""


@contextlib.contextmanager
def build_lock(
    output: Path, wait: bool, waiting: Callable[[str], None] = lambda message: None
) -> Iterator[None]:
    """Hold the output folder's lock for the duration of the block."""
    output.mkdir(parents=True, exist_ok=True)
    path = output / LOCK
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _taken(descriptor):
            if not wait:
                raise BuildLocked(
                    f"{output}: another build is running on this folder (lock {path}); "
                    "let it finish, or pass --wait to start when it has"
                )
            waiting(f"{output}: another build is running, waiting for it to finish")
            _take(descriptor)
        try:
            yield
        finally:
            _release(descriptor)
    finally:
        os.close(descriptor)


if sys.platform == "win32":
    import msvcrt

    def _taken(descriptor: int) -> bool:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _take(descriptor: int) -> None:
        while not _taken(descriptor):
            time.sleep(RETRY)

    def _release(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _taken(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _take(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_EX)

    def _release(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
