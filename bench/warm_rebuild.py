"""The edited paragraph without any start-up or waiting: both builds in one warm process.

bench/noop_rebuild.py times an edit as a user sees it (a cold `build`, or a running `watch` from the
save to its line) against the article built alone by a cold `build`. This bench takes the process
out of both sides: one Python process, its imports and engine warm, calls the library's
`build_output()` for the article alone (forced, the synthesis cache off, into a fresh folder) and
for a new sentence in one of 50 editions (as noop_rebuild does), in turns. The ratio is the cost of
the work alone; the watch adds its wait for a settled change (audio/builds/watch.py: half an
interval and SETTLE on average) to both in practice.

    python -m bench.warm_rebuild [--repeat 9]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from audio.builds.build import build_output
from audio.settings import load_settings
from bench.harness import machine, newsroom, save, table
from bench.noop_rebuild import EDITED, PARAGRAPHS, edited_versions

EDITIONS = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        room = newsroom(Path(scratch) / "newsroom", EDITIONS, PARAGRAPHS)
        alone = newsroom(Path(scratch) / "alone", 0)
        shutil.copy(room / "articles" / EDITED, alone / "articles" / EDITED)
        with _inside(room):
            build_output(load_settings())
        source = room / "articles" / EDITED
        versions = edited_versions(source.read_text(encoding="utf-8"))
        fresh = itertools.count()

        def edited() -> None:
            source.write_text(next(versions), encoding="utf-8")
            with _inside(room):
                _built(build_output(load_settings()).count(), EDITIONS - 1)

        def whole() -> None:
            out = alone / f"out-{next(fresh)}"
            with _inside(alone):
                settings = load_settings().replace(cache=False, output=out)
                _built(build_output(settings, force=True).count(), 0)
            shutil.rmtree(out)

        # Untimed: the first full build draws the cover and imports what no edit round needs.
        whole()
        times: dict[str, list[float]] = {"edit": [], "alone": []}
        for _ in range(options.repeat):
            for name, build in (("edit", edited), ("alone", whole)):
                times[name].append(_timed(build))
    edit, whole_build = (statistics.median(times[name]) for name in ("edit", "alone"))
    rows = [
        ("rebuild, one paragraph edited", min(times["edit"]), edit),
        ("that article alone", min(times["alone"]), whole_build),
    ]
    print(table(("in one warm process", "best s", "median s"), rows))
    print(f"one edited paragraph: {edit / whole_build:.2f} of a full build of that article")
    results = {"repeat": options.repeat, "edit_s": times["edit"], "alone_s": times["alone"]}
    results["ratio"] = edit / whole_build
    results["machine"] = machine()
    print(f"→ {save('warm_rebuild', results)}")


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    """In `folder`, where its settings and relative paths apply, as for the CLI run there."""
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def _built(counts: dict[str, int], unchanged: int) -> None:
    if counts.get("built") != 1 or counts.get("unchanged", 0) != unchanged:
        raise RuntimeError(f"not a build of one article: {dict(counts)}")


def _timed(build: Callable[[], None]) -> float:
    started = time.perf_counter()
    build()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
