"""LAME in process: mono CBR frames at the rate fed, and the frame counts, delay and clean first
frame that audio/mastering/mp3join.py relies on."""

from __future__ import annotations

import math
from pathlib import Path

import lameenc
import numpy as np
import pytest

from audio.errors import AudioError
from audio.mastering.encoder import ENCODER_DELAY, encoder_identity, encoding
from audio.mastering.mp3join import layout
from tests.ebur128 import decode

RATES = (16000, 22050, 24000, 32000, 44100, 48000)


def encode(samples: np.ndarray, path: Path, rate: int, bitrate: int = 64) -> bytes:
    with encoding(path, rate, bitrate) as write:
        write(samples)
    return path.read_bytes()


def headers(data: bytes) -> list[bytes]:
    """Every frame's header, walking them from the start."""
    found, at = [], 0
    while at < len(data):
        found.append(data[at : at + 4])
        at += layout(data[at : at + 4]).length
    assert at == len(data)
    return found


@pytest.mark.parametrize("rate", RATES)
def test_n_samples_become_ceil_n_plus_1152_over_s_frames(rate: int, tmp_path: Path) -> None:
    span = 1152 if rate >= 32000 else 576
    noise = np.random.default_rng(rate).standard_normal(3 * rate).astype(np.float32) * 0.1
    for n in (0, 1, 575, 576, 1152, 1153, 5000, 44100):
        data = encode(noise[:n], tmp_path / "noise.mp3", rate)
        assert len(headers(data)) == math.ceil((n + 1152) / span), n


@pytest.mark.parametrize("rate", RATES)
def test_frames_are_mono_cbr_at_the_rate_fed(rate: int, tmp_path: Path) -> None:
    bitrate = 64
    noise = np.random.default_rng(1).standard_normal(rate).astype(np.float32) * 0.1
    data = encode(noise, tmp_path / "noise.mp3", rate, bitrate)
    found = headers(data)
    assert {(layout(h).rate, layout(h).bitrate, layout(h).mono) for h in found} == {
        (rate, bitrate, True)
    }
    # The headers differ in the padding bit at most.
    assert len({header[:2] + bytes([header[2] & 0xFD]) + header[3:] for header in found}) == 1


@pytest.mark.parametrize("rate", RATES)
def test_the_first_frame_draws_on_no_reservoir_and_the_delay_is_576(
    rate: int, tmp_path: Path
) -> None:
    impulse = np.zeros(20000, np.float32)
    impulse[5000] = 0.6
    data = encode(impulse, tmp_path / "impulse.mp3", rate)
    first = layout(data)
    side = int.from_bytes(data[first.side_info : first.side_info + 2], "big")
    assert (side >> 7 if first.mpeg1 else side >> 8) == 0  # main_data_begin
    # ffmpeg skips nothing in a stream without an Info frame, but its decoder lags 529 samples.
    decoded, decoded_rate = decode(tmp_path / "impulse.mp3")
    assert decoded_rate == rate
    assert len(decoded) == len(headers(data)) * first.samples
    assert int(np.argmax(np.abs(decoded))) == 5000 + ENCODER_DELAY + 529


def test_samples_past_full_scale_are_clipped_not_wrapped(tmp_path: Path) -> None:
    rate = 44100
    time = np.arange(rate) / rate
    loud = (2.0 * np.sin(2 * np.pi * 200 * time)).astype(np.float32)
    encode(loud, tmp_path / "loud.mp3", rate, 128)
    decoded, _ = decode(tmp_path / "loud.mp3")
    heard = decoded[ENCODER_DELAY + 529 :][: rate - 2000][1000:]
    wanted = np.clip(loud, -1, 1)[: rate - 2000][1000:]
    assert np.corrcoef(heard, wanted)[0, 1] > 0.99
    assert np.abs(heard).max() < 1.1


def test_frames_reach_the_file_as_they_are_encoded(tmp_path: Path) -> None:
    path = tmp_path / "long.mp3"
    with encoding(path, 22050, 32) as write:
        write(np.zeros(22050 * 10, np.float32))
        assert path.stat().st_size > 30_000
    assert len(headers(path.read_bytes())) == math.ceil((22050 * 10 + 1152) / 576)


@pytest.mark.parametrize(("rate", "bitrate"), [(12345, 64), (44100, 33), (22050, 320)])
def test_an_impossible_rate_or_bitrate_names_the_file(
    rate: int, bitrate: int, tmp_path: Path
) -> None:
    with pytest.raises(AudioError, match=rf"segment-7\.mp3.*{bitrate} kbit/s at {rate} Hz"):
        encode(np.zeros(100, np.float32), tmp_path / "segment-7.mp3", rate, bitrate)
    assert not (tmp_path / "segment-7.mp3").exists()


def test_an_unwritable_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match=r"cannot write segment\.mp3"):
        encode(np.zeros(100, np.float32), tmp_path / "missing" / "segment.mp3", 44100)


def test_the_identity_changes_with_the_encoder_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert lameenc.__file__ in encoder_identity()
    identities = []
    path = tmp_path / "lameenc.so"
    monkeypatch.setattr(lameenc, "__file__", str(path))
    for library in (b"one build", b"another build"):  # installed over it, in the same place
        path.write_bytes(library)
        encoder_identity.cache_clear()
        identities.append(encoder_identity())
    encoder_identity.cache_clear()
    assert identities[0] != identities[1]
