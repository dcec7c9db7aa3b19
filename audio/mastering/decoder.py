"""MP3 → samples as a player hears them, to measure what a build publishes: mpg123's decoder,
through libsndfile in the soundfile wheel, in this process (an ffmpeg process per segment would
cost more than the decoding).

The stream is decoded whole, nothing skipped: the samples come DECODER_DELAY late, behind the
encoder's own delay (audio/mastering/encoder.py).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from audio.errors import AudioError

DECODER_DELAY = 529
"""Samples by which the decoder's output lags the stream: an impulse fed to LAME at sample 5000
decodes at 6105, 5000 + ENCODER_DELAY + 529, as in ffmpeg (tests/test_decoder.py)."""


def decoded(path: Path) -> np.ndarray:
    """The mono float samples (full scale 1) of an MP3 file or stream of audio frames."""
    import soundfile

    try:
        # From memory: libsndfile goes by a file's name, and a stream in the making ends in .tmp.
        samples, _ = soundfile.read(io.BytesIO(path.read_bytes()), dtype="float32")
    except OSError as error:
        raise AudioError(f"cannot read {path.name}: {error.strerror or error}") from error
    except RuntimeError as error:  # soundfile's LibsndfileError
        raise AudioError(f"cannot decode {path.name}: {error}") from error
    return samples if samples.ndim == 1 else samples.mean(axis=1, dtype=np.float32)
