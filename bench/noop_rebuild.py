"""No-op rebuild: `audio-edition build` when nothing changed, for 50 and 100 editions; and the
rebuild after one paragraph of one of the 50 articles was edited.

The no-op build must see that every edition is current and stop: no synthesis, no worker, no
write; the target is under 1.5 s. The edited article must be built again and nothing else; the
target is under a quarter of a full build of that article: the same article built alone into an
empty output folder, with the synthesis cache off where the CLI has `--no-cache`. Everything is
timed as a user runs it, Python's start-up included: best and median.

The same edit is measured twice, against the same full build: made before a cold `build` (the
CLI started for it), and made while `audio-edition watch -q` runs in the newsroom, from writing
the file to the watch printing `1 built, 49 unchanged`. The watch's time includes no Python
start-up but its wait for the change to be seen and to settle: up to one interval between its
looks (`--watch-interval`, by default the watch's own, 0.1 s), half of one on average as the
edits land at moments spread evenly between two looks, and then audio.watch.SETTLE. The watch
is held (SIGSTOP) while the other two run: it would build their edits too and race them for the
lock; when it goes on, it first builds those edits' no-op round, which is not timed. The three
run in turns.

The articles are the corpus of bench/corpus_speed.py: the seed's paragraphs, four to an article.
The synthesis cache lives in the newsroom folder (tests/conftest.py's settings). With
`--engine gtts` every build speaks through gTTS to bench/fake_google.py (a local endpoint that
answers after a fixed latency; needs the bench extra), where synthesis, which the cache saves,
weighs more than it does offline.

    python -m bench.noop_rebuild [--editions 50 100] [--repeat 7] [--engine gtts]
                                 [--watch-interval SECONDS]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from audio.builds.watch import INTERVAL
from bench.harness import (
    Run,
    describe,
    interleaved,
    median,
    newsroom,
    run,
    run_cli,
    save,
    start_cli,
    table,
)

NOOP_TARGET = 1.5
EDIT_TARGET = 0.25
PARAGRAPHS = 4
EDITED = "kommentar-007.txt"
ADDED = " Es ist das {}. Mal, dass darüber gestritten wird."
"""Seconds between the watch's looks: its own default."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, nargs="+", default=[50, 100])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--paragraphs", type=int, default=PARAGRAPHS)
    parser.add_argument("--engine", choices=["espeak", "gtts"], default="espeak")
    parser.add_argument("--latency", type=float, default=0.2, help="of the fake Google, seconds")
    parser.add_argument(
        "--watch-interval", type=float, default=INTERVAL, help="the watch's --interval"
    )
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
                results["edit"] = _edit(
                    folder, count, options.repeat, rows, engine, options.watch_interval
                )
    print(table(("what", "editions", "best s", "median s"), rows))
    noop = results.get("50_editions_s")
    if isinstance(noop, dict):
        verdict = "met" if noop["median"] < NOOP_TARGET else "MISSED"
        print(f"no-op build of 50: {noop['median']:.2f} s (target < {NOOP_TARGET} s: {verdict})")
    edit = results.get("edit")
    if isinstance(edit, dict):
        for ratio, how in (("ratio", "cold CLI build"), ("watch_ratio", "running watch")):
            verdict = "met" if edit[ratio] < EDIT_TARGET else "MISSED"
            print(
                f"one edited paragraph, {how}: {edit[ratio]:.2f} of a full build of that "
                f"article (target < {EDIT_TARGET}: {verdict})"
            )
        print(describe(edit["loads"]))
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


def edited_versions(original: str) -> Iterator[str]:
    """The article with a sentence never read before added to its last paragraph but one, a new
    one each time."""
    paragraphs = original.rstrip("\n").split("\n\n")
    for number in itertools.count(2):
        edited = paragraphs[-2] + ADDED.format(number)
        yield "\n\n".join([*paragraphs[:-2], edited, paragraphs[-1]]) + "\n"


def _noop(folder: Path, count: int, engine: list[str]) -> float:
    result = run_cli(folder, "build", *engine, "-q")
    if not re.fullmatch(rf"{count} unchanged → output\s*", result.output):
        raise RuntimeError(f"not a no-op build:\n{result.output}")
    return result.seconds


def _edit(
    folder: Path,
    count: int,
    repeat: int,
    rows: list[tuple[object, ...]],
    engine: list[str],
    interval: float,
) -> dict:
    """Rebuilds after one paragraph of one article changed, against building that article
    alone. Every round adds a sentence never read before (taking an edit back would find
    everything in the caches): the edited paragraph's segment is narrated, analysed and encoded
    again, the others come from the caches."""
    source = folder / "articles" / EDITED
    original = source.read_text(encoding="utf-8")
    versions = edited_versions(original)
    alone = folder.parent / f"{folder.name}-alone"
    shutil.copytree(folder, alone, ignore=shutil.ignore_patterns("output", "articles", "cache"))
    (alone / "articles").mkdir()
    shutil.copy(source, alone / "articles" / EDITED)
    no_cache = ["--no-cache"] if "--no-cache" in run_cli(folder, "build", "--help").output else []
    fresh = itertools.count()
    watch = _Watch(folder, engine, count, interval, repeat)

    def edited() -> Run:
        source.write_text(next(versions), encoding="utf-8")
        watch.behind = True
        result = run_cli(folder, "build", *engine, "-q")
        if not re.fullmatch(rf"1 built, {count - 1} unchanged → output\s*", result.output):
            raise RuntimeError(f"not a rebuild of one article:\n{result.output}")
        return result

    def watched() -> Run:
        return watch.rebuild(lambda: source.write_text(next(versions), encoding="utf-8"))

    def whole() -> Run:
        out = alone / f"out-{next(fresh)}"
        result = run_cli(alone, "build", *engine, *no_cache, "-q", "--out", str(out))
        if "1 built" not in result.output:
            raise RuntimeError(f"the article was not built:\n{result.output}")
        shutil.rmtree(out)
        return result

    try:
        runs, loads = interleaved({"edit": edited, "watch": watched, "alone": whole}, repeat)
    finally:
        watch.stop()
        source.write_text(original, encoding="utf-8")
        shutil.rmtree(alone)
    run_cli(folder, "build", *engine, "-q")
    for name, label, editions in (
        ("edit", "rebuild, one paragraph edited", count),
        ("watch", "the same in a running watch", count),
        ("alone", "that article alone", 1),
    ):
        rows.append((label, editions, min(r.seconds for r in runs[name]), median(runs[name])))
    return {
        "rebuild_s": [r.seconds for r in runs["edit"]],
        "rebuild_cpu_s": [r.cpu_seconds for r in runs["edit"]],
        "watch_rebuild_s": [r.seconds for r in runs["watch"]],
        "watch_rebuild_cpu_s": [r.cpu_seconds for r in runs["watch"]],
        "article_alone_s": [r.seconds for r in runs["alone"]],
        "ratio": median(runs["edit"]) / median(runs["alone"]),
        "watch_ratio": median(runs["watch"]) / median(runs["alone"]),
        "loads": loads,
        "no_cache": bool(no_cache),
        "engine": engine[-1],
        "watch_interval_s": interval,
    }


class _Watch:
    """`audio-edition watch -q` in the newsroom, held between its turns. An editor's save lands
    at any moment between two of its looks: the edits here land at moments spread evenly over
    the interval, one per turn."""

    def __init__(
        self, folder: Path, engine: list[str], count: int, interval: float, repeat: int
    ) -> None:
        self.count = count
        self.interval = interval
        self.phases = itertools.cycle((turn + 0.5) / repeat * interval for turn in range(repeat))
        self.process = start_cli(folder, "watch", *engine, "--interval", str(interval), "-q")
        self.lines: queue.Queue[tuple[float, str | None]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.behind = False
        """The articles changed while the watch was held."""
        self._expect(rf"{count} unchanged → output")
        self.process.send_signal(signal.SIGSTOP)

    def rebuild(self, edit: Callable[[], None]) -> Run:
        self.process.send_signal(signal.SIGCONT)
        if self.behind:
            self._expect(rf"{self.count} unchanged → output")
            self.behind = False
        # Held, the watch looks as soon as it goes on, then every interval.
        time.sleep(self.interval + next(self.phases))
        cpu = self._cpu_seconds()
        started = time.perf_counter()
        edit()
        pattern = rf"1 built, {self.count - 1} unchanged → output"
        printed, line = self._expect(pattern), f"{pattern}\n"
        self.process.send_signal(signal.SIGSTOP)
        return Run(printed - started, self._cpu_seconds() - cpu, self._peak_mb(), line, 0)

    def stop(self) -> None:
        """Ctrl-C, as a user stops it; it must end cleanly."""
        self.process.send_signal(signal.SIGCONT)
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.returncode != 0:
            print(f"the watch ended with exit code {self.process.returncode} on Ctrl-C")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))
        self.lines.put((time.perf_counter(), None))

    def _expect(self, pattern: str) -> float:
        """When the watch printed its next line, which must match `pattern`."""
        try:
            printed, line = self.lines.get(timeout=300)
        except queue.Empty:
            message = f"the watch printed nothing for 300 s, waiting for {pattern}"
            raise RuntimeError(message) from None
        if line is None or not re.fullmatch(pattern, line):
            raise RuntimeError(f"the watch printed {line!r}, not {pattern}")
        return printed

    def _cpu_seconds(self) -> float:
        """User + system time of the watch process so far (Linux; 0 elsewhere)."""
        stat = Path(f"/proc/{self.process.pid}/stat")
        if not stat.is_file():
            return 0.0
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _peak_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status")
        found = re.search(r"VmHWM:\s+(\d+) kB", status.read_text()) if status.is_file() else None
        return int(found[1]) / 1024 if found else 0.0


def _timed(measure: Callable[[], float], repeat: int) -> tuple[float, float]:
    seconds = [measure() for _ in range(repeat)]
    return min(seconds), statistics.median(seconds)


if __name__ == "__main__":
    main()
