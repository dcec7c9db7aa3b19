"""Real-time factor of building a corpus of 50 commentaries offline, every output written (both
renditions, transcripts, pages, feeds): seconds of speech produced per second of wall time, with
`--jobs 1` and `--jobs 2`. The target is at least 100 × real time with `--jobs 2` on 2 cores.

Each commentary is the seed's four paragraphs in a rotated order under its own title and date
(tests/newsroom.py), about as long as the seed. Every timed build is `build --force` of the same
folder with the synthesis cache off (where the CLI has `--no-cache`): the corpus repeats its
sentences, and a cache would make it look faster than new articles are. The two job counts run
in turns, round after round; the figures are medians.

    python -m bench.corpus_speed [--articles 50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.harness import (
    Run,
    describe,
    interleaved,
    median,
    newsroom,
    run_cli,
    save,
    table,
    timings,
)

TARGET = 100.0
PARAGRAPHS = 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        results = measure(Path(scratch), options.articles, options.jobs, options.repeat)
    print(f"→ {save('corpus_speed', results)}")


def measure(folder: Path, articles: int, jobs: list[int], repeat: int) -> dict[str, object]:
    from audio.builds.manifest import load_manifest

    newsroom(folder, articles, PARAGRAPHS)
    no_cache = ["--no-cache"] if "--no-cache" in run_cli(folder, "build", "--help").output else []
    first = run_cli(folder, "build", "--engine", "espeak", *no_cache, "-q")
    assert f"{articles} built" in first.output, first.output
    records = load_manifest(folder / "output").records.values()
    speech = sum(record.edition["duration"] for record in records)

    def build(count: int) -> Run:
        arguments = ["--engine", "espeak", *no_cache, "--force", "--jobs", str(count), "-q"]
        result = run_cli(folder, "build", *arguments)
        if f"{articles} built" not in result.output:
            raise RuntimeError(f"not every article was built:\n{result.output}")
        return result

    runs, loads = interleaved({f"--jobs {n}": lambda n=n: build(n) for n in jobs}, repeat)
    rows = []
    factors = {}
    for name, timed in runs.items():
        factors[name] = speech / median(timed)
        rows.append(
            (
                name,
                median(timed),
                min(r.seconds for r in timed),
                median(timed, "cpu_seconds"),
                factors[name],
                speech / min(r.seconds for r in timed),
            )
        )
    print(
        f"{articles} commentaries, {speech / 60:.1f} minutes of speech; {repeat} rounds; "
        f"{describe(loads)}"
    )
    print(table(("build", "median s", "best s", "CPU s", "× real time", "best ×"), rows))
    best_jobs = f"--jobs {max(jobs)}"
    if best_jobs in factors:
        verdict = "met" if factors[best_jobs] >= TARGET else "MISSED"
        factor = factors[best_jobs]
        print(f"{best_jobs}: {factor:.0f} × real time (target ≥ {TARGET:.0f} ×: {verdict})")
    return {
        "articles": articles,
        "speech_seconds": speech,
        **timings(runs, loads),
        "real_time_factor": factors,
        "target": TARGET,
        "no_cache": bool(no_cache),
    }


if __name__ == "__main__":
    main()
