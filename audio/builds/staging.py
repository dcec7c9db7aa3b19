"""The staging folder: editions are rendered into `output/.staging/<build>/` and moved into place
only when the build publishes, so that rendering never touches a published file.

A staged edition is complete once its record (`<slug>.edition.json`) is written beside its folder.
A build that was killed leaves such records behind; the next build adopts them instead of
synthesizing again, and throws away everything else the killed build left.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from audio import crashpoints
from audio.builds.manifest import Record
from audio.files import write_text

STAGING = ".staging"
_RECORD_SUFFIX = ".edition.json"


def new_stage(output: Path) -> Path:
    """A fresh staging folder for this build."""
    stage = output / STAGING / f"build-{os.getpid()}-{os.urandom(3).hex()}"
    stage.mkdir(parents=True)
    return stage


def mark_complete(stage: Path, source: str, record: Record) -> None:
    data = {"source": source, **record.to_json()}
    write_text(stage / f"{record.slug}{_RECORD_SUFFIX}", json.dumps(data, ensure_ascii=False))


def staged_files(stage: Path, slug: str) -> dict[str, int]:
    """Every file rendered for the edition `slug`, relative to the stage, with its size."""
    folder = stage / slug
    return {
        path.relative_to(stage).as_posix(): path.stat().st_size
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def left_behind(output: Path) -> dict[str, tuple[Path, Record]]:
    """Complete editions staged by builds that were killed, by article file name."""
    found: dict[str, tuple[Path, Record]] = {}
    for marker in sorted((output / STAGING).glob(f"*/*{_RECORD_SUFFIX}")):
        try:
            data = json.loads(marker.read_text(encoding="utf-8"))
            found[data["source"]] = (marker.parent, Record.from_json(data))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def commit(stage: Path, record: Record, output: Path) -> bool:
    """Move a staged edition's files into `output`. A file already moved by a build that was
    killed halfway counts when it has the recorded size. False when a file is lost."""
    for relative, size in record.files.items():
        staged, target = stage / relative, output / relative
        if staged.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
            crashpoints.point("commit")
        elif not (target.exists() and target.stat().st_size == size):
            return False
    return True


def discard(output: Path) -> None:
    """Remove every staging folder, once its editions are published or proved useless. Like
    everything here, only called with the build lock held, when no other build is writing."""
    shutil.rmtree(output / STAGING, ignore_errors=True)


def remove_temporaries(output: Path) -> None:
    """Delete the half-written temporary files of writes that a killed build interrupted."""
    for folder, dirs, names in os.walk(output):
        dirs[:] = [d for d in dirs if d != STAGING]
        for name in names:
            if name.startswith(".") and name.endswith(".tmp"):
                Path(folder, name).unlink(missing_ok=True)
