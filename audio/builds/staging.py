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
from audio.errors import AudioEditionError
from audio.files import is_temporary, write_text
from audio.settings import Settings
from audio.text.article import Article

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


# What a staged edition takes per second of programme (docs/robustness.md, "Staging"): the
# narration's samples (16-bit, at most 24 kHz: gTTS; espeak-ng and piper 22.05 kHz), the
# limiter's levels spilled to disk (0.8 MB a minute), and the MP3s.
_NARRATION_BYTES_PER_S = 2 * 24_000 + 14_000
SECONDS_PER_CHARACTER = 0.11
"""Speech per character of an article file at espeak-ng's default of 115 words a minute, intro
and outro included: 0.108 for the seed (2,131 characters, 231 s), 0.103 for 50,559 characters."""
RESERVE = 50 * 10**6
"""Bytes left free for everything else on the disk."""


def staging_estimate(article: Article, settings: Settings) -> tuple[float, int]:
    """Seconds of programme and bytes of staging that building `article` takes, about."""
    from audio.mastering.renditions import renditions

    seconds = len(article.text) * SECONDS_PER_CHARACTER
    if settings.engine == "espeak":
        seconds *= 115 / max(settings.espeak_rate, 1)
    mp3s = sum(r.bitrate for r in renditions(settings) if r.fits(seconds)) * 1000 // 8
    return seconds, round(seconds * (_NARRATION_BYTES_PER_S + mp3s))


def ensure_room(article: Article, settings: Settings, stage: Path) -> None:
    """Refuse an article whose edition cannot fit on the disk of the staging folder before any
    of it is narrated, rather than fill the disk for minutes and fail then."""
    seconds, needed = staging_estimate(article, settings)
    free = shutil.disk_usage(stage).free
    if needed + RESERVE > free:
        raise AudioEditionError(
            f"{article.source}: its edition (about {seconds / 60:.0f} minutes of speech) needs "
            f"about {_size(needed)} in {stage.parent}, and the disk has {_size(free)} free"
        )


def _size(count: int) -> str:
    return f"{count / 1e9:.1f} GB" if count >= 10**9 else f"{count / 1e6:.0f} MB"
