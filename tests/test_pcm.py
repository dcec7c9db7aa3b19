"""The programme's samples in memory or in a file: the same samples back, a range at a time."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from audio.voice.ffmpeg import AudioSegment
from audio.voice.pcm import InFile, InMemory

RATE = 22050


def pieces() -> list[bytes]:
    rng = np.random.default_rng(3)
    return [rng.integers(-30000, 30000, size, dtype=np.int16).tobytes() for size in (7, 1000, 333)]


@pytest.fixture(params=["memory", "file"])
def stored(request: pytest.FixtureRequest, tmp_path: Path) -> InMemory | InFile:
    samples = InMemory(b"", RATE) if request.param == "memory" else InFile(tmp_path / "p", RATE)
    for piece in pieces():
        samples.append(piece)
    return samples


def test_ranges_read_back_as_appended(stored: InMemory | InFile) -> None:
    whole = np.frombuffer(b"".join(pieces()), np.int16)
    assert stored.length == 1340 and stored.duration == round(1340 / RATE, 3)
    assert np.array_equal(stored.read(), whole)
    assert np.array_equal(stored.read(5, 1010), whole[5:1010])
    assert stored.raw(1300, 5000) == whole[1300:].tobytes()  # cut at the end
    assert np.array_equal(stored.floats(0, 7), whole[:7] / np.float32(32768))
    assert stored.audio().raw_data == whole.tobytes()


def test_the_file_holds_the_samples_not_the_process(tmp_path: Path) -> None:
    samples = InFile(tmp_path / "narration.pcm", RATE)
    for piece in pieces():
        samples.append(piece)
    assert (tmp_path / "narration.pcm").read_bytes() == b"".join(pieces())


def test_wav_is_what_pydub_writes(stored: InMemory | InFile, tmp_path: Path) -> None:
    stored.write_wav(tmp_path / "out.wav")
    expected = io.BytesIO()
    audio = AudioSegment(data=b"".join(pieces()), sample_width=2, frame_rate=RATE, channels=1)
    audio.export(expected, format="wav")
    assert (tmp_path / "out.wav").read_bytes() == expected.getvalue()


def test_wider_samples_keep_their_width() -> None:
    values = np.array([-(2**31), 2**31 - 1, 5], "<i4")
    samples = InMemory(values.tobytes(), 44100, width=4)
    assert samples.length == 3 and samples.read().tolist() == values.tolist()
    assert samples.floats().tolist() == pytest.approx([-1.0, 1.0, 5 / 2**31])
