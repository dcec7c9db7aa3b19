"""PCM → CBR MP3 frames: LAME in this process, through the lameenc wheel.

LAME runs in the calling thread and lets go of the GIL while it encodes, so segments encode side
by side on a thread pool. It is handed samples already at the MP3's rate: its own resampler is
never used. What comes out is raw audio frames only: no Info frame, no LAME tag, no ID3;
audio/mastering/mp3join.py writes the one Info frame the joined file needs.

The join relies on these facts about the streams, measured at 16, 22.05, 24, 32, 44.1 and 48 kHz
with the decoder of ffmpeg, which skips nothing in a stream without an Info frame
(tests/test_encoder.py checks them again):
- n samples fed become ceil((n + 1152) / S) frames of S samples (1152 from 32 kHz up, 576 below),
  n = 0 included: ENCODER_DELAY samples of delay before the first sample, at least 576 of padding
  after the last;
- the delay is ENCODER_DELAY: an impulse fed at sample 5000 decodes at 6105, which is
  5000 + 576 + the decoder's own 529;
- the first frame's main_data_begin is 0: it draws nothing from a bit reservoir, so a stream's
  frames can follow another's.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import lameenc
import numpy as np

from audio.errors import AudioError
from audio.mastering.mp3format import MP3_BITRATES

# LAME's -q: 7 encodes faster than ffmpeg's default 5 with no more coding noise, since it skips
# noise shaping (the figures: docs/mastering.md).
ENCODER_QUALITY = 7
ENCODER_DELAY = 576
"""Samples of silence LAME puts before the first sample fed."""
LAME_VERSION = b"LAME4.0 "
"""The LAME the lameenc 1.9 wheels are built from (a 4.0 development version), named as that
build names itself for its own LAME tag (the string is in the wheel's library)."""
_FULL_SCALE = 32768


@functools.cache
def encoder_identity() -> str:
    """The encoder build a cached segment was made by, as its library file's path, size and
    time of change: another build may encode differently. (Asking importlib.metadata for the
    version would add its import to every build: docs/mastering.md.)"""
    status = os.stat(lameenc.__file__)
    return f"{lameenc.__file__}:{status.st_size}:{status.st_mtime_ns}"


@contextlib.contextmanager
def encoding(path: Path, rate: int, bitrate: int) -> Iterator[Callable[[np.ndarray], None]]:
    """Encode mono float samples (full scale 1) at `rate` Hz into a CBR MP3 stream of `bitrate`
    kbit/s at the same rate, written to `path` as it comes. The function yielded takes the
    samples, a block at a time; once the with-block is left normally, `path` holds every frame."""
    # LAME quietly takes the nearest bitrate it has: an unknown one must not get that far.
    if bitrate not in MP3_BITRATES.get(rate, ()):
        raise AudioError(f"cannot encode {path.name}: no MP3 has {bitrate} kbit/s at {rate} Hz")
    encoder = lameenc.Encoder()
    with _reported(path):
        encoder.set_channels(1)
        encoder.set_in_sample_rate(rate)
        encoder.set_out_sample_rate(rate)
        encoder.set_bit_rate(bitrate)
        encoder.set_quality(ENCODER_QUALITY)
        encoder.silence()
        # The first call sets LAME up: a setting it refuses shows now, not halfway through.
        encoder.encode(b"")
        file = path.open("wb")
    with file:

        def write(samples: np.ndarray) -> None:
            scaled = np.multiply(samples, _FULL_SCALE, dtype=np.float32)
            np.rint(scaled, out=scaled)
            np.clip(scaled, -_FULL_SCALE, _FULL_SCALE - 1, out=scaled)
            pcm = scaled.astype("<i2").tobytes()
            with _reported(path):
                file.write(encoder.encode(pcm))

        yield write
        with _reported(path):
            file.write(encoder.flush())


@contextlib.contextmanager
def _reported(path: Path) -> Iterator[None]:
    """lameenc's errors (RuntimeError is all it raises) and the file's, as AudioErrors."""
    try:
        yield
    except RuntimeError as error:
        raise AudioError(f"LAME cannot encode {path.name}: {error}") from error
    except OSError as error:
        raise AudioError(f"cannot write {path.name}: {error.strerror or error}") from error
