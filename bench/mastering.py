"""Mastering the seed both ways: audio/mastering/master.py (meter and limiter in numpy, one ffmpeg
per rendition that only encodes) against the minimal shell pipeline (one ffmpeg `ebur128` pass, then
one ffmpeg `volume` + `alimiter` + encode pass per rendition). Both renditions encode side by side
in both. Reports the wall time of each, the loudness and true peak ffmpeg measures on the MP3s, and
how far each sentence's onset in the podcast MP3 lies from its cue.

    python -m bench.mastering [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from audio.edition.stages import narrate
from audio.mastering.master import master
from audio.mastering.renditions import Rendition, renditions
from audio.settings import Settings
from audio.text.readers import read_article
from audio.voice.engines import open_engine
from audio.voice.ffmpeg import ffmpeg_exe
from audio.voice.timeline import Timeline
from bench.harness import save, table
from tests.conftest import SEED
from tests.ebur128 import decode, measure

AUDIBLE = 10 ** (-40 / 20)


def ours(timeline: Timeline, folder: Path, settings: Settings) -> dict[str, Path]:
    jobs = [(r, folder / f"ours.{r.kind}.mp3") for r in renditions(settings)]
    master(timeline, jobs)
    return {r.kind: path for r, path in jobs}


def two_pass(timeline: Timeline, folder: Path, settings: Settings) -> dict[str, Path]:
    """What NOTES.md describes: measure, then gain + limiter (1 dB under the peak target)."""
    wav = folder / "timeline.wav"
    timeline.audio.export(wav, format="wav")
    command = [ffmpeg_exe(), "-nostats", "-hide_banner", "-i", str(wav), "-af", "ebur128"]
    measured = subprocess.run(
        [*command, "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    integrated = float(re.findall(r"I:\s+(-?[\d.]+) LUFS", measured)[-1])

    def encode(rendition: Rendition) -> Path:
        target = folder / f"shell.{rendition.kind}.mp3"
        limit = 10 ** ((rendition.true_peak - 1) / 20)
        chain = (
            f"volume={rendition.loudness - integrated:.2f}dB,"
            f"alimiter=limit={limit:.4f}:level=disabled,aresample={rendition.sample_rate}"
        )
        subprocess.run(
            [ffmpeg_exe(), "-v", "error", "-y", "-i", str(wav), "-af", chain, "-ac", "1",
             "-c:a", "libmp3lame", "-b:a", f"{rendition.bitrate}k", str(target)],
            check=True,
        )  # fmt: skip
        return target

    with ThreadPoolExecutor(2) as pool:
        paths = list(pool.map(encode, renditions(settings)))
    return {r.kind: path for r, path in zip(renditions(settings), paths, strict=True)}


def onset_errors(timeline: Timeline, mp3: Path) -> list[float]:
    """Each sentence's first audible sample after the pause before it, minus its cue's start."""
    samples, rate = decode(mp3)
    errors, previous_end = [], 0.0
    for cue in timeline.cues:
        start = round((previous_end + 0.05) * rate)
        onset = (start + np.flatnonzero(np.abs(samples[start:]) > AUDIBLE)[0]) / rate
        errors.append(onset - cue.start)
        previous_end = cue.end
    return errors


def _cpu_seconds() -> float:
    """CPU time of this process and of the ffmpeg processes it waited for: unlike wall time, it
    hardly changes when other work shares the machine."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    settings = Settings(engine="espeak")
    timeline = narrate(read_article(SEED), settings, open_engine("espeak", settings))
    rows, results = [], {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for label, method in (("numpy + 1 encode", ours), ("ffmpeg 2-pass", two_pass)):
            times, cpu = [], []
            for _ in range(options.repeat):
                used = _cpu_seconds()
                started = time.perf_counter()
                paths = method(timeline, folder, settings)
                times.append(time.perf_counter() - started)
                cpu.append(_cpu_seconds() - used)
            levels = {kind: measure(path) for kind, path in paths.items()}
            errors = [abs(e) * 1000 for e in onset_errors(timeline, paths["podcast"])]
            results[label] = {
                "seconds": times,
                "cpu_seconds": cpu,
                "levels": levels,
                "onset_ms": {"mean": statistics.mean(errors), "max": max(errors)},
            }
            rows.append(
                [
                    label,
                    f"{min(times) * 1000:.0f} / {statistics.median(times) * 1000:.0f}",
                    f"{statistics.median(cpu) * 1000:.0f}",
                    "{:.2f} LUFS {:.2f} dBTP".format(*levels["podcast"]),
                    "{:.2f} LUFS {:.2f} dBTP".format(*levels["speaker"]),
                    f"{statistics.mean(errors):.1f} / {max(errors):.1f}",
                ]
            )
    results["programme_seconds"] = timeline.duration
    results["samples"] = timeline.samples.length
    save("mastering", results)
    print(f"seed: {timeline.duration:.1f} s of speech; targets -16/-1 (podcast), -14/-2 (speaker)")
    header = [
        "method",
        "wall ms best / median",
        "CPU ms",
        "podcast",
        "speaker",
        "onset error ms mean / max",
    ]
    print(table(header, rows))


if __name__ == "__main__":
    main()
