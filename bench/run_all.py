"""Every speed and memory bench in one run, each printing its figures against its target; with
`--check`, fewer rounds and generous bounds and an exit status of 1 when a bound is broken.

The bounds catch regressions, not misses: they hold today's figures on a loaded machine with room
to spare (docs/performance.md). The edited paragraph's ratio, which misses its target by the
start-up's cost alone, has no bound.

    python -m bench.run_all [--check] [--only seed_offline corpus_speed ...]

The intelligibility bench (bench/intelligibility.py) measures no speed and is not run here.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Callable

from bench.harness import RESULTS, ROOT

Bound = Callable[[dict], tuple[bool, str]]


def _seed(result: dict) -> tuple[bool, str]:
    return result["wall_ratio"] <= 3.5, f"wall-time ratio {result['wall_ratio']:.2f} (bound 3.5)"


def _corpus(result: dict) -> tuple[bool, str]:
    factor = max(result["real_time_factor"].values())
    return factor >= 30, f"{factor:.0f} × real time (bound 30 ×)"


def _noop(result: dict) -> tuple[bool, str]:
    seconds = result["50_editions_s"]["median"]
    return seconds < 3.0, f"no-op build of 50: {seconds:.2f} s (bound 3 s)"


def _memory(result: dict) -> tuple[bool, str]:
    return result["peak_mb"] < 3000, f"peak {result['peak_mb']:.0f} MB (bound 3000 MB)"


# Module, its options for a full run and for --check, and the bound --check holds it to. A
# module that is not in the checkout is skipped: gtts_speed is issue 4's, our gTTS path against
# gtts-cli on a local endpoint, which prints its own verdict.
BENCHES: dict[str, tuple[list[str], list[str], Bound | None]] = {
    "seed_offline": (["--repeat", "7"], ["--repeat", "3"], _seed),
    "corpus_speed": (["--repeat", "3"], ["--repeat", "1", "--jobs", "2"], _corpus),
    "noop_rebuild": (["--editions", "50", "100"], ["--editions", "50", "--repeat", "3"], _noop),
    "warm_rebuild": ([], ["--repeat", "3"], None),
    "peak_memory": ([], [], _memory),
    "gtts_speed": ([], [], None),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--only", nargs="+", choices=list(BENCHES))
    options = parser.parse_args()
    broken = []
    for name in options.only or list(BENCHES):
        full, quick, bound = BENCHES[name]
        if not (ROOT / "bench" / f"{name}.py").is_file():
            print(f"== {name}: not in this checkout, skipped\n")
            continue
        print(f"== {name}", flush=True)
        arguments = quick if options.check else full
        status = subprocess.run([sys.executable, "-m", f"bench.{name}", *arguments], cwd=ROOT)
        if status.returncode:
            broken.append(f"{name}: exited with {status.returncode}")
        elif options.check and bound:
            within, figure = bound(_result(name))
            print(f"check: {figure}: {'ok' if within else 'BROKEN'}")
            if not within:
                broken.append(f"{name}: {figure}")
        print()
    for problem in broken:
        print(f"broken: {problem}")
    sys.exit(1 if broken else 0)


def _result(name: str) -> dict:
    return json.loads((RESULTS / f"{name}.json").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
