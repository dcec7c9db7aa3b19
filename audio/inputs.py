"""Reading the files a build is given (articles, the cover, music, cache entries): regular files
only, opened without waiting, and never more than a bound.

A path in the settings or in `articles/` may name anything: `/dev/zero` reads for ever, a FIFO
blocks the reader until someone writes into it, a folder or a socket cannot be read at all. Each
is refused here with an OSError whose `strerror` says what the path is, so that every caller that
already reports unreadable files reports these too.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20
"""Bytes read at a time while hashing."""

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading, if it is a regular file (a symlink is followed); else an
    OSError naming what it is. A FIFO is opened without blocking, so that it can be refused."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _BINARY)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, f"is {kind_of(mode)}, not a file", str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file `path`, if there are at most `limit`; else an OSError
    (EFBIG) saying how large it is. The size is looked at before anything is read, and the read
    stops after `limit` bytes, should the file grow meanwhile."""
    with open_regular(path) as file:
        size = os.fstat(file.fileno()).st_size
        # One byte more than the size shows a file that grew meanwhile. (Asking for `limit`
        # bytes would allocate that much first: five times slower on a 1.5 MB file.)
        data = file.read(size + 1) if size <= limit else b""
    if size > limit or len(data) > limit:
        shown = describe_size(max(size, len(data)))
        raise OSError(errno.EFBIG, f"is {shown}, more than {describe_size(limit)}", str(path))
    return data


def file_digest(path: Path) -> str:
    """SHA-256 of the regular file `path`, read a chunk at a time."""
    digest = hashlib.sha256()
    with open_regular(path) as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def kind_of(mode: int) -> str:
    """What a file of this mode is, for a message."""
    return next((name for test, name in _KINDS if test(mode)), "no regular file")


def describe_size(size: int) -> str:
    """Bytes as people read them: "512 bytes", "200 kB", "5.2 MB"."""
    if size < 1000:
        return f"{size} bytes"
    for unit, factor in (("GB", 10**9), ("MB", 10**6)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size / 1000:.1f} kB" if size < 10_000 else f"{size / 1000:.0f} kB"


_BINARY = getattr(os, "O_BINARY", 0)
