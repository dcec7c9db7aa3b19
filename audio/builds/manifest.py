"""`output/manifest.json`: every published edition and what it was built from.

The manifest is written last in a build, so it only ever names files that are complete. It is read
on every build, also when nothing changed: this module stays free of heavy imports, and editions
stay plain JSON until someone asks for the `Edition` object.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audio.files import write_text

if TYPE_CHECKING:
    from audio.edition.model import Edition

MANIFEST = "manifest.json"
FORMAT = 2


@dataclass(frozen=True)
class Inputs:
    """Digests of what an edition was built from; see `audio.staleness`."""

    content: str
    """The article file's bytes."""
    audio: str
    """The settings and engine that shape the sound."""
    tags: str
    """The settings written into the MP3s' tags."""


@dataclass(frozen=True)
class Record:
    """One published edition: the edition, its inputs, and the size of each of its files."""

    edition: dict[str, Any]
    inputs: Inputs
    files: dict[str, int]
    """Every file of the edition, relative to the output folder, with its size in bytes."""

    @property
    def slug(self) -> str:
        return str(self.edition["slug"])

    def to_edition(self) -> Edition:
        from audio.edition.model import Edition

        return Edition.from_json(self.edition)

    def with_edition(self, edition: Edition, files: dict[str, int]) -> Record:
        return replace(self, edition=edition.to_json(), files=files)

    def intact(self, output: Path) -> bool:
        """True when every file of the edition is in `output` with the size it was published at."""
        return all_in_place(output, self.files)

    def unspoiled(self, output: Path) -> bool:
        """True when every file of the edition named by its content still holds that content:
        reads them all (10 MB for the seed), so a build does it only when asked (--verify)."""
        return all(holds_its_digest(output / relative) for relative in self.files)

    def to_json(self) -> dict[str, Any]:
        return {"edition": self.edition, "inputs": asdict(self.inputs), "files": self.files}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        return cls(data["edition"], Inputs(**data["inputs"]), dict(data["files"]))


@dataclass
class Manifest:
    records: dict[str, Record] = field(default_factory=dict)
    """Published editions by the file name of their article."""
    published_with: str = ""
    """Digest of the settings the feeds and the site were last written with."""
    site: dict[str, int] = field(default_factory=dict)
    """Files of the feeds and the site (not of one edition) with their sizes."""
    retired: list[str] = field(default_factory=list)
    """Files of dropped editions, deleted after this manifest was written; kept here so that a
    build killed before deleting them finishes the job next time."""
    switching: list[tuple[str, str]] = field(default_factory=list)
    """The journal of a publication being switched in (audio/builds/journal.py): each staged
    file and the published name it is renamed to, in order. Empty once the switch is done."""
    refused: list[str] = field(default_factory=list)
    """Paths the manifest named outside the output folder, left out of it (never written)."""

    def to_json(self) -> dict[str, Any]:
        switching = {"switching": [list(pair) for pair in self.switching]}
        return {
            "format": FORMAT,
            "editions": {source: r.edition for source, r in self.records.items()},
            "built_from": {
                source: {"inputs": asdict(r.inputs), "files": r.files}
                for source, r in self.records.items()
            },
            "published_with": self.published_with,
            "site": self.site,
            "retired": self.retired,
            **(switching if self.switching else {}),
        }


def confined(relative: object) -> bool:
    """Whether a path from the manifest stays inside the output folder: relative, in POSIX
    form, without `..`, `.`, empty parts or a drive. (Symlinks are looked at where files are
    deleted: audio/builds/build.py.)"""
    if not isinstance(relative, str) or not relative or "\\" in relative or "\0" in relative:
        return False
    parts = relative.split("/")
    return ":" not in parts[0] and all(part not in ("", ".", "..") for part in parts)


# The digest in the name of a file named by its content: <slug>.<10 hex><suffix> (edition/model.py).
_NAMED_DIGEST = re.compile(r"\.([0-9a-f]{10})(?:\.[a-z0-9]+)+$")
_CHUNK = 1 << 20


def holds_its_digest(path: Path) -> bool:
    """Whether a file named by its content still holds it (its SHA-256 begins with the digest in
    its name); True for a file named otherwise, False for one that cannot be read."""
    match = _NAMED_DIGEST.search(path.name)
    if match is None:
        return True
    digest = hashlib.sha256()
    try:
        with path.open("rb") as file:
            while chunk := file.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest().startswith(match[1])


def all_in_place(output: Path, files: dict[str, int]) -> bool:
    """True when every file (relative to `output`) exists with the given size."""
    for relative, size in files.items():
        try:
            if os.stat(output / relative).st_size != size:
                return False
        except OSError:
            return False
    return True


def load_manifest(output: Path) -> Manifest:
    """The manifest in `output`; an empty one when there is none or it cannot be understood,
    which makes the next build render everything again rather than trust a broken record."""
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return Manifest()
        built_from = data["built_from"]
        refused: list[str] = []
        records = {
            source: Record(
                edition,
                Inputs(**built_from[source]["inputs"]),
                _inside(dict(built_from[source]["files"]), refused),
            )
            for source, edition in data["editions"].items()
        }
        return Manifest(
            records,
            data["published_with"],
            _inside(dict(data["site"]), refused),
            list(_inside(dict.fromkeys(data["retired"]), refused)),
            [(a, b) for a, b in data.get("switching", []) if _both_inside(a, b, refused)],
            refused,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return Manifest()


def _inside(files: dict[Any, Any], refused: list[str]) -> dict[str, Any]:
    """The entries whose path stays inside the output folder; the others noted in `refused`."""
    refused += [str(path) for path in files if not confined(path)]
    return {path: value for path, value in files.items() if confined(path)}


def _both_inside(source: object, target: object, refused: list[str]) -> bool:
    """A journal entry renames a staged file onto a published name: both inside the folder."""
    ok = confined(source) and confined(target)
    if not ok:
        refused.append(f"{source} → {target}")
    return ok


def save_manifest(output: Path, manifest: Manifest) -> None:
    """Written durably (audio/builds/journal.py): a manifest that a power cut could take back
    would name the files of a publication that is gone, or not name those that are there."""
    # Compact: with an indent, json encodes in Python, 4.5 instead of 1.2 ms for 50 editions.
    write_text(output / MANIFEST, json.dumps(manifest.to_json(), ensure_ascii=False))
