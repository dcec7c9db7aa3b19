"""Peak memory of building one huge article (50,000 characters and more), which must stay below
400 MB. The build runs in a subprocess as a user runs it (`--jobs 1`: one process holds the whole
article); a second run samples the resident set of the build process every 5 ms to show which
stage needs the memory. `--unpunctuated` makes the body one paragraph without a single stop or
comma, the article as long as `--characters` (issue 20: 200,000 such characters, the largest
article max_article_size lets through, took 5.3 GB).

    python -m bench.peak_memory [--characters 50000] [--unpunctuated]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.harness import newsroom, run, run_cli, save, table
from tests.newsroom import FIRST_DAY, article, seed_paragraphs

BOUND_MB = 400


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--characters", type=int, default=50_000)
    parser.add_argument("--unpunctuated", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        _sample_build(options.child)
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = newsroom(Path(scratch), 0)
        make = run_on_article if options.unpunctuated else huge_article
        text = make(options.characters)
        (folder / "articles" / "huge.txt").write_text(text, encoding="utf-8")
        whole = run_cli(folder, "build", "--jobs", "1", "-q")
        assert "1 built" in whole.output, whole.output
        run_cli(folder, "build", "--force", "--jobs", "1", "-q")
        sampled = run([sys.executable, "-m", "bench.peak_memory", "--child", str(folder)], folder)
    stages = json.loads(sampled.output.strip().splitlines()[-1])
    rows = [
        ("whole build (largest process)", whole.peak_mb, whole.seconds),
        *((f"  {stage}", peak, "") for stage, peak in stages["stages"].items()),
    ]
    print(f"{len(text):,} characters, {stages['minutes']:.0f} minutes of speech")
    print(table(("what", "peak MB", "seconds"), rows))
    verdict = "within" if whole.peak_mb < BOUND_MB else "ABOVE"
    print(f"{verdict} the bound of {BOUND_MB} MB")
    results = {
        "characters": len(text),
        "minutes_of_speech": stages["minutes"],
        "peak_mb": whole.peak_mb,
        "seconds": whole.seconds,
        "peak_mb_by_stage": stages["stages"],
        "bound_mb": BOUND_MB,
    }
    print(f"→ {save('peak_memory', results)}")


def huge_article(characters: int) -> str:
    """The seed's paragraphs over and over, a subheading every four, to `characters` or more."""
    paragraphs, body, number = seed_paragraphs(), [], 0
    while sum(map(len, body)) < characters:
        if number % 4 == 3:
            body.append(f"Teil {number // 4 + 2} der Betrachtung")
        body.append(paragraphs[number % len(paragraphs)])
        number += 1
    return article("Eine sehr lange Betrachtung der Lage an der Grenze.", body, published=FIRST_DAY)


def run_on_article(size: int) -> str:
    """The seed's words without any punctuation as one paragraph, the article `size` bytes long
    at most (in UTF-8, as max_article_size counts)."""
    words = re.sub(r"[^\w\s-]", "", " ".join(seed_paragraphs())).split()
    title = "Ein Absatz ohne ein einziges Satzende."
    room = size - len(article(title, [""], published=FIRST_DAY).encode())
    body: list[str] = []
    while room > len(word := words[len(body) % len(words)].encode()):
        body.append(word.decode())
        room -= len(word) + 1
    return article(title, [" ".join(body)], published=FIRST_DAY)


def _sample_build(folder: Path) -> None:
    """In the child: build with --force, noting the largest resident set during each stage."""
    import os

    from audio.builds.build import Events, build_output
    from audio.settings import load_settings

    os.chdir(folder)
    stage = ["starting"]
    peaks: dict[str, float] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.005):
            resident = _resident_mb()
            peaks[stage[0]] = max(peaks.get(stage[0], 0.0), resident)

    class Stages(Events):
        def status(self, source: str, text: str) -> None:
            stage[0] = text

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    # The cache off, as in the first build: the --force build would otherwise find every
    # encoded segment in it.
    settings = load_settings().replace(cache=False)
    report = build_output(settings, jobs=1, force=True, events=Stages())
    stage[0] = "publishing"
    time.sleep(0.05)
    done.set()
    sampler.join()
    (outcome,) = report.outcomes
    assert outcome.record is not None, outcome.error
    minutes = outcome.record.edition["duration"] / 60
    print(json.dumps({"minutes": minutes, "stages": peaks}))


def _resident_mb() -> float:
    """This process's resident set now (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    main()
