"""The staging folder: editions are rendered into `output/.staging/<build>/` and moved into place
only when the build publishes, so that rendering never touches a published file; the documents of
the publication wait there too until they are switched in (audio/builds/journal.py).

A staged edition is complete once its record (`<slug>.edition.json`) is written beside its folder.
A build that was killed leaves such records behind; the next build adopts them instead of
synthesizing again, and throws away everything else the killed build left.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from audio.builds.manifest import Record
from audio.files import is_temporary, write_text

STAGING = ".staging"
_RECORD_SUFFIX = ".edition.json"


def new_stage(output: Path) -> Path:
    """A fresh staging folder for this build."""
    stage = output / STAGING / f"build-{os.getpid()}-{os.urandom(3).hex()}"
    stage.mkdir(parents=True)
    return stage


def mark_complete(stage: Path, source: str, record: Record) -> None:
    data = {"source": source, **record.to_json()}
    # Not fsynced: a record a power cut empties is not adopted, and what is adopted is fsynced
    # before it is published (audio/builds/journal.py).
    text = json.dumps(data, ensure_ascii=False)
    write_text(stage / f"{record.slug}{_RECORD_SUFFIX}", text, durable=False)


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


def missing(stage: Path, record: Record, output: Path) -> bool:
    """Whether a file of a staged edition is lost: neither in the stage nor (moved into place by
    a build that was killed) in `output` at its recorded size."""
    for relative, size in record.files.items():
        staged, target = stage / relative, output / relative
        if not staged.is_file() and not (target.is_file() and target.stat().st_size == size):
            return True
    return False


def left_over(output: Path) -> bool:
    """Whether a build left its staging folder: it was killed, or failed."""
    return (output / STAGING).exists()


def discard(output: Path) -> None:
    """Remove every staging folder, once its editions are published or proved useless. Like
    everything here, only called with the build lock held, when no other build is writing."""
    shutil.rmtree(output / STAGING, ignore_errors=True)


def remove_temporaries(output: Path) -> None:
    """Delete the half-written temporary files of writes that a killed build interrupted. Only
    the manifest is written in the output folder itself (everything else goes through the stage),
    and only files with the tool's own temporary names are touched."""
    with os.scandir(output) as entries:
        for entry in entries:
            if is_temporary(entry.name) and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)
