"""What the benches share: newsroom folders made from the seed, the real CLI run in a subprocess
(wall time including Python's start-up, and peak memory), and results saved as JSON.

Run a bench from the repository root, e.g. `python -m bench.noop_rebuild`; results go to
bench/results/<bench>.json (git-ignored) and a table to stdout.
"""

from __future__ import annotations

import compileall
import functools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from tests.conftest import PYPROJECT
from tests.newsroom import newsroom as write_articles

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


@dataclass(frozen=True)
class Run:
    seconds: float
    """Wall time from start to exit."""
    cpu_seconds: float
    """User + system time of the process and of every child it waited for (workers, ffmpeg):
    unlike wall time, it hardly moves when other work shares the machine."""
    peak_mb: float
    """The largest resident set of the process or any child it waited for (ffmpeg)."""
    output: str
    returncode: int


def newsroom(folder: Path, count: int, paragraphs: int = 1) -> Path:
    """A newsroom folder with settings and `count` distinct articles of the seed's paragraphs."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    write_articles(folder / "articles", count, paragraphs)
    return folder


def run_cli(
    folder: Path, *arguments: str, check: bool = True, env: Mapping[str, str] | None = None
) -> Run:
    """`audio-edition ARGUMENTS` in `folder`, as a user runs it: from an installed package,
    whose modules pip compiled to bytecode when it installed them. The checkout's modules are
    compiled here for the same reason: an editable install never is, and where
    PYTHONDONTWRITEBYTECODE is set (as on the machine of docs/performance.md) Python would
    compile some 70 modules from source at every command, about 0.1 s of CPU."""
    _compiled()
    return run([sys.executable, "-m", "audio", *arguments], folder, check, env)


def start_cli(folder: Path, *arguments: str) -> subprocess.Popen[str]:
    """`audio-edition ARGUMENTS` started in `folder` as run_cli runs it, left running; its
    output and errors come through one text pipe, a line at a time."""
    _compiled()
    return subprocess.Popen(
        [sys.executable, "-m", "audio", *arguments],
        cwd=folder,
        env=_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )


@functools.cache
def _compiled() -> None:
    """The checkout's modules compiled once per bench, not before every command it times."""
    compileall.compile_dir(ROOT / "audio", quiet=1)


def run(
    command: Sequence[str], folder: Path, check: bool = True, env: Mapping[str, str] | None = None
) -> Run:
    with tempfile.TemporaryFile() as captured:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=folder, env=_environment(env), stdout=captured, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        captured.seek(0)
        output = captured.read().decode(errors="replace")
    if check and process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{output}")
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    unit = 1 if sys.platform == "darwin" else 1024
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss * unit / 2**20, output, process.returncode)


def _environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The bench's own environment without settings, plus `env`."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AUDIO_EDITION_")}
    # A bench may run a module of its own in the child, from any working folder.
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
    )
    environment.update(env or {})
    return environment


def interleaved(
    contenders: Mapping[str, Callable[[], Run]], repeat: int
) -> tuple[dict[str, list[Run]], list[float]]:
    """Every contender once per round, `repeat` rounds, the order rotating from round to round:
    a machine whose load changes meanwhile slows all of them alike. Returns the runs by
    contender and the load average (1 min) sampled before each round and after the last."""
    names = list(contenders)
    runs: dict[str, list[Run]] = {name: [] for name in names}
    loads = []
    for round_ in range(repeat):
        loads.append(os.getloadavg()[0])
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            runs[name].append(contenders[name]())
    loads.append(os.getloadavg()[0])
    return runs, loads


def timings(runs: Mapping[str, Sequence[Run]], loads: Sequence[float]) -> dict[str, object]:
    """Every run's wall and CPU time by contender, and the load they ran under, for save()."""
    return {
        "repeat": len(next(iter(runs.values()), [])),
        "loads": list(loads),
        "seconds": {name: [r.seconds for r in timed] for name, timed in runs.items()},
        "cpu_seconds": {name: [r.cpu_seconds for r in timed] for name, timed in runs.items()},
    }


def median(runs: Sequence[Run], measure: str = "seconds") -> float:
    return statistics.median(getattr(r, measure) for r in runs)


def machine() -> dict[str, object]:
    """What the figures were measured on; the load is the 1-minute average now."""
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "load": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
    }


def describe(loads: Sequence[float]) -> str:
    """A line naming the machine and the load the runs shared it with."""
    about = machine()
    return (
        f"{about['cpu']}, {about['cores']} cores, Python {about['python']}; load average "
        f"{min(loads):.1f}–{max(loads):.1f} during the runs"
    )


def save(bench: str, results: dict[str, object]) -> Path:
    """Write the results with what they were measured on."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{bench}.json"
    document = {
        "bench": bench,
        "measured": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        **results,
    }
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table, numbers right-aligned."""
    cells = [[str(c) for c in header], *[[_cell(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)
