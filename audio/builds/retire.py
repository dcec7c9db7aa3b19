"""Deleting what no edition uses any more: the files the manifest retires, and edition files no
manifest names (moved into place by a build that was killed or failed before it published them).

Only inside the output folder: a retired path is relative and without `..` (audio/builds/manifest.py
drops any other), and the folder it lies in must resolve inside the output folder, so a symlink
cannot lead a deletion out. Only the files of editions: `output = "."` puts the published folder
among the newsroom's own files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from audio import crashpoints
from audio.builds.manifest import Manifest, confined

# An edition's file: <slug>/<slug>.<10 hex of its content's digest><suffix> (edition/model.py).
_EDITION_FILE = re.compile(r"(?P<slug>[^/]+)\.[0-9a-f]{10}(?:\.[a-z]+)*\.(?:mp3|vtt|srt|json)")
PAGE = "index.html"


def retire(output: Path, retired: set[str], in_use: set[str]) -> None:
    """Delete the files of `retired` that no edition uses, and edition folders left empty."""
    root = os.path.realpath(output)
    for relative in sorted(retired - in_use):
        path = output / relative
        if confined(relative) and _inside(root, path.parent):
            _delete(output, path)
            crashpoints.point("retire")


def sweep(output: Path, manifest: Manifest) -> None:
    """Delete edition files in the output folder that `manifest` does not name: in each folder
    named like an edition, the files named like its files, and the page of an edition that is
    gone."""
    named = {path for record in manifest.records.values() for path in record.files}
    named |= set(manifest.site)
    slugs = {record.slug for record in manifest.records.values()}
    with os.scandir(output) as entries:
        folders = [e.name for e in entries if e.is_dir(follow_symlinks=False)]
    for folder in folders:
        if folder.startswith("."):
            continue
        with os.scandir(output / folder) as entries:
            names = [e.name for e in entries if e.is_file(follow_symlinks=False)]
        ours = [name for name in names if _edition_file(name) == folder]
        if ours and folder not in slugs and PAGE in names:
            ours.append(PAGE)
        for name in ours:
            if f"{folder}/{name}" not in named:
                _delete(output, output / folder / name)


def _edition_file(name: str) -> str | None:
    """The slug of the edition a file of this name belongs to, if it is named like one."""
    match = _EDITION_FILE.fullmatch(name)
    return match["slug"] if match else None


def _delete(output: Path, path: Path) -> None:
    """Delete a file, then its folders up to `output` while they are empty."""
    try:
        path.unlink(missing_ok=True)
    except IsADirectoryError:
        return
    folder = path.parent
    while folder != output and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _inside(root: str, folder: Path) -> bool:
    real = os.path.realpath(folder)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)
