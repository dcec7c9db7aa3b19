"""What a deploy keeps between runs, in `output/.deploy/` (a dot-folder: never deployed itself):
for each target, the files it holds with their size and SHA-256; and the digests of the output
folder's own files, by size and modification time, so that a deploy hashes only what changed.

The record is a claim, not proof: a deploy believes it only where a listing of the target shows
the recorded size (audio/hosting/deploy/plan.py). Files about to be sent are recorded as pending
first: a deploy killed while sending leaves them known as this deploy's own, to be sent again or
deleted by the next one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from audio.files import write_text
from audio.hosting.deploy.targets import Target

FOLDER = ".deploy"
DIGESTS = "digests.json"
FORMAT = 1

Held = tuple[int, str]
"""A file's size and SHA-256."""


@dataclass
class Record:
    identity: str
    held: dict[str, Held] = field(default_factory=dict)
    """Files this deploy put on the target, as they were sent."""
    pending: dict[str, Held] = field(default_factory=dict)
    """Files whose sending began and was not seen to end."""

    def owns(self, path: str) -> bool:
        return path in self.held or path in self.pending


def load_record(output: Path, target: Target) -> Record:
    """The record of `target`; an empty one when there is none, or it cannot be read."""
    data = _read(output / FOLDER / f"{target.key}.json")
    if data.get("format") != FORMAT or data.get("target") != target.identity:
        return Record(target.identity)
    try:
        return Record(
            target.identity,
            {path: (int(size), str(digest)) for path, (size, digest) in data["held"].items()},
            {path: (int(size), str(digest)) for path, (size, digest) in data["pending"].items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return Record(target.identity)


def save_record(output: Path, target: Target, record: Record) -> None:
    data = {"format": FORMAT, "target": record.identity}
    data |= {"held": record.held, "pending": record.pending}
    write_text(output / FOLDER / f"{target.key}.json", json.dumps(data))


def load_digests(output: Path) -> dict[str, tuple[int, int, str]]:
    """Digests of the output folder's files: path → (size, modification time in ns, SHA-256)."""
    data = _read(output / FOLDER / DIGESTS)
    try:
        return {path: (int(s), int(m), str(d)) for path, (s, m, d) in data.items()}
    except (TypeError, ValueError, AttributeError):
        return {}


def save_digests(output: Path, digests: dict[str, tuple[int, int, str]]) -> None:
    write_text(output / FOLDER / DIGESTS, json.dumps(digests))


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
