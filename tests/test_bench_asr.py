"""The bench's listener (bench/asr.py): where it cuts the audio and how it repairs Whisper's
repetition loops. No model is loaded: decoding is replaced where a test needs it."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import asr

RATE = asr.ASR_SAMPLE_RATE


def speech(*parts: tuple[str, float]) -> np.ndarray:
    """("tone", seconds) and ("pause", seconds) pieces joined: a 200 Hz tone stands in for words."""
    pieces = []
    for kind, seconds in parts:
        t = np.arange(round(seconds * RATE)) / RATE
        pieces.append(0.3 * np.sin(2 * np.pi * 200 * t) if kind == "tone" else 0 * t)
    return np.concatenate(pieces).astype(np.float32)


def test_pauses_are_the_silent_runs_long_enough_to_cut_in() -> None:
    audio = speech(("tone", 1.0), ("pause", 0.5), ("tone", 1.0), ("pause", 0.05), ("tone", 1.0))
    (pause,) = asr.pauses(audio)
    assert pause == pytest.approx((1.0, 1.5), abs=0.011)


def test_chunks_fit_one_window_and_are_cut_at_the_longest_pause() -> None:
    # 2 s of "words", 0.2 s apart; after the 7th word (15.2 s in) a sentence pause of 0.8 s,
    # cut in its middle.
    parts: list[tuple[str, float]] = []
    for index in range(25):
        parts += [("tone", 2.0), ("pause", 0.8 if index == 6 else 0.2)]
    audio = speech(*parts)
    pieces = asr.chunks(audio)
    assert pieces[0] == pytest.approx((0.0, 15.6), abs=0.011)
    assert all(end - start <= asr.CHUNKING["max_chunk_s"] for start, end in pieces)
    assert [start for start, _end in pieces[1:]] == [end for _start, end in pieces[:-1]]
    assert pieces[-1][1] == pytest.approx(len(audio) / RATE)


def test_a_loop_is_six_equal_words_in_a_row() -> None:
    assert asr.looped("Der Bund E. E. E. E. E. E.")
    assert not asr.looped("E. E. E. E. E. und so weiter")


def test_repair_hears_only_the_looped_stretch_again(monkeypatch: pytest.MonkeyPatch) -> None:
    heard: list[float] = []

    def decode(piece: np.ndarray) -> str:
        heard.append(len(piece) / RATE)
        return "neu gehört"

    monkeypatch.setattr(asr, "_decode", decode)
    audio = speech(("tone", 4.0), ("pause", 0.6), ("tone", 10.0), ("pause", 0.6), ("tone", 4.0))
    segments = [
        (0.0, 4.2, "Erster Satz."),
        (4.8, 14.6, "so so so so so so so"),
        (15.4, 19.2, "Letzter Satz."),
    ]
    assert asr.repair(audio, segments) == "Erster Satz. neu gehört Letzter Satz."
    # From the middle of the pause before the looped segment to the middle of the one after it.
    assert heard == [pytest.approx(14.9 - 4.3, abs=0.02)]


def test_repair_leaves_a_clean_transcript_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asr, "_decode", lambda piece: pytest.fail("decoded again"))
    audio = speech(("tone", 2.0))
    assert asr.repair(audio, [(0.0, 1.0, " Ein Satz. "), (1.0, 2.0, "Noch einer.")]) == (
        "Ein Satz. Noch einer."
    )
