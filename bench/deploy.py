"""Deploy: 50 editions to a real S3 API server (`rclone serve s3` with keys, tests/servers.py)
and to a local folder; what the second deploy and the deploy after an edit send, and how long
they take beside a plain `rclone sync --checksum` of the same folder to the same kind of target.

For each target, from one built newsroom:
1. the first deploy, everything sent;
2. `--repeat` deploys with nothing changed (target: 0 files sent);
3. `--repeat` edits, one article each (another author: its MP3s, transcripts, chapters and page
   change), each built and then deployed (target: that edition's changed files plus feed.xml,
   index.html and flash-briefing.json, nothing else).
The contender syncs the same folder to a second place of the same kind (another prefix, another
folder) at the same moments: `rclone sync --checksum` compares sizes and MD5s and sends what
differs, in no particular order. Both run as a user runs them, a process each, in turns.

    python -m bench.deploy [--editions 50] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
from pathlib import Path

from audio.hosting.deploy.rclone import rclone_path
from bench.harness import Run, describe, newsroom, run, run_cli, save, table
from tests.deploys import contents
from tests.servers import s3_server

# What a plain sync must leave out to send what the deploy sends.
PRIVATE = ["--exclude=.*", "--exclude=.*/**", "--exclude=/manifest.json"]
_SENT = re.compile(r": (\d+) files? sent \((.*?)\), (\d+) deleted, (\d+) unchanged")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-deploy-") as scratch:
        folder = newsroom(Path(scratch) / "newsroom", arguments.editions)
        built = run_cli(folder, "build", "--jobs", "2", "-q")
        print(f"{arguments.editions} editions built in {built.seconds:.0f} s")
        with s3_server(Path(scratch) / "s3") as store:
            targets = {
                "s3": ("s3://podcast/deploy", store.api("podcast/sync"), store.environ),
                "folder": (f"{scratch}/web/deploy", f"{scratch}/web/sync", {}),
            }
            results = {
                name: measure(folder, *target, arguments.repeat) for name, target in targets.items()
            }
    rows = []
    for name, result in results.items():
        print(f"{name}: {result['folder_mb']:.1f} MB published")
        for scenario in ("first", "nothing changed", "one edit"):
            measured = result[scenario]
            deploy, sync = measured["deploy_seconds"], measured["sync_seconds"]
            rows.append(
                (
                    name,
                    scenario,
                    measured["sent"],
                    measured["expected"],
                    statistics.median(deploy),
                    statistics.median(sync),
                    statistics.median(deploy) / statistics.median(sync),
                )
            )
    print(
        table(
            ("target", "deploy", "files sent", "expected", "deploy s", "rclone sync s", "ratio"),
            rows,
        )
    )
    loads = [load for result in results.values() for load in result["loads"]]
    print(describe(loads))
    print(f"→ {save('deploy', {'editions': arguments.editions, 'targets': results})}")


def measure(folder: Path, target: str, mirror: str, environ: dict[str, str], repeat: int) -> dict:
    """The three scenarios on one kind of target; `mirror` is where the contender syncs to."""
    output = folder / "output"
    loads = [os.getloadavg()[0]]
    everything = len(contents(output))
    first = _deploy(folder, target, environ), _sync(folder, output, mirror, environ)
    results: dict = {"first": _figures([first], [_sent(first[0])], [everything])}
    results["folder_mb"] = sum(file.stat().st_size for file in _published(output)) / 1e6
    unchanged = [(_deploy(folder, target, environ), _sync(folder, output, mirror, environ))]
    unchanged += [
        (_deploy(folder, target, environ), _sync(folder, output, mirror, environ))
        for _ in range(repeat - 1)
    ]
    results["nothing changed"] = _figures(unchanged, [_sent(r) for r, _ in unchanged], [0])
    edits, expected = [], []
    for number in range(repeat):
        before = contents(output)
        edit(folder, number, f"Autorin {number} {target[:2]}")
        run_cli(folder, "build", "--jobs", "2", "-q")
        after = contents(output)
        expected.append(len({p for p in after if before.get(p) != after[p]}))
        edits.append((_deploy(folder, target, environ), _sync(folder, output, mirror, environ)))
        loads.append(os.getloadavg()[0])
    results["one edit"] = _figures(edits, [_sent(r) for r, _ in edits], expected)
    results["loads"] = loads
    return results


def edit(folder: Path, number: int, author: str) -> None:
    """Another author for article `number` (bench/harness.py's newsroom, tests/newsroom.py)."""
    article = folder / "articles" / f"kommentar-{number:03d}.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text(re.sub(r"^von .+$", f"von {author}", text, count=1, flags=re.M), "utf-8")


def _deploy(folder: Path, target: str, environ: dict[str, str]) -> Run:
    return run_cli(folder, "deploy", "--to", target, env=environ)


def _sync(folder: Path, output: Path, mirror: str, environ: dict[str, str]) -> Run:
    command = [rclone_path(), "sync", "--checksum", str(output), mirror, *PRIVATE]
    return run(command, folder, env=environ)


def _published(output: Path) -> list[Path]:
    return [output / path for path in contents(output)]


def _sent(deployed: Run) -> int:
    match = _SENT.search(deployed.output)
    assert match, deployed.output
    return int(match[1])


def _figures(runs: list[tuple[Run, Run]], sent: list[int], expected: list[int]) -> dict:
    """The files each deploy sent (the most of any run), against what it should have sent."""
    return {
        "sent": max(sent),
        "expected": max(expected),
        "sent_each": sent,
        "expected_each": expected,
        "deploy_seconds": [deploy.seconds for deploy, _ in runs],
        "sync_seconds": [sync.seconds for _, sync in runs],
        "deploy_cpu_seconds": [deploy.cpu_seconds for deploy, _ in runs],
    }


if __name__ == "__main__":
    main()
