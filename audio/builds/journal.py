"""Publishing as one step: the feeds, the site and the manifest switch from the old publication to
the new one together, whatever instant a kill, a power cut or a full disk strikes.

A build that publishes (audio/builds/build.py):
1. moves the editions' staged files into place (`move_editions`): they are named by their content,
   so no published document names them yet and nothing published changes (files a build left
   there when it was killed or failed before step 3 are swept away: audio/builds/retire.py);
2. renders every document in memory (pages, index, flash briefing, feed, cover, assets); then
   `publish` writes every one that changed into the staging folder and fsyncs it;
3. writes the manifest of the new publication with a journal, `switching`: each staged document
   and the name it takes. From here on the new publication is the one that counts;
4. renames the documents into place, every edition's page first and the feed last, and fsyncs
   the folders they went into;
5. writes the manifest without the journal. The build then retires what no edition uses.

Killed (or out of disk) before 3, the old publication is whole: its manifest, its documents, its
files. From 3 on, the manifest and every edition file it names are the new publication, some
documents still under their staged names: `check` reads them there (`located`) and the next build
finishes the renames (`finish`) before anything else. Between 3 and 5 a web server may serve an
old page beside the new feed for a moment; each is whole and names only files that are there,
since files are retired only after 5.

The fsyncs are what a power cut needs: a file's data before the rename that publishes it, the
folder after, and the manifest's own write (audio/files.py) at 3 and 5.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from audio import crashpoints
from audio.builds.manifest import Manifest, load_manifest, save_manifest
from audio.builds.staging import STAGING
from audio.files import fsync_file, fsync_folder, holds, written

DOCUMENTS = ".documents"
"""Where a stage keeps the documents of the publication (no slug starts with a dot)."""
LAST = ("index.html", "flash-briefing.json", "feed.xml")
"""Documents that link to the others: switched last, the feed after everything it names."""


def publish(output: Path, stage: Path, documents: dict[str, bytes], manifest: Manifest) -> Manifest:
    """Switch to the publication `manifest` describes, whose editions' files are in place:
    `documents` holds every document by its published name. Returns the manifest as written
    last (without journal)."""
    changed = {name: data for name, data in documents.items() if not holds(output / name, data)}
    switching = []
    for name in sorted(changed, key=_order):
        staged = stage / DOCUMENTS / name
        staged.parent.mkdir(parents=True, exist_ok=True)
        written(staged, changed[name])
        fsync_file(staged)
        switching.append((staged.relative_to(output).as_posix(), name))
    crashpoints.point("documents")
    journal = dataclasses.replace(manifest, switching=switching)
    save_manifest(output, journal)
    crashpoints.point("journal")
    return finish(output, journal)


def finish(output: Path, manifest: Manifest) -> Manifest:
    """Complete the switch the manifest's journal names, as far as a killed build got with it;
    the manifest without the journal. Renaming a file already renamed is skipped."""
    if not manifest.switching:
        return manifest
    staged = [
        (output / source, output / target)
        for source, target in manifest.switching
        if _is_staged(source) and (output / source).is_file()
    ]
    _rename(staged, "switch")
    done = dataclasses.replace(manifest, switching=[])
    save_manifest(output, done)
    crashpoints.point("switched")
    return done


def pending(output: Path) -> bool:
    """Whether the manifest in `output` has a switch to finish."""
    return bool(load_manifest(output).switching)


def located(output: Path, manifest: Manifest) -> Callable[[str], Path]:
    """Where each published file is now, by its name relative to `output`: a document the
    journal names that is still under its staged name is read there."""
    staged = {
        target: output / source
        for source, target in manifest.switching
        if _is_staged(source) and (output / source).is_file()
    }

    def where(relative: str) -> Path:
        return staged.get(relative) or output / relative

    return where


def move_editions(output: Path, files: Iterable[tuple[Path, str]]) -> None:
    """Staged edition files (where they lie, the name they take) to their names: each file's
    data on the disk first, then the renames, then the folders' entries. A file a killed build
    moved already is no longer staged, and skipped."""
    moves = [(staged, output / name) for staged, name in files if staged.is_file()]
    for staged, _ in moves:
        fsync_file(staged)
    _rename(moves, "commit")


def _rename(moves: list[tuple[Path, Path]], point: str) -> None:
    """Each file to its new name (crash point `point` after each), then the entries of the
    folders they went into, and of those that holds a folder made for them, on the disk."""
    folders = set()
    for source, target in moves:
        if not target.parent.is_dir():
            target.parent.mkdir(parents=True)
            folders.add(target.parent.parent)
        os.replace(source, target)
        folders.add(target.parent)
        crashpoints.point(point)
    for folder in folders:
        fsync_folder(folder)


def _order(name: str) -> tuple[int, str]:
    return (LAST.index(name) + 1 if name in LAST else 0, name)


def _is_staged(source: str) -> bool:
    return source.startswith(f"{STAGING}/")
