"""Issue 20's sweeps, repeatable: a build that publishes an update (one article corrected, one
removed, one new) is killed at every named crash point and at random instants, finds the disk full
at every write (a write hook, and a real small tmpfs where this machine lets the bench mount one),
and runs on a cache damaged in each way a file can be. After each: `check` on the folder as it was
left, then an ordinary build and `check` again.

Reported per sweep: trials, builds run, kills, `check` failures (must be 0), wrong audio published
(must be 0), tracebacks, and trials whose next build published the update. Wrong audio is an MP3
that does not decode, to the sample, to the duration its edition records, or whose duration is not
that of the article version the record names (within REFERENCE_SLACK), or that does not hold its
name's digest, or an edition whose transcript runs past its audio.

    python -m bench.adversarial [--random 20] [--seed 1] [--steps 30] [--quick] [--base REF]

With `--base REF` the builds run the package as it was at a git commit (exported as
bench/robustness_cost.py does) and are judged by today's `check`: the sweeps that need no crash
point or write hook of today's code (random kills, the tmpfs, the cache) show what it did.

The builds run in subprocesses as a user runs them; kills are SIGKILL to the build's process group.
The tmpfs sweep runs in a child process in a mount namespace of its own (`unshare`); where that is
refused, the sweep is skipped and says so. Cache damage is the cache's to survive
(issue 20, item 1): its "recovered" count says whether the cache repairs itself.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from audio.builds.check import check, targets
from audio.builds.journal import located
from audio.builds.manifest import holds_its_digest, load_manifest
from audio.crashpoints import FULL, VARIABLE
from audio.edition.verify import verify_mp3
from audio.errors import AudioError
from audio.mastering.renditions import SPEAKER
from audio.settings import load_settings
from audio.text.readers import read_article
from bench.harness import ROOT, _compiled, _environment, save, table
from bench.robustness_cost import export
from tests.conftest import PYPROJECT
from tests.newsroom import short_article

# Where a build of the update passes, in order (audio/crashpoints.py); {slug}: the corrected one.
NAMED = [
    ("synthesis@1", 1),
    ("synthesis@2", 1),
    ("synthesized@1", 1),
    ("write:{slug}.mp3", 1),
    ("staged@1", 1),
    ("synthesized@1", 2),  # in a worker: the build's process dies first
    ("staged@1", 2),
    ("commit@1", 1),
    ("commit@5", 1),
    ("documents", 1),
    ("write:manifest.json@1", 1),
    ("journal", 1),
    ("switch@1", 1),
    ("switch@2", 1),
    ("switch@4", 1),
    ("write:manifest.json@2", 1),
    ("switched", 1),
    ("retire@1", 1),
]
EXPECTED = {"k0.txt", "k1.txt", "k3.txt"}
"""The articles the update publishes."""
REFERENCE_SLACK = 0.1
"""Seconds an edition may differ from the reference build of the same article version: the
narration of a segment taken from the cache may be a frame longer or shorter than one narrated
afresh (an article built with the good state's cache: 53.790 s, without: 53.764 s), while the
damage this looks for costs seconds to minutes."""


@dataclass
class Sweep:
    name: str
    trials: int = 0
    builds: int = 0
    kills: int = 0
    check_failures: int = 0
    wrong_audio: int = 0
    tracebacks: int = 0
    recovered: int = 0
    examples: list[str] = field(default_factory=list)

    def note(self, problems: list[str]) -> None:
        self.examples += problems[: max(0, 5 - len(self.examples))]


class Newsroom:
    """The good state (three articles built, the cache inside the folder) and what each version
    of an article must decode to."""

    def __init__(self, scratch: Path) -> None:
        self.good = scratch / "good"
        self.good.mkdir()
        (self.good / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
        (self.good / "articles").mkdir()
        for number in range(3):
            self._write(self.good, number)
        _build(self.good)
        updated = self.trial(scratch / "reference")
        _build(updated)
        self.durations = _durations(self.good) | _durations(updated)
        shutil.rmtree(updated)

    def trial(self, folder: Path, update: bool = True) -> Path:
        """A copy of the good state, the update applied to its articles."""
        shutil.copytree(self.good, folder)
        if update:
            self._write(folder, 0, author="Anna Berger")
            self._write(folder, 3)
            (folder / "articles" / "k2.txt").unlink()
        return folder

    @staticmethod
    def _write(folder: Path, number: int, **fields: object) -> None:
        text = short_article(number, **fields)
        (folder / "articles" / f"k{number}.txt").write_text(text, encoding="utf-8")


def _durations(folder: Path) -> dict[str, float]:
    """The duration of every edition in a folder, by the digest of its article's content."""
    return {
        record.inputs.content: float(record.edition["duration"])
        for record in load_manifest(folder / "output").records.values()
    }


CODE: dict[str, str] = {}
"""PYTHONPATH of the package the builds run, when not this checkout's (--base)."""


def _build(folder: Path, env: dict[str, str] | None = None, jobs: int = 1) -> tuple[int, str]:
    """`audio-edition build` in `folder`, to its end; its exit code and output."""
    _compiled()
    done = subprocess.run(
        [sys.executable, "-m", "audio", "build", "--jobs", str(jobs), "-q"],
        cwd=folder,
        env=_environment({**CODE, **(env or {})}),
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done.returncode, done.stdout + done.stderr


def _killed_build(folder: Path, env: dict[str, str], jobs: int, after: float | None) -> bool:
    """A build killed at a crash point (`env`) or after `after` seconds; True when it died."""
    _compiled()
    build = subprocess.Popen(
        [sys.executable, "-m", "audio", "build", "--jobs", str(jobs), "-q"],
        cwd=folder,
        env=_environment({**CODE, **env}),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        build.wait(timeout=after if after is not None else 600)
    except subprocess.TimeoutExpired:
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
    with contextlib.suppress(ProcessLookupError):  # workers of a build killed at a point
        os.killpg(build.pid, signal.SIGKILL)
    _wait_for_group(build.pid)
    return build.returncode == -signal.SIGKILL


def _wait_for_group(group: int) -> None:
    """Until no process of the group is left (a worker killed with the build takes a moment)."""
    for _ in range(200):
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)


def problems_of(folder: Path) -> list[str]:
    return [str(p) for p in check(folder / "output", targets(load_settings(folder)))]


def wrong_audio(folder: Path, durations: dict[str, float]) -> list[str]:
    """Every published MP3 that is not the audio of the article version its record names."""
    output = folder / "output"
    manifest = load_manifest(output)
    where = located(output, manifest)
    wrong = []
    for name, record in manifest.records.items():
        edition = record.edition
        due = durations.get(record.inputs.content)
        if due is None:
            wrong.append(f"{name}: published from content no build of the sweep made")
        elif abs(float(edition["duration"]) - due) > REFERENCE_SLACK:
            wrong.append(
                f"{name}: {edition['duration']:.3f} s, where its article reads {due:.3f} s"
            )
        for relative in (edition["audio"], edition.get("files", {}).get(SPEAKER)):
            if relative:
                wrong += [f"{name}: {problem}" for problem in _mp3(where(relative), edition)]
        transcript = edition.get("files", {}).get("transcript")
        if transcript and where(transcript).is_file():
            cues = json.loads(where(transcript).read_text(encoding="utf-8"))["segments"]
            if cues and cues[-1]["endTime"] > float(edition["duration"]) + 0.001:
                wrong.append(f"{name}: the transcript runs past the audio")
    return wrong


def _mp3(path: Path, edition: dict[str, object]) -> list[str]:
    problems = []
    try:
        verify_mp3(path, float(edition["duration"]))  # type: ignore[arg-type]
    except AudioError as error:
        problems.append(str(error))
    if not holds_its_digest(path):
        problems.append(f"{path.name} does not hold its name's digest")
    return problems


def settle(sweep: Sweep, trial: Path, newsroom: Newsroom, output: str = "") -> None:
    """After a fault (whose build printed `output`): `check` on the folder as it was left, then
    an ordinary build and `check` again."""
    _inspect(sweep, trial, newsroom)
    code, after = _build(trial)
    sweep.builds += 1
    sweep.tracebacks += _traceback(output) + _traceback(after)
    sweep.recovered += code == 0 and set(load_manifest(trial / "output").records) == EXPECTED
    sweep.note([line for line in after.splitlines() if line.startswith("error:")][:1])
    _inspect(sweep, trial, newsroom)


def _inspect(sweep: Sweep, trial: Path, newsroom: Newsroom) -> None:
    found = problems_of(trial)
    wrong = wrong_audio(trial, newsroom.durations)
    sweep.check_failures += bool(found)
    sweep.wrong_audio += len(wrong)
    sweep.note(found + wrong)


def _traceback(output: str) -> int:
    return int("Traceback" in output or "failed unexpectedly" in output)


@contextlib.contextmanager
def trial_folder(base: Path, name: str, newsroom: Newsroom, update: bool = True) -> Iterator[Path]:
    folder = newsroom.trial(base / name, update)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def named_kills(newsroom: Newsroom, base: Path) -> Sweep:
    sweep = Sweep("kill at every named crash point")
    for number, (point, jobs) in enumerate(NAMED):
        with trial_folder(base, f"named-{number}", newsroom) as trial:
            slug = read_article(trial / "articles" / "k0.txt").slug
            env = {VARIABLE: point.format(slug=slug)}
            sweep.trials += 1
            sweep.builds += 1
            sweep.kills += _killed_build(trial, env, jobs, None)
            settle(sweep, trial, newsroom)
    return sweep


def random_kills(newsroom: Newsroom, base: Path, count: int, rng: random.Random) -> Sweep:
    sweep = Sweep(f"kill at {count} random instants")
    with trial_folder(base, "timed", newsroom) as trial:
        started = time.perf_counter()
        _build(trial)
        span = time.perf_counter() - started
    for number in range(count):
        with trial_folder(base, f"random-{number}", newsroom) as trial:
            sweep.trials += 1
            sweep.builds += 1
            jobs = rng.choice((1, 2))
            sweep.kills += _killed_build(trial, {}, jobs, rng.uniform(0.05, span * 1.1))
            settle(sweep, trial, newsroom)
    return sweep


def full_at_every_write(newsroom: Newsroom, base: Path) -> Sweep:
    """The n-th write through audio/files.py fails with ENOSPC, and every one after it, for
    n = 1, 2, … until the build gets through."""
    sweep = Sweep("disk full at every write (hook)")
    for write in range(1, 10_000):
        with trial_folder(base, f"full-{write}", newsroom) as trial:
            code, output = _build(trial, {FULL: str(write)})
            sweep.trials += 1
            sweep.builds += 1
            settle(sweep, trial, newsroom, output)
            if code == 0:
                break
    return sweep


def damaged_caches(newsroom: Newsroom, base: Path) -> Sweep:
    sweep = Sweep("cache damaged, an article edited")
    for name, damage in DAMAGE.items():
        with trial_folder(base, f"cache-{name}", newsroom) as trial:
            damage(trial / "cache")
            _, output = _build(trial)
            sweep.trials += 1
            sweep.builds += 1
            settle(sweep, trial, newsroom, output)
    return sweep


def _each(pattern: str, change: Callable[[Path], None]) -> Callable[[Path], None]:
    def damage(cache: Path) -> None:
        for path in cache.glob(pattern):
            if path.is_file():
                change(path)

    return damage


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _header_only(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:44])


def _zeroed(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4000] = bytes(len(data[middle : middle + 4000]))
    path.write_bytes(bytes(data))


def _garbage(path: Path) -> None:
    path.write_bytes(hashlib.sha256(path.name.encode()).digest() * 64)


def _not_a_folder(cache: Path) -> None:
    shutil.rmtree(cache)
    cache.write_text("a file where the cache folder should be", encoding="utf-8")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "narration truncated": _each("narration/*/*.wav", _truncate),
    "narration header only": _each("narration/*/*.wav", _header_only),
    "narration zeroed": _each("narration/*/*.wav", _zeroed),
    "segments truncated": _each("segments/*/*/*.mp3", _truncate),
    "segments zeroed": _each("segments/*/*/*.mp3", _zeroed),
    "segment figures garbage": _each("segments/*/*/*.json", _garbage),
    "covers truncated": _each("covers/**/*", _truncate),
    "covers garbage": _each("covers/**/*", _garbage),
    "every file emptied": _each("**/*", lambda path: path.write_bytes(b"")),
    "cache is a file": _not_a_folder,
}


def tmpfs_sweep(base: Path, steps: int) -> Sweep | str:
    """The real full disk: in a mount namespace of its own, a small tmpfs holds the newsroom and
    a filler file that leaves `free` bytes, for `steps` values of `free` from nothing to what
    the build needs at its peak. Returns the sweep, or why it could not run."""
    mount = base / "tmpfs"
    mount.mkdir()
    command = [sys.executable, "-m", "bench.adversarial", "--tmpfs-child", str(mount)]
    command += ["--steps", str(steps), *(["--code", CODE["PYTHONPATH"]] if CODE else [])]
    prefix = ["unshare", "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        prefix.insert(1, "--map-root-user")
    try:
        done = subprocess.run(
            [*prefix, *command], cwd=ROOT, env=_environment(), capture_output=True, text=True
        )
    except FileNotFoundError:
        return "unshare is not installed"
    if done.returncode:
        return f"could not mount a tmpfs ({done.stderr.strip().splitlines()[-1:]})"
    return Sweep(**json.loads(done.stdout.strip().splitlines()[-1]))


def _tmpfs_child(mount: Path, steps: int) -> None:
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", str(mount)], check=True)
    try:
        newsroom = Newsroom(mount)
        sweep = Sweep("disk full (a real tmpfs)")
        peak = _peak_use(newsroom, mount)
        for step in range(steps):
            free = peak * step // max(1, steps - 1)
            with trial_folder(mount, f"full-{step}", newsroom) as trial:
                filler = mount / "filler"
                _fill(mount, filler, free)
                _, output = _build(trial)
                filler.unlink()
                sweep.trials += 1
                sweep.builds += 1
                settle(sweep, trial, newsroom, output)
        print(json.dumps(asdict(sweep)))
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def _peak_use(newsroom: Newsroom, mount: Path) -> int:
    """The most bytes a build of the update holds on the file system above its starting point."""
    with trial_folder(mount, "measured", newsroom) as trial:
        before = _used(mount)
        _compiled()
        build = subprocess.Popen(
            [sys.executable, "-m", "audio", "build", "--jobs", "1", "-q"],
            cwd=trial,
            env=_environment(CODE),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        peak = 0
        while build.poll() is None:
            peak = max(peak, _used(mount) - before)
            time.sleep(0.002)
    return peak


def _used(mount: Path) -> int:
    status = os.statvfs(mount)
    return (status.f_blocks - status.f_bfree) * status.f_frsize


def _fill(mount: Path, filler: Path, free: int) -> None:
    """A file that leaves `free` bytes on the file system (tmpfs counts whole pages)."""
    status = os.statvfs(mount)
    available = status.f_bavail * status.f_frsize
    with filler.open("wb") as out:
        left = max(0, available - free)
        chunk = bytes(1 << 20)
        while left > 0:
            try:
                out.write(chunk[: min(left, len(chunk))])
            except OSError:
                break
            left -= min(left, len(chunk))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=20, help="kills at random instants")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--steps", type=int, default=30, help="fill levels of the tmpfs")
    parser.add_argument("--quick", action="store_true", help="named points and the hook only")
    parser.add_argument("--base", help="a git commit whose package the builds run")
    parser.add_argument("--tmpfs-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--code", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.code:
        CODE["PYTHONPATH"] = options.code
    if options.tmpfs_child:
        _tmpfs_child(options.tmpfs_child, options.steps)
        return
    rng = random.Random(options.seed)
    skipped = []
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        if options.base:
            CODE["PYTHONPATH"] = str(export(options.base, base / "code"))
        newsroom = Newsroom(base)
        sweeps = []
        if not options.base:  # the crash points and the write hook are today's
            sweeps += [named_kills(newsroom, base), full_at_every_write(newsroom, base)]
        if not options.quick:
            sweeps.append(random_kills(newsroom, base, options.random, rng))
            sweeps.append(damaged_caches(newsroom, base))
            real = tmpfs_sweep(base, options.steps)
            if isinstance(real, Sweep):
                sweeps.append(real)
            else:
                skipped.append(f"disk full (a real tmpfs): skipped, {real}")
    header = ("sweep", "trials", "builds", "kills", "check failures", "wrong audio")
    header += ("tracebacks", "recovered")
    rows = [
        (s.name, s.trials, s.builds, s.kills, s.check_failures, s.wrong_audio, s.tracebacks,
         f"{s.recovered}/{s.trials}")
        for s in sweeps
    ]  # fmt: skip
    print(table(header, rows))
    for line in skipped:
        print(line)
    for sweep in sweeps:
        for example in sweep.examples:
            print(f"{sweep.name}: {example}")
    failures = sum(s.check_failures + s.wrong_audio for s in sweeps)
    print("every check passed, no wrong audio" if not failures else f"{failures} FAILURES")
    results = {"base": options.base, "sweeps": [asdict(s) for s in sweeps], "skipped": skipped}
    print(f"→ {save('adversarial-' + options.base if options.base else 'adversarial', results)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
