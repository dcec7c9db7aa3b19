"""Decoding in process (mpg123 through soundfile): every sample where ffmpeg's decoder puts it,
and the delay that audio/mastering/master.py skips to measure a segment."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audio.errors import AudioError
from audio.mastering.decoder import DECODER_DELAY, decoded
from audio.mastering.encoder import ENCODER_DELAY, encoding
from tests.ebur128 import decode


def encoded(samples: np.ndarray, path: Path, rate: int, bitrate: int) -> Path:
    with encoding(path, rate, bitrate) as write:
        write(samples)
    return path


@pytest.mark.parametrize(
    ("rate", "bitrate"), [(44100, 96), (44100, 256), (22050, 64), (48000, 128)]
)
def test_an_impulse_decodes_after_both_delays(rate: int, bitrate: int, tmp_path: Path) -> None:
    impulse = np.zeros(rate, np.float32)
    impulse[5000] = 0.6
    samples = decoded(encoded(impulse, tmp_path / "impulse.tmp", rate, bitrate))
    assert int(np.abs(samples).argmax()) == 5000 + ENCODER_DELAY + DECODER_DELAY


def test_the_samples_are_ffmpegs(tmp_path: Path) -> None:
    """A stream of nothing but frames (no Info frame: ffmpeg skips nothing either)."""
    rng = np.random.default_rng(3)
    noise = (rng.standard_normal(44100) * 0.1).astype(np.float32)
    path = encoded(noise, tmp_path / "noise.mp3", 44100, 96)
    ours = decoded(path)
    theirs, _ = decode(path)
    assert len(ours) == len(theirs)
    np.testing.assert_allclose(ours, theirs, atol=1e-4)


def test_what_is_not_mp3_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "segment.mp3"
    broken.write_bytes(b"not audio at all" * 100)
    with pytest.raises(AudioError, match=r"cannot decode segment\.mp3"):
        decoded(broken)
    with pytest.raises(AudioError, match=r"cannot read absent\.mp3"):
        decoded(tmp_path / "absent.mp3")
