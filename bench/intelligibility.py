"""Intelligibility bench (issue 9): synthesize each article, transcribe it with Whisper base and
count how many of the article's words come back.

Readers, side by side in one table:

- `default`  espeak-ng's default reading of the raw article text (always shown unless
             --no-baseline): the yardstick of issue 9.
- `--espeak rate=140,gap=3,pitch=50,voice=de+m3`  the same raw text at other espeak settings;
             `mp3=96` passes the reading through a 96 kbps MP3 first (what encoding costs);
             `level=-16.5` scales it to that RMS level in dBFS (Whisper hears louder audio
             better, so a comparison across levels needs this control).
- `--product="--rate 140 --word-gap 3"`  the product pipeline: runs
             `audio-edition render FILE -o OUT.mp3 --engine espeak --no-cache OPTIONS` and decodes
             the MP3, so normalization, pauses and mastering are measured too. `--product=""`
             measures the product's defaults.

`--grid` tries every combination of --rates, --gaps, --pitches and --voices on the espeak raw
reader and prints the settings ranked by mean recall.

Examples (from the repository root):

    python -m bench.intelligibility articles/
    python -m bench.intelligibility bench/corpus/heldout --espeak rate=140,gap=3
    python -m bench.intelligibility bench/corpus/tune --grid --rates 140,160,175 --gaps 0,3
    python -m bench.intelligibility bench/corpus/heldout --product="" --product="--rate 150"
    python -m bench.intelligibility bench/corpus/realtext --product="" --save realtext
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import asr, scoring
from bench import espeak_reader as espeak

RESULTS = Path(__file__).resolve().parent / "results"
TRANSCRIPT_CACHE = RESULTS / "cache" / "transcripts.jsonl"

# --- The reference ----------------------------------------------------------------------------

_ARTIFACT_RE = re.compile(r"\S*_\S*")
# An agency tag ("(dpa)", "(dpa/lno)") is no word for a listener: the product leaves it out, as a
# news speaker does (audio/text/speech/agencies.py), so it is not in the reference either.
_AGENCY_RE = re.compile(
    r"\((?:dpa|afp|ap|reuters|kna|epd|ddp|sid|ots)(?:/[\w-]+)*\)", re.IGNORECASE
)


# The byline ("Von Jonas Albrecht", "Avatar_meinung von Gerd Hansen") and the dateline
# ("19. August 2025, 10:05 Uhr"): lines of their own in the raw layout.
_BYLINE_RE = re.compile(r"^(?:\S*_\S*\s+)?[Vv]on(?:\s+[^\s.!?:;]+){1,4}$")
_DATELINE_RE = re.compile(r"^\d{1,2}\.\s*\w+\s+\d{4}(?:,\s*\d{1,2}[:.]\d{2}\s*Uhr)?$")


@dataclass(frozen=True)
class Reference:
    """The article's own words: the raw file with scraping artifacts (`Avatar_prignitzer`, any
    token with an underscore) and agency tags removed. Title, teaser, byline, dateline,
    subheadings and body all count, for every reader alike; the byline and dateline wherever a
    reader says them."""

    ordered: str
    anywhere: str

    @classmethod
    def of(cls, raw: str) -> Reference:
        ordered, anywhere = [], []
        for line in raw.splitlines():
            text = line.strip()
            kept = anywhere if _BYLINE_RE.match(text) or _DATELINE_RE.match(text) else ordered
            kept.append(_ARTIFACT_RE.sub(" ", _AGENCY_RE.sub(" ", text)))
        return cls("\n".join(ordered), "\n".join(anywhere))

    def score(self, transcript: str) -> scoring.Score:
        return scoring.score(self.ordered, transcript, self.anywhere)

    @property
    def words(self) -> int:
        return len(scoring.normalize(f"{self.ordered}\n{self.anywhere}").split())


# --- Readers ----------------------------------------------------------------------------------


class ReaderError(Exception):
    pass


@dataclass
class EspeakRaw:
    """The raw article text, as it is, read by the bench's own espeak-ng binding."""

    voice: espeak.Voice = field(default_factory=espeak.Voice)
    mp3: int | None = None  # kbps: pass the reading through an MP3 encoder first
    level: float | None = None  # dBFS RMS: scale the reading to this level

    @property
    def label(self) -> str:
        label = "default" if self.voice.is_default else f"espeak {self.voice.label}"
        label += f" mp3 {self.mp3}k" if self.mp3 else ""
        return label + (f" at {self.level:g} dBFS" if self.level is not None else "")

    @property
    def labels(self) -> list[str]:
        return [self.label]

    def readings(self, path: Path) -> list[np.ndarray]:
        samples = espeak.read(path.read_text(encoding="utf-8"), self.voice)
        if self.mp3:
            audio = asr.mp3_round_trip(samples, espeak.SAMPLE_RATE, self.mp3)
        else:
            audio = asr.pcm_to_16k(samples, espeak.SAMPLE_RATE)
        return [audio if self.level is None else at_level(audio, self.level)]


@dataclass
class Product:
    """The product pipeline through its CLI, MP3 and all. `settings` are passed as
    `AUDIO_EDITION_<NAME>` environment variables (the pauses have no CLI option). With
    `unmastered` the same synthesis is measured twice more from `render --wav`, the narration
    before mastering and MP3 encoding: as the engine made it, and with a plain gain to the
    mastered reading's RMS level (Whisper hears louder audio better, so this is the comparison
    that shows what the processing itself costs)."""

    options: list[str]
    command: list[str]
    settings: dict[str, str] = field(default_factory=dict)
    unmastered: bool = False
    _no_cache: list[str] | None = field(default=None, repr=False)

    raw_text: bool = False

    @classmethod
    def parse(cls, spec: str, command: list[str], unmastered: bool = False) -> Product:
        """`pause_sentence=0.6 --rate 115`: leading NAME=VALUE words are settings, the rest
        render options. A leading `raw-text` switches the product's normalization off
        (bench/raw_text.py)."""
        words = shlex.split(spec)
        raw_text = bool(words) and words[0] == "raw-text"
        if raw_text:
            words.pop(0)
            command = [sys.executable, "-m", "bench.raw_text"]
        settings: dict[str, str] = {}
        while words and re.fullmatch(r"[a-z_]+=\S*", words[0]):
            name, _, value = words.pop(0).partition("=")
            settings[name] = value
        return cls(words, command, settings, unmastered, raw_text=raw_text)

    @property
    def label(self) -> str:
        given = [f"{name}={value}" for name, value in self.settings.items()] + self.options
        return " ".join(["product", *(["raw-text"] if self.raw_text else []), *given])

    @property
    def labels(self) -> list[str]:
        more = [f"{self.label} unmastered", f"{self.label} unmastered, same level"]
        return [self.label] + (more if self.unmastered else [])

    def no_cache(self) -> list[str]:
        """`--no-cache` where `render` has it: a cached take would hide a changed voice."""
        if self._no_cache is None:
            done = subprocess.run(
                [*self.command, "render", "--help"], capture_output=True, text=True, check=False
            )
            self._no_cache = ["--no-cache"] if "--no-cache" in done.stdout else []
        return self._no_cache

    def readings(self, path: Path) -> list[np.ndarray]:
        with tempfile.TemporaryDirectory(prefix="bench-product-") as tmp:
            out, wav = Path(tmp) / "edition.mp3", Path(tmp) / "narration.wav"
            command = [*self.command, "render", str(path), "-o", str(out)]
            command += ["--engine", "espeak", *self.no_cache(), *self.options]
            command += ["--wav", str(wav)] if self.unmastered else []
            env = os.environ | {
                f"AUDIO_EDITION_{name.upper()}": value for name, value in self.settings.items()
            }
            done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
            if done.returncode != 0 or not out.is_file():
                message = (done.stderr or done.stdout).strip().splitlines()
                raise ReaderError(f"{shlex.join(command)}: {message[-1] if message else 'no MP3'}")
            mastered = asr.file_to_16k(out)
            if not self.unmastered:
                return [mastered]
            narration = asr.file_to_16k(wav)
            return [mastered, narration, at_level(narration, rms_db(mastered))]


def product_command(given: str | None) -> list[str]:
    if given:
        return shlex.split(given)
    beside = Path(sys.executable).parent / "audio-edition"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("audio-edition")
    return [found] if found else [sys.executable, "-m", "audio"]


def parse_espeak(spec: str) -> EspeakRaw:
    """`rate=140,gap=3,pitch=50,voice=de+m3,mp3=96` (any subset) → a reader."""
    names = {"rate": "rate", "s": "rate", "gap": "wordgap", "g": "wordgap", "wordgap": "wordgap"}
    names |= {"pitch": "pitch", "p": "pitch", "voice": "name", "v": "name", "mp3": "mp3"}
    names |= {"level": "level"}
    values: dict[str, object] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        key, sep, value = item.partition("=")
        if not sep or key not in names:
            raise argparse.ArgumentTypeError(
                f"not a setting: {item!r} (rate, gap, pitch, voice, mp3, level)"
            )
        kind = {"name": str, "level": float}.get(names[key], int)
        values[names[key]] = kind(value)
    mp3, level = values.pop("mp3", None), values.pop("level", None)
    return EspeakRaw(espeak.Voice(**values), mp3, level)  # type: ignore[arg-type]


def rms_db(audio: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(np.square(audio, dtype=np.float64)) + 1e-20))


def at_level(audio: np.ndarray, level: float) -> np.ndarray:
    """The audio scaled to `level` dBFS RMS: a plain gain, nothing else changed."""
    return (audio * 10 ** ((level - rms_db(audio)) / 20)).astype(np.float32)


# --- Transcripts, cached by the sound ---------------------------------------------------------


class TranscriptCache:
    """Transcripts keyed by a hash of the 16 kHz audio and the decoding settings: a rerun of the
    same reading (a table for the docs, an extra column) costs no recognition time."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.known: dict[str, str] = {}
        if path and path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                entry = json.loads(line)
                self.known[entry["key"]] = entry["text"]

    @staticmethod
    def key(audio: np.ndarray) -> str:
        digest = hashlib.sha256(audio.tobytes())
        digest.update(json.dumps(asr.METHOD, sort_keys=True).encode())
        return digest.hexdigest()

    def transcribe(self, audio: np.ndarray) -> str:
        key = self.key(audio)
        if key not in self.known:
            self.known[key] = asr.transcribe(audio)
            if self.path:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as out:
                    out.write(json.dumps({"key": key, "text": self.known[key]}) + "\n")
        return self.known[key]


# --- Measuring --------------------------------------------------------------------------------


@dataclass
class Measurement:
    article: str
    reader: str
    words: int
    recall: float | None  # None: the reader failed on this article
    seconds_audio: float = 0.0
    transcript: str = ""
    error: str = ""


def measure(
    articles: list[Path],
    readers: list,
    cache: TranscriptCache,
    audio_dir: Path | None = None,
) -> list[Measurement]:
    results = []
    for reader in readers:
        for path in articles:
            reference = Reference.of(path.read_text(encoding="utf-8"))
            words = reference.words
            started = time.monotonic()
            try:
                readings = reader.readings(path)
            except ReaderError as exc:
                for label in reader.labels:
                    results.append(Measurement(path.name, label, words, None, error=str(exc)))
                print(f"  {reader.label:<28} {path.name:<32} failed: {exc}", file=sys.stderr)
                continue
            for label, audio in zip(reader.labels, readings, strict=True):
                if audio_dir:
                    save_wav(audio_dir / f"{slug(label)}__{path.stem}.wav", audio)
                transcript = cache.transcribe(audio)
                got = reference.score(transcript)
                seconds = len(audio) / 16000
                results.append(
                    Measurement(path.name, label, got.words, got.recall, seconds, transcript)
                )
                print(
                    f"  {label:<28} {path.name:<32} {got.recall:6.1%}"
                    f"  ({seconds:5.1f} s audio, {time.monotonic() - started:4.1f} s)",
                    file=sys.stderr,
                    flush=True,
                )
    return results


def rescore(saved: list[dict], articles: list[Path]) -> list[Measurement]:
    by_name = {path.name: path for path in articles}
    results = []
    for entry in saved:
        if entry["recall"] is None:
            results.append(Measurement(**entry))
            continue
        reference = Reference.of(by_name[entry["article"]].read_text(encoding="utf-8"))
        got = reference.score(entry["transcript"])
        results.append(Measurement(**{**entry, "words": got.words, "recall": got.recall}))
    return results


def save_wav(path: Path, audio: np.ndarray) -> None:
    import wave

    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9+]+", "-", text).strip("-")


def mean(values: list[float | None]) -> float | None:
    given = [v for v in values if v is not None]
    return sum(given) / len(given) if given and len(given) == len(values) else None


def pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}"


# --- Tables -----------------------------------------------------------------------------------


def side_by_side(results: list[Measurement]) -> list[list[str]]:
    """Rows: articles and their mean; columns: readers."""
    readers = list(dict.fromkeys(m.reader for m in results))
    articles = list(dict.fromkeys(m.article for m in results))
    cell = {(m.article, m.reader): m for m in results}
    rows = [["article", "words", *readers]]
    for article in articles:
        words = next(m.words for m in results if m.article == article)
        rows.append([article, str(words), *(pct(cell[article, r].recall) for r in readers)])
    means = [mean([cell[a, r].recall for a in articles]) for r in readers]
    rows.append(["mean", "", *(pct(v) for v in means)])
    return rows


def ranking(results: list[Measurement]) -> list[list[str]]:
    """Rows: settings ranked by mean recall; columns: the mean, the mean length of the audio per
    article, how many transcripts fell into a repetition loop, then each article."""
    readers = list(dict.fromkeys(m.reader for m in results))
    articles = list(dict.fromkeys(m.article for m in results))
    cell = {(m.article, m.reader): m.recall for m in results}
    scored = [(mean([cell[a, r] for a in articles]), r) for r in readers]
    scored.sort(key=lambda pair: -1 if pair[0] is None else pair[0], reverse=True)
    seconds = {
        r: sum(m.seconds_audio for m in results if m.reader == r) / len(articles) for r in readers
    }
    loops = {r: sum(asr.looped(m.transcript) for m in results if m.reader == r) for r in readers}
    short = [a.split("_")[0] for a in articles]
    rows = [["settings", "mean", "audio s", "loops", *short]]
    for value, reader in scored:
        cells = [pct(cell[a, reader]) for a in articles]
        rows.append([reader, pct(value), f"{seconds[reader]:.0f}", str(loops[reader]), *cells])
    return rows


def render(rows: list[list[str]], markdown: bool = False) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]

    def line(row: list[str]) -> str:
        cells = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return ("| " + " | ".join(cells) + " |") if markdown else "  ".join(cells)

    out = [line(rows[0])]
    if markdown:
        out.append(
            "|"
            + "|".join(("-" * (w + 1) + ":") if i else "-" * (w + 2) for i, w in enumerate(widths))
            + "|"
        )
    out += [line(row) for row in rows[1:]]
    return "\n".join(out)


def machine() -> str:
    import ctranslate2
    import faster_whisper

    cpu = platform.processor() or platform.machine()
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
        f"faster-whisper {faster_whisper.__version__}, CTranslate2 {ctranslate2.__version__}, "
        f"Whisper base int8, {asr.TRANSCRIBE_OPTIONS}, loops repaired in pieces {asr.CHUNKING}"
    )


# --- Command line -----------------------------------------------------------------------------


def article_files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in (".txt", ".md"))
        elif path.is_file():
            found.append(path)
        else:
            raise SystemExit(f"no such article or folder: {path}")
    if not found:
        raise SystemExit("no articles (*.txt, *.md) found")
    return found


def int_list(text: str) -> list[int]:
    return [int(v) for v in text.split(",") if v.strip()]


def str_list(text: str) -> list[str]:
    return [v.strip() for v in text.split(",") if v.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.intelligibility",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
    )
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("bench/corpus/tune")])
    parser.add_argument(
        "--espeak",
        action="append",
        type=parse_espeak,
        default=[],
        metavar="SETTINGS",
        help="an espeak reading: rate=,gap=,pitch=,voice=,mp3=KBPS,level=DBFS",
    )
    parser.add_argument(
        "--product",
        action="append",
        default=[],
        metavar="OPTIONS",
        help="a product reading with these render options (use --product=...); leading "
        "NAME=VALUE words set settings: --product='pause_sentence=0.6 --rate 115'",
    )
    parser.add_argument(
        "--unmastered",
        action="store_true",
        help="measure each product reading also before mastering (render --wav), as made and "
        "at the mastered level: the same synthesis",
    )
    parser.add_argument(
        "--product-command",
        metavar="CMD",
        help="how to start the product CLI (default: audio-edition beside Python)",
    )
    parser.add_argument(
        "--no-baseline", action="store_true", help="leave out espeak-ng's default reading"
    )
    grid = parser.add_argument_group("grid search over the espeak raw reader")
    grid.add_argument(
        "--grid",
        action="store_true",
        help="rank the readers; with any list below, every combination of the lists "
        "(a list not given stays at espeak's default)",
    )
    grid.add_argument("--rates", type=int_list, metavar="LIST", help="words per minute: 115,145")
    grid.add_argument("--gaps", type=int_list, metavar="LIST", help="word gaps in 10 ms: 0,3,6")
    grid.add_argument("--pitches", type=int_list, metavar="LIST", help="0-100: 35,50,65")
    grid.add_argument("--voices", type=str_list, metavar="LIST", help="de,de+m3,de+f2")
    parser.add_argument(
        "--save", metavar="NAME", help="also write bench/results/NAME.json and NAME.md"
    )
    parser.add_argument(
        "--keep-audio",
        type=Path,
        metavar="DIR",
        help="write every reading as a 16 kHz WAV into DIR, to listen to",
    )
    parser.add_argument(
        "--no-transcript-cache",
        action="store_true",
        help="transcribe again even where the same audio was transcribed before",
    )
    parser.add_argument(
        "--rescore",
        type=Path,
        metavar="JSON",
        help="no synthesis: score the transcripts saved in JSON (by --save) again with the "
        "current comparison rules; the articles are looked up by name in PATHS",
    )
    args = parser.parse_args(argv)

    articles = article_files(args.paths)
    if args.rescore:
        results = rescore(json.loads(args.rescore.read_text())["results"], articles)
        rows = ranking(results) if args.grid else side_by_side(results)
        print(render(rows))
        if args.save:
            RESULTS.mkdir(parents=True, exist_ok=True)
            (RESULTS / f"{args.save}.md").write_text(render(rows, markdown=True) + "\n")
        return 0
    readers: list = []
    if not args.no_baseline:
        readers.append(EspeakRaw())
    axes = (args.voices, args.rates, args.gaps, args.pitches)
    if args.grid and any(axis is not None for axis in axes):
        for name, rate, gap, pitch in itertools.product(
            args.voices or ["de"],
            args.rates or [espeak.DEFAULT_RATE],
            args.gaps or [espeak.DEFAULT_WORDGAP],
            args.pitches or [espeak.DEFAULT_PITCH],
        ):
            voice = espeak.Voice(name=name, rate=rate, wordgap=gap, pitch=pitch)
            if not voice.is_default:  # the default reading is the baseline column
                readers.append(EspeakRaw(voice))
    readers += args.espeak
    command = product_command(args.product_command)
    readers += [Product.parse(spec, command, args.unmastered) for spec in args.product]
    if not readers:
        parser.error("nothing to measure: give a reader or drop --no-baseline")

    cache = TranscriptCache(None if args.no_transcript_cache else TRANSCRIPT_CACHE)
    print(f"{len(articles)} articles x {len(readers)} readers", file=sys.stderr)
    started = time.monotonic()
    results = measure(articles, readers, cache, args.keep_audio)
    rows = ranking(results) if args.grid else side_by_side(results)
    print(render(rows))
    print(f"\n{machine()}; {time.monotonic() - started:.0f} s", file=sys.stderr)

    if args.save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{args.save}.md").write_text(render(rows, markdown=True) + "\n")
        payload = {
            "command": shlex.join(sys.argv),
            "machine": machine(),
            "results": [m.__dict__ for m in results],
        }
        (RESULTS / f"{args.save}.json").write_text(
            json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
        )
    return 1 if any(m.recall is None for m in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
