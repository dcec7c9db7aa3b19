"""No-op rebuild: `audio-edition build` when nothing changed, for 50 and 100 editions.

The build must see that every edition is current and stop: no synthesis, no worker, no write.
Timed as a user runs it, Python's start-up included: best and median of several runs.

    python -m bench.noop_rebuild [--editions 50 100] [--repeat 7]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.harness import newsroom, run, run_cli, save, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, nargs="+", default=[50, 100])
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    rows = []
    results: dict[str, object] = {"repeat": options.repeat}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        best, median = _timed(
            lambda: run([sys.executable, "-c", "import audio.cli"], folder).seconds, options.repeat
        )
        rows.append(("Python start-up + import audio.cli", "", best, median))
        results["start_up_s"] = {"best": best, "median": median}
        built = 0
        for count in sorted(options.editions):
            # One newsroom grows: the editions built for the smaller count stay current.
            newsroom(folder, count)
            first = run_cli(folder, "build", "-q")
            assert f"{count - built} built" in first.output, first.output
            built = count
            best, median = _timed(lambda n=count: _noop(folder, n), options.repeat)
            rows.append((f"no-op build of {count} editions", count, best, median))
            results[f"{count}_editions_s"] = {"best": best, "median": median}
    print(table(("what", "editions", "best s", "median s"), rows))
    print(f"→ {save('noop_rebuild', results)}")


def _noop(folder: Path, count: int) -> float:
    result = run_cli(folder, "build", "-q")
    if not re.fullmatch(rf"{count} unchanged → output\s*", result.output):
        raise RuntimeError(f"not a no-op build:\n{result.output}")
    return result.seconds


def _timed(measure: Callable[[], float], repeat: int) -> tuple[float, float]:
    seconds = [measure() for _ in range(repeat)]
    return min(seconds), statistics.median(seconds)


if __name__ == "__main__":
    main()
