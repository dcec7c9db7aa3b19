"""The seed built offline against the minimal shell pipeline doing the same work: the target is
at most 1.3 × the pipeline's wall time.

Ours: `audio-edition build --engine espeak` into a fresh output folder, the synthesis cache off
(where the CLI has `--no-cache`) and the smart-speaker rendition off, so that both sides write one
MP3. Ours also writes the transcripts, the cover, the feeds and the site; the pipeline only the MP3.

The pipeline (bench/minimal_pipeline.sh): Debian's `espeak-ng` writes a WAV of the very sentences
the build speaks (the script's spoken forms, one a line), with the product's voice, rate, word gap
and pitch, one ffmpeg pass measures the loudness,
one ffmpeg pass applies gain and a limiter and encodes with the product's encoder settings, with
the same ffmpeg binary (audio.ffmpeg.ffmpeg_exe()).

The two run in turns, round after round; the figures are medians.

    python -m bench.seed_offline [--repeat 7]
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
from pathlib import Path

from bench.harness import (
    ROOT,
    Run,
    describe,
    interleaved,
    median,
    run,
    run_cli,
    save,
    table,
    timings,
)
from tests.conftest import PYPROJECT, SEED

TARGET = 1.3
OURS, SHELL = "audio-edition build", "minimal shell pipeline"
PIPELINE = ROOT / "bench" / "minimal_pipeline.sh"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    if shutil.which("espeak-ng") is None:
        sys.exit(
            "espeak-ng is missing, so the minimal shell pipeline cannot run: install Debian's "
            "package (apt-get install espeak-ng) and run this bench again."
        )
    with tempfile.TemporaryDirectory() as scratch:
        results = compare(Path(scratch), options.repeat)
    print(f"→ {save('seed_offline', results)}")


def compare(folder: Path, repeat: int) -> dict[str, object]:
    from audio.mastering.master import ENCODER_QUALITY
    from audio.settings import load_settings
    from audio.voice.ffmpeg import ffmpeg_exe

    (folder / "pyproject.toml").write_text(
        PYPROJECT + "speaker_rendition = false\n", encoding="utf-8"
    )
    (folder / "articles").mkdir()
    shutil.copy(SEED, folder / "articles" / "seed.txt")
    text = folder / "spoken.txt"
    text.write_text("\n".join(spoken_sentences(SEED)) + "\n", encoding="utf-8")
    settings = load_settings(folder)
    no_cache = ["--no-cache"] if "--no-cache" in run_cli(folder, "build", "--help").output else []
    numbers = itertools.count()
    mp3s: dict[str, Path] = {}

    def ours() -> Run:
        out = folder / f"out-{next(numbers)}"
        result = run_cli(folder, "build", "--engine", "espeak", *no_cache, "-q", "--out", str(out))
        if "1 built" not in result.output:
            raise RuntimeError(f"the seed was not built:\n{result.output}")
        mp3s[OURS] = folder / "ours.mp3"
        shutil.move(next(out.glob("*/*.mp3")), mp3s[OURS])
        shutil.rmtree(out)
        return result

    def pipeline() -> Run:
        mp3s[SHELL] = folder / "pipeline.mp3"
        arguments = [
            str(text), str(mp3s[SHELL]), ffmpeg_exe(), str(settings.loudness),
            str(settings.true_peak), str(settings.bitrate), str(settings.sample_rate),
            str(ENCODER_QUALITY), settings.espeak_voice, str(settings.espeak_rate),
            str(settings.espeak_word_gap), str(settings.espeak_pitch),
        ]  # fmt: skip
        return run(["sh", str(PIPELINE), *arguments], folder)

    # One untimed run of each first: both then start with warm file caches.
    ours(), pipeline()
    runs, loads = interleaved({OURS: ours, SHELL: pipeline}, repeat)
    audio = {name: _duration(path) for name, path in mp3s.items()}
    wall = median(runs[OURS]) / median(runs[SHELL])
    cpu = median(runs[OURS], "cpu_seconds") / median(runs[SHELL], "cpu_seconds")
    rows = [
        (
            name,
            audio[name],
            median(timed),
            min(r.seconds for r in timed),
            median(timed, "cpu_seconds"),
            max(r.peak_mb for r in timed),
        )
        for name, timed in runs.items()
    ]
    print(f"seed, offline, one rendition; {repeat} rounds; {describe(loads)}")
    print(table(("", "audio s", "median s", "best s", "CPU s", "peak MB"), rows))
    verdict = "met" if wall <= TARGET else "MISSED"
    print(f"wall-time ratio {wall:.2f} × (target ≤ {TARGET} ×: {verdict}); CPU ratio {cpu:.2f} ×")
    return {
        "audio_seconds": audio,
        **timings(runs, loads),
        "wall_ratio": wall,
        "cpu_ratio": cpu,
        "target": TARGET,
        "no_cache": bool(no_cache),
    }


def spoken_sentences(source: Path) -> list[str]:
    """What the build speaks for `source`: the script's sentences in their spoken form."""
    from audio.settings import Settings
    from audio.text.readers import read_article
    from audio.text.script import build_script

    return [s.spoken for s in build_script(read_article(source), Settings()).sentences]


def _duration(mp3: Path) -> float:
    from mutagen.mp3 import MP3

    return MP3(mp3).info.length


if __name__ == "__main__":
    main()
