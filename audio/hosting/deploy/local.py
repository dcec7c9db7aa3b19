"""The output folder as a deploy sends it: every published file with its size and SHA-256.

Never sent: anything whose name starts with a dot (the staging folder, the build lock, temporary
files, the deploy's own records), the manifest, a cache folder inside the output folder, and
anything but regular files (a symbolic link may lead out of the folder).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from audio.builds.manifest import MANIFEST
from audio.hosting.deploy.record import load_digests, save_digests

CHUNK = 1 << 20


@dataclass(frozen=True)
class LocalFile:
    size: int
    digest: str
    """SHA-256, hex."""


def published_files(output: Path, skip: Collection[Path] = ()) -> dict[str, LocalFile]:
    """Every file to deploy, by its path relative to `output`; `skip`: folders never sent."""
    known = load_digests(output)
    digests: dict[str, tuple[int, int, str]] = {}
    files: dict[str, LocalFile] = {}
    skipped = {folder.resolve() for folder in skip}
    for folder, dirs, names in os.walk(output):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and Path(folder, d).resolve() not in skipped
        )
        for name in sorted(names):
            path = Path(folder, name)
            relative = path.relative_to(output).as_posix()
            if name.startswith(".") or relative == MANIFEST:
                continue
            status = os.lstat(path)
            if not stat.S_ISREG(status.st_mode):
                continue
            stamp = (status.st_size, status.st_mtime_ns)
            seen = known.get(relative)
            digest = seen[2] if seen and seen[:2] == stamp else file_digest(path)
            digests[relative] = (*stamp, digest)
            files[relative] = LocalFile(status.st_size, digest)
    if digests != known:
        save_digests(output, digests)
    return files


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
