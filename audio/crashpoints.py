"""Named places where a build may be killed, and writes that may find the disk full, so that
crash and disk-full tests hit them deterministically.

Only tests set these variables:
- `_AUDIO_EDITION_KILL_AT` (`name`, or `name@n` for the n-th time this process passes it): the
  process then kills itself with SIGKILL, exactly as `kill -9` would. In a build worker the
  build's main process goes first, as if the whole build had been killed.
- `_AUDIO_EDITION_FULL_AT` (`n`): the n-th write through audio/files.py in this process, and
  every one after it, fails with ENOSPC, as on a disk that filled up at that moment.
"""

from __future__ import annotations

import errno
import os
import signal
from collections import Counter
from pathlib import Path

VARIABLE = "_AUDIO_EDITION_KILL_AT"
FULL = "_AUDIO_EDITION_FULL_AT"
_passed: Counter[str] = Counter()
_build: int | None = None
"""The build's process, in a worker."""


def enter_worker() -> None:
    """Called at the start of a build worker process."""
    global _build
    _build = os.getppid()


def point(name: str) -> None:
    wanted = os.environ.get(VARIABLE)
    if not wanted:
        return
    target, _, count = wanted.partition("@")
    if target != name:
        return
    _passed[name] += 1
    if _passed[name] == int(count or 1):
        # Once the build is gone, a worker's parent is some other process: not to be killed.
        if _build is not None and os.getppid() == _build:
            os.kill(_build, signal.SIGKILL)
        os.kill(os.getpid(), signal.SIGKILL)


def writing(path: Path) -> None:
    """Called before each write of a file's content; raises ENOSPC from the write FULL names."""
    wanted = os.environ.get(FULL)
    if not wanted:
        return
    _passed[FULL] += 1
    if _passed[FULL] >= int(wanted):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
