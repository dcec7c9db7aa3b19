"""Fingerprints of the package's own code: which editions and cache entries a change to it makes
stale.

A better limiter or a new reader rule changes editions as a setting would, so the digests the
manifest keeps (audio/builds/staleness.py) and the keys of the cache's entries include the source of
the code behind them. Every file of the package stands in exactly one group of GROUPS, by what a
change to it invalidates (tests/test_fingerprints.py walks the package), and a part named here
that does not exist is an error: a rename cannot drop code from a digest without a sound.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).parent

GROUPS: dict[str, tuple[str, ...]] = {
    # Narrate, master and encode again: everything between the article file and the edition's
    # MP3s and transcripts. When in doubt, here: it is always correct and only costs time.
    "audio": (
        "text",
        "voice",
        "mastering",
        "edition/__init__.py",
        "edition/stages.py",
        "edition/model.py",
        "edition/verify.py",
        "edition/transcripts.py",
        "cache.py",
    ),
    # Written into the MP3s' tags: tag a copy again.
    "tags": ("edition/tags.py", "edition/cover.py"),
    # Only in the feeds and on the site: publish again.
    "publishing": ("publish",),
    # Runs builds, shows them, serves or checks their output, or writes article files (which
    # are digested themselves): no edition changes.
    "nothing": (
        "__init__.py",
        "__main__.py",
        "builds",
        "cli",
        "hosting",
        "web",
        "crashpoints.py",
        "errors.py",
        "files.py",
        "fingerprints.py",
        "inputs.py",
        "settings.py",
    ),
}

CACHES: dict[str, tuple[str, ...]] = {
    # A take is the engine's reading of one sentence.
    "takes": ("voice/engines",),
    # A narrated segment: takes trimmed, padded and laid out between their pauses.
    "narration": ("voice",),
    # An encoded segment: analysed, limited and encoded at a gain.
    "segments": ("voice/pcm.py", "mastering"),
    # The drawn cover and its small copy.
    "cover": ("edition/cover.py",),
}
"""The code behind each kind of cache entry, part of every entry's key: entries made by other
code are not taken."""


@functools.cache
def digest(name: str) -> str:
    """The fingerprint of a group of GROUPS or a cache of CACHES, once per process: a process
    that runs on keeps the fingerprint of the code it runs, even after an upgrade on disk."""
    return code_digest(GROUPS[name] if name in GROUPS else CACHES[name])


def code_digest(parts: tuple[str, ...], package: Path = PACKAGE) -> str:
    """Digest of the source files (templates too) of these parts of the package."""
    digest = hashlib.sha256()
    for part in parts:
        for file in source_files(package / part):
            digest.update(file.relative_to(package).as_posix().encode() + b"\0")
            digest.update(file.read_bytes())
    return digest.hexdigest()


def source_files(path: Path) -> list[Path]:
    """The file `path`, or every source file below the folder `path`, in a stable order."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise LookupError(f"{path}: no such part of the package to take a fingerprint of")
    return sorted(
        file for file in path.rglob("*") if file.is_file() and "__pycache__" not in file.parts
    )
