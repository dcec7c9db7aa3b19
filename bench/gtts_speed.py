"""gTTS bench: our gTTS engine against gTTS's own `gtts-cli`, on the seed, against a local
endpoint that answers like Google after a fixed latency (`bench/fake_google.py`).

Both sides speak to the same endpoint through `HTTPS_PROXY` (no patching of gTTS): the same
normalized seed script, the same latency. Printed side by side:

- requests and wall time (median of --runs, after one untimed warm-up run each), and the ratio;
- how well the engine cut multi-sentence answers back into sentences: each take (without its
  edge silence) against the same text read alone, for every sentence that shared a request;
- the synthesis cache: a miss (synthesize and store) and a hit, for gTTS and for espeak-ng.

Run from the repository root (needs the bench extra for the throwaway TLS certificate):

    python -m bench.gtts_speed [--latency 0.2] [--runs 3]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from audio.cache import usage
from audio.voice.engines.cache import CachedEngine, TakeCache
from audio.voice.engines.espeak import EspeakEngine
from audio.voice.engines.gtts import JOIN_MS, GttsEngine
from audio.voice.engines.pieces import MAX_CHARS, pack
from audio.voice.engines.utterance import without_edges
from bench.fake_google import answered, fake_google
from tests.google import seed_sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per answer")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    texts = seed_sentences()
    characters = len(" ".join(texts))
    with fake_google(options.latency) as proxy, tempfile.TemporaryDirectory() as temp:
        os.environ["HTTPS_PROXY"] = proxy
        os.environ.pop("NO_PROXY", None)
        folder = Path(temp)
        (folder / "seed.txt").write_text(" ".join(texts), encoding="utf-8")
        cli = Path(sys.executable).with_name("gtts-cli")
        command = [str(cli), "-l", "de", "-t", "de", "-f", str(folder / "seed.txt")]
        command += ["-o", str(folder / "cli.mp3")]

        ours = _timed(proxy, options.runs, lambda: GttsEngine().synthesize(texts))
        theirs = _timed(
            proxy, options.runs, lambda: subprocess.run(command, check=True, env=os.environ)
        )
        print(f"seed script: {len(texts)} sentences, {characters} characters, ", end="")
        print(f"latency {options.latency * 1000:.0f} ms, median of {options.runs} runs, ", end="")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"  at most 1.3 × ceil(characters / {MAX_CHARS}) = ", end="")
        print(f"{math.floor(1.3 * math.ceil(characters / MAX_CHARS))} requests")
        print(f"{'':24}{'requests':>10}{'wall s':>10}")
        print(f"{'audio-edition gtts':24}{ours[0]:>10}{ours[1]:>10.2f}")
        print(f"{'gtts-cli':24}{theirs[0]:>10}{theirs[1]:>10.2f}")
        print(
            f"ratio: {theirs[1] / ours[1]:.1f}× faster, {theirs[0] / ours[0]:.2f}× fewer requests"
        )

        _split_accuracy(texts)
        _cache_timings(texts, folder / "cache")


def _timed(proxy: str, runs: int, work: Callable[[], object]) -> tuple[int, float]:
    """Requests per run and the median wall time, after a warm-up run."""
    work()
    times = []
    for _ in range(runs):
        before = answered(proxy)
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
        requests = answered(proxy) - before
    return requests, statistics.median(times)


def _split_accuracy(texts: list[str]) -> None:
    """Each take of a sentence that shared a request, against its parts read alone."""
    takes = GttsEngine().synthesize(texts)
    pieces = pack(texts)
    shared = {s.sentence for p in pieces if len(p.spans) > 1 for s in p.spans}
    espeak = EspeakEngine()
    errors = []
    for index in sorted(shared):
        parts = [
            texts[index][s.start : s.end] for p in pieces for s in p.spans if s.sentence == index
        ]
        expected = sum(len(without_edges(t)) for t in espeak.synthesize(parts))
        expected += JOIN_MS * (len(parts) - 1)
        errors.append(abs(len(without_edges(takes[index])) - expected))
    print(
        f"split: {len(shared)} sentences shared a request; |take - alone| median "
        f"{statistics.median(errors):.0f} ms, max {max(errors)} ms, "
        f"{sum(e > 50 for e in errors)} over 50 ms"
    )


def _cache_timings(texts: list[str], folder: Path) -> None:
    for engine in (GttsEngine(), EspeakEngine()):
        cached = CachedEngine(engine, TakeCache(folder))
        started = time.perf_counter()
        cached.synthesize(texts)
        miss = time.perf_counter() - started
        started = time.perf_counter()
        cached.synthesize(texts)
        hit = time.perf_counter() - started
        started = time.perf_counter()
        engine.synthesize(texts)
        bare = time.perf_counter() - started
        print(
            f"cache {engine.name:7}: synthesize {bare * 1000:7.0f} ms, miss (synthesize + store) "
            f"{miss * 1000:7.0f} ms, hit {hit * 1000:5.0f} ms"
        )
    size = usage(folder)
    print(f"cache size for both: {size.takes} takes, {size.size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
