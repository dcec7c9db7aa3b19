"""An independent BS.1770 meter for the tests: ffmpeg's `ebur128` filter, not
audio/mastering/loudness.py."""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import numpy as np

from audio.voice.ffmpeg import ffmpeg_exe


def measure(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of an audio file."""
    return _run(["-i", str(path)], None)


def measure_samples(samples: np.ndarray, rate: int) -> tuple[float, float]:
    """The same for mono float samples."""
    data = np.ascontiguousarray(samples, dtype="<f4").tobytes()
    return _run(["-f", "f32le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"], data)


def decode(path: Path) -> tuple[np.ndarray, int]:
    """Mono float samples of an MP3 as ffmpeg decodes it (encoder delay and padding removed)."""
    done = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "f32le", "-ac", "1", "pipe:1"],
        capture_output=True,
        check=True,
    )
    rate = int(re.search(rb"(\d+) Hz", _probe(path)).group(1))  # type: ignore[union-attr]
    return np.frombuffer(done.stdout, "<f4"), rate


def _probe(path: Path) -> bytes:
    return subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True
    ).stderr


def _run(source: list[str], data: bytes | None) -> tuple[float, float]:
    keys = "ametadata=print:key=lavfi.r128.I,ametadata=print:key=lavfi.r128.true_peak"
    command = [
        ffmpeg_exe(), "-nostats", "-hide_banner", *source,
        "-af", f"ebur128=peak=true:metadata=1,{keys}", "-f", "null", "-",
    ]  # fmt: skip
    done = subprocess.run(command, input=data, capture_output=True, check=True)
    # Tags in the file's header are printed as they are, in whatever encoding they carry.
    output = done.stderr.decode(errors="replace")
    integrated = float(re.findall(r"lavfi\.r128\.I=(-?[\d.]+|-inf)", output)[-1])
    peak = float(re.findall(r"lavfi\.r128\.true_peak=([\d.]+)", output)[-1])
    return integrated, 20 * math.log10(peak) if peak > 0 else -math.inf
