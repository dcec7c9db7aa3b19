"""Issue 20's cache-damage sweep: builds over a cache damaged at random, each followed by `check`.
What it reports must be 0 failed builds, 0 `check` failures and 0 editions with wrong audio.

Every round does to the cache what a disk, a crash or a hand can: cuts entries to half or to
their header, flips bytes in them, puts another key's entry, an empty file, a folder or a link to
/dev/null in their place, deletes them; or puts a file where the cache folder is (nothing can be
written), or prunes the cache to nothing again and again while the build runs. It edits one
article (a sentence added), then runs `build` and `check` as a user does, in processes of their
own. Wrong audio is an MP3 that does not decode to the duration the manifest records (±0.1 s),
a transcript that runs past the end, or a duration more than 2 % off the same article built with
no cache at all (espeak-ng's takes vary a little from run to run).

    python -m bench.cache_damage [--rounds 12] [--articles 3] [--seed 20]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from audio.cache import prune
from bench.harness import machine, newsroom, run_cli, save, table
from tests.ebur128 import decode

ENTRY_DAMAGE: dict[str, Callable[[Path, Path], None]] = {
    "cut to half": lambda path, _: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
    "header only": lambda path, _: path.write_bytes(path.read_bytes().split(b"\n", 2)[0] + b"\n"),
    "bytes flipped": lambda path, _: _flip(path),
    "another key's": lambda path, other: shutil.copyfile(other, path),
    "emptied": lambda path, _: path.write_bytes(b""),
    "a folder": lambda path, _: (path.unlink(), path.mkdir()),
    "a link to /dev/null": lambda path, _: (path.unlink(), path.symlink_to("/dev/null")),
    "deleted": lambda path, _: path.unlink(),
}
FOLDER_DAMAGE = ("unwritable", "pruned while building")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--articles", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20)
    options = parser.parse_args()
    chance = random.Random(options.seed)
    counts = {"builds": 0, "entries damaged": 0, "failed builds": 0, "check failures": 0}
    counts["wrong audio"] = 0
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        room = newsroom(Path(scratch) / "newsroom", options.articles)
        references = _References(Path(scratch) / "reference")
        _built(room, counts)
        for number in range(options.rounds):
            kinds = list(ENTRY_DAMAGE) + list(FOLDER_DAMAGE)
            damage = kinds[number % len(kinds)]
            _edit(room, chance, number)
            damaged = _damage(room / "cache", damage, chance)
            counts["entries damaged"] += damaged
            before = dict(counts)
            _built(room, counts, pruning=damage == "pruned while building")
            _restore(room / "cache")
            wrong = _wrong_audio(room, references)
            counts["wrong audio"] += len(wrong)
            failed = counts["failed builds"] - before["failed builds"]
            unchecked = counts["check failures"] - before["check failures"]
            rows.append((number + 1, damage, damaged, failed, unchecked, ", ".join(wrong)))
    print(table(("round", "damage", "entries", "failed", "check", "wrong audio"), rows))
    print(table(("sweep", "count"), list(counts.items())))
    results = {"options": vars(options), "counts": counts, "rounds": rows, "machine": machine()}
    print(f"→ {save('cache_damage', results)}")


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for at in range(len(data) * 2 // 3, min(len(data), len(data) * 2 // 3 + 16)):
        data[at] ^= 0xA5
    path.write_bytes(bytes(data))


def _edit(room: Path, chance: random.Random, number: int) -> None:
    article = chance.choice(sorted((room / "articles").glob("*.txt")))
    paragraphs = article.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    paragraphs[-1] += f" Nachtrag {number + 1}: Die Gespräche gehen weiter."
    article.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _damage(cache: Path, damage: str, chance: random.Random) -> int:
    if damage == "unwritable":
        cache.rename(cache.with_name("cache.away"))
        cache.write_text("a file where the cache folder should be", encoding="utf-8")
        return 0
    if damage == "pruned while building":
        return 0
    # Every file of an entry, whatever the cache's format (the sweep runs on older code too).
    entries = sorted(p for p in cache.rglob("*") if p.is_file() and not p.name.startswith("."))
    hit = chance.sample(entries, max(1, len(entries) // 3))
    whole = [path for path in entries if path not in hit]
    for path in hit:
        ENTRY_DAMAGE[damage](path, chance.choice(whole or entries))
    return len(hit)


def _restore(cache: Path) -> None:
    away = cache.with_name("cache.away")
    if away.exists():
        cache.unlink()
        away.rename(cache)


def _built(room: Path, counts: dict[str, int], pruning: bool = False) -> None:
    stop = threading.Event()

    def prune_again_and_again() -> None:
        while not stop.is_set():
            prune(room / "cache", 0)

    pruner = threading.Thread(target=prune_again_and_again)
    if pruning:
        pruner.start()
    try:
        built = run_cli(room, "build", "-q", check=False)
    finally:
        stop.set()
        if pruning:
            pruner.join()
    counts["builds"] += 1
    counts["failed builds"] += built.returncode != 0
    counts["check failures"] += run_cli(room, "check", check=False).returncode != 0


def _wrong_audio(room: Path, references: _References) -> list[str]:
    manifest = json.loads((room / "output" / "manifest.json").read_text(encoding="utf-8"))
    wrong = []
    for source, edition in manifest["editions"].items():
        samples, rate = decode(room / "output" / edition["audio"])
        transcript = json.loads((room / "output" / edition["files"]["transcript"]).read_text())
        expected = references.duration(room / "articles" / source)
        if (
            abs(len(samples) / rate - edition["duration"]) > 0.1
            or transcript["segments"][-1]["endTime"] > edition["duration"]
            or abs(edition["duration"] - expected) > 0.02 * expected
        ):
            wrong.append(source)
    return wrong


class _References:
    """The duration of each article version built alone with no cache, built once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.known: dict[str, float] = {}

    def duration(self, article: Path) -> float:
        data = article.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest not in self.known:
            shutil.rmtree(self.folder, ignore_errors=True)
            room = newsroom(self.folder, 0)
            (room / "articles" / article.name).write_bytes(data)
            run_cli(room, "build", "-q", "--no-cache")
            manifest = json.loads((room / "output" / "manifest.json").read_text())
            (edition,) = manifest["editions"].values()
            self.known[digest] = edition["duration"]
        return self.known[digest]


if __name__ == "__main__":
    main()
