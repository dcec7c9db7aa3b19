"""What issue 20's safeguards cost, measured against the code before them, in turns in one run:
the seed built offline (one rendition and both; the MP3s are now decoded to their last sample
before they are published, the documents and the manifest fsynced and switched by a journal),
a no-op build of 50 editions, and an edited paragraph of one of the 50 published again.

The code before is exported from git (`--base`, default the commit this branch started from) into
a scratch folder and run by the same interpreter with that folder first on its path.

    python -m bench.robustness_cost [--base d3ae970] [--repeat 7]
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.harness import ROOT, Run, describe, interleaved, median, newsroom, run, save, table
from tests.conftest import PYPROJECT, SEED

BASE = "d3ae970"
"""Edition files named by their content: the last commit before issue 20's build side."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=BASE)
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        base = export(options.base, folder / "base")
        code = {"before": base, "after": ROOT}
        for path in code.values():  # as pip compiles an installed package
            compileall.compile_dir(path / "audio", quiet=1)
        rows, results = [], {}
        for name, measured in (
            ("seed, one rendition", lambda: seed(folder, "one", "speaker_rendition = false\n")),
            ("seed, both renditions", lambda: seed(folder, "both", "")),
            ("no-op, 50 editions", lambda: noop(folder, code)),
            ("an edited paragraph of 50", lambda: edited(folder, code)),
        ):
            measure = measured()
            runs, loads = interleaved(
                {label: measure(label, path) for label, path in code.items()}, options.repeat
            )
            before, after = (median(runs[label]) for label in code)
            cpu_before, cpu_after = (median(runs[label], "cpu_seconds") for label in code)
            rows.append((name, before, after, after / before, cpu_before, cpu_after))
            results[name] = {
                "seconds": {label: [r.seconds for r in runs[label]] for label in code},
                "cpu_seconds": {label: [r.cpu_seconds for r in runs[label]] for label in code},
                "loads": loads,
            }
            print(f"{name}: {describe(loads)}", file=sys.stderr)
    header = ("what", "before s", "after s", "ratio", "CPU before", "CPU after")
    print(table(header, rows))
    print(f"→ {save('robustness_cost', {'base': options.base, **results})}")


def export(ref: str, folder: Path) -> Path:
    """The package as it was at `ref`, in `folder`."""
    folder.mkdir()
    archive = subprocess.run(
        ["git", "archive", ref, "audio"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def build(code: Path, folder: Path, *arguments: str) -> Run:
    """`audio-edition build ARGUMENTS` in `folder` with the package at `code`."""
    return run(
        [sys.executable, "-m", "audio", "build", "-q", *arguments],
        folder,
        env={"PYTHONPATH": str(code)},
    )


Measure = Callable[[str, Path], Callable[[], Run]]


def seed(folder: Path, name: str, settings: str) -> Measure:
    """The seed into a fresh output folder, offline, the synthesis cache off."""

    def contender(label: str, code: Path) -> Callable[[], Run]:
        room = folder / f"seed-{name}-{label}"
        room.mkdir()
        (room / "pyproject.toml").write_text(PYPROJECT + settings, encoding="utf-8")
        (room / "articles").mkdir()
        shutil.copy(SEED, room / "articles" / "seed.txt")
        outputs = itertools.count()

        def once() -> Run:
            out = room / f"out-{next(outputs)}"
            done = build(code, room, "--engine", "espeak", "--no-cache", "--out", str(out))
            shutil.rmtree(out)
            return done

        return once

    return contender


def fifty(folder: Path, label: str, code: Path) -> Path:
    """A newsroom of 50 editions built by the package at `code` (each its own: the manifests
    name the code that built them)."""
    room = newsroom(folder / f"fifty-{label}", 50)
    build(code, room, "--jobs", "2")
    return room


def noop(folder: Path, code: dict[str, Path]) -> Measure:
    rooms = {label: fifty(folder, label, path) for label, path in code.items()}

    def contender(label: str, path: Path) -> Callable[[], Run]:
        return lambda: build(path, rooms[label])

    return contender


def edited(folder: Path, code: dict[str, Path]) -> Measure:
    """A sentence never read before added to one article of the 50, then the build."""
    rooms = {label: folder / f"fifty-{label}" for label in code}
    numbers = itertools.count()

    def contender(label: str, path: Path) -> Callable[[], Run]:
        def once() -> Run:
            article = rooms[label] / "articles" / "kommentar-007.txt"
            text = article.read_text(encoding="utf-8")
            article.write_text(text + f"\nEin neuer Satz Nummer {next(numbers)}.\n", "utf-8")
            return build(path, rooms[label], "--jobs", "1")

        return once

    return contender


if __name__ == "__main__":
    main()
