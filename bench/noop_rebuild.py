"""No-op rebuild: `audio-edition build` when nothing changed, for 50 and 100 editions; and the
rebuild after one paragraph of one of the 50 articles was edited.

The no-op build must see that every edition is current and stop: no synthesis, no worker, no
write; the target is under 1.5 s. The edited article must be built again and nothing else; the
target is under a quarter of a full build of that article: the same article built alone into an
empty output folder, with the synthesis cache off where the CLI has `--no-cache`. The two run in
turns. Everything is timed as a user runs it, Python's start-up included: best and median.

The articles are the corpus of bench/corpus_speed.py: the seed's paragraphs, four to an article.
The synthesis cache lives in the newsroom folder (tests/conftest.py's settings). With
`--engine gtts` every build speaks through gTTS to bench/fake_google.py (a local endpoint that
answers after a fixed latency; needs the bench extra), where synthesis, which the cache saves,
weighs more than it does offline.

    python -m bench.noop_rebuild [--editions 50 100] [--repeat 7] [--engine gtts]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.harness import Run, describe, interleaved, median, newsroom, run, run_cli, save, table

NOOP_TARGET = 1.5
EDIT_TARGET = 0.25
PARAGRAPHS = 4
EDITED = "kommentar-007.txt"
ADDED = " Es ist das {}. Mal, dass darüber gestritten wird."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, nargs="+", default=[50, 100])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--paragraphs", type=int, default=PARAGRAPHS)
    parser.add_argument("--engine", choices=["espeak", "gtts"], default="espeak")
    parser.add_argument("--latency", type=float, default=0.2, help="of the fake Google, seconds")
    options = parser.parse_args()
    engine = ["--engine", options.engine]
    rows = []
    results: dict[str, object] = {"repeat": options.repeat}
    with tempfile.TemporaryDirectory() as scratch, _speech(options.engine, options.latency):
        folder = Path(scratch) / "newsroom"
        folder.mkdir()
        best, median = _timed(
            lambda: run([sys.executable, "-c", "import audio.cli"], folder).seconds, options.repeat
        )
        rows.append(("Python start-up + import audio.cli", "", best, median))
        results["start_up_s"] = {"best": best, "median": median}
        built = 0
        for count in sorted(options.editions):
            # One newsroom grows: the editions built for the smaller count stay current.
            newsroom(folder, count, options.paragraphs)
            first = run_cli(folder, "build", *engine, "-q")
            assert f"{count - built} built" in first.output, first.output
            built = count
            best, middle = _timed(lambda n=count: _noop(folder, n, engine), options.repeat)
            rows.append((f"no-op build of {count} editions", count, best, middle))
            results[f"{count}_editions_s"] = {"best": best, "median": middle}
            if count == min(options.editions):
                results["edit"] = _edit(folder, count, options.repeat, rows, engine)
    print(table(("what", "editions", "best s", "median s"), rows))
    noop = results.get("50_editions_s")
    if isinstance(noop, dict):
        verdict = "met" if noop["median"] < NOOP_TARGET else "MISSED"
        print(f"no-op build of 50: {noop['median']:.2f} s (target < {NOOP_TARGET} s: {verdict})")
    edit = results.get("edit")
    if isinstance(edit, dict):
        verdict = "met" if edit["ratio"] < EDIT_TARGET else "MISSED"
        print(
            f"one edited paragraph: {edit['ratio']:.2f} of a full build of that article "
            f"(target < {EDIT_TARGET}: {verdict}); {describe(edit['loads'])}"
        )
    suffix = "" if options.engine == "espeak" else f"_{options.engine}"
    print(f"→ {save('noop_rebuild' + suffix, results)}")


@contextlib.contextmanager
def _speech(engine: str, latency: float) -> Iterator[None]:
    """For gTTS, a fake Google that every build started meanwhile talks to."""
    if engine != "gtts":
        yield
        return
    from bench.fake_google import fake_google

    with fake_google(latency) as proxy:
        os.environ["HTTPS_PROXY"] = proxy
        try:
            yield
        finally:
            del os.environ["HTTPS_PROXY"]


def _noop(folder: Path, count: int, engine: list[str]) -> float:
    result = run_cli(folder, "build", *engine, "-q")
    if not re.fullmatch(rf"{count} unchanged → output\s*", result.output):
        raise RuntimeError(f"not a no-op build:\n{result.output}")
    return result.seconds


def _edit(
    folder: Path, count: int, repeat: int, rows: list[tuple[object, ...]], engine: list[str]
) -> dict:
    """Rebuilds after one paragraph of one article changed, against building that article
    alone. Every round adds a sentence never read before (taking an edit back would find
    everything in the caches): the edited paragraph's segment is narrated, analysed and encoded
    again, the others come from the caches."""
    source = folder / "articles" / EDITED
    original = source.read_text(encoding="utf-8")
    paragraphs = original.rstrip("\n").split("\n\n")
    versions = (
        "\n\n".join([*paragraphs[:-2], paragraphs[-2] + ADDED.format(number), paragraphs[-1]])
        + "\n"
        for number in itertools.count(2)
    )
    alone = folder.parent / f"{folder.name}-alone"
    shutil.copytree(folder, alone, ignore=shutil.ignore_patterns("output", "articles", "cache"))
    (alone / "articles").mkdir()
    shutil.copy(source, alone / "articles" / EDITED)
    no_cache = ["--no-cache"] if "--no-cache" in run_cli(folder, "build", "--help").output else []
    fresh = itertools.count()

    def edited() -> Run:
        source.write_text(next(versions), encoding="utf-8")
        result = run_cli(folder, "build", *engine, "-q")
        if not re.fullmatch(rf"1 built, {count - 1} unchanged → output\s*", result.output):
            raise RuntimeError(f"not a rebuild of one article:\n{result.output}")
        return result

    def whole() -> Run:
        out = alone / f"out-{next(fresh)}"
        result = run_cli(alone, "build", *engine, *no_cache, "-q", "--out", str(out))
        if "1 built" not in result.output:
            raise RuntimeError(f"the article was not built:\n{result.output}")
        shutil.rmtree(out)
        return result

    try:
        runs, loads = interleaved({"edit": edited, "alone": whole}, repeat)
    finally:
        source.write_text(original, encoding="utf-8")
        shutil.rmtree(alone)
    run_cli(folder, "build", *engine, "-q")
    for name, label in (("edit", "rebuild, one paragraph edited"), ("alone", "that article alone")):
        rows.append((label, count if name == "edit" else 1, min(r.seconds for r in runs[name]),
                     median(runs[name])))  # fmt: skip
    return {
        "rebuild_s": [r.seconds for r in runs["edit"]],
        "article_alone_s": [r.seconds for r in runs["alone"]],
        "ratio": median(runs["edit"]) / median(runs["alone"]),
        "loads": loads,
        "no_cache": bool(no_cache),
        "engine": engine[-1],
    }


def _timed(measure: Callable[[], float], repeat: int) -> tuple[float, float]:
    seconds = [measure() for _ in range(repeat)]
    return min(seconds), statistics.median(seconds)


if __name__ == "__main__":
    main()
