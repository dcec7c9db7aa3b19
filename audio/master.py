"""Timeline → mastered MP3 renditions: integrated loudness on target, true peak under the ceiling.

The programme is measured once in memory (audio/loudness.py). Each rendition then gets its gain
and a true-peak-aware look-ahead limiter, both computed in numpy; because the limiter runs here,
its loudness cost is known exactly and a few secant steps on the gain land on the target without
another pass. One ffmpeg process per rendition only resamples and encodes, and the renditions
encode side by side.
"""

from __future__ import annotations

import contextlib
import math
import subprocess
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audio.errors import AudioError
from audio.ffmpeg import ffmpeg_exe
from audio.loudness import Analysis, analyse, from_db, gated_loudness, pieces, to_db
from audio.publish import flash
from audio.render import Timeline
from audio.settings import Settings

# The limiter's ceiling sits this far below the rendition's true-peak limit: it covers the
# resampler, MP3's own overshoot and what 2x oversampling misses (measured on the seed: at most
# 0.3 dB together).
MARGIN = 0.5
# The phase rotator, as broadcast voice processors use it: below this frequency the group delay
# falls from DELAY (at 0 Hz) to nothing, smearing espeak's sharp pitch pulses over their period.
# Inaudible on speech, it lowers the peak-to-loudness ratio: on the seed the limiter's deepest
# cut for the smart-speaker rendition fell from 15 to 10.5 dB and its gain from 12.4 to 9.6 dB.
ROTATION_BELOW = 1000.0
DELAY = 0.008
# How long before and after a peak the limiter holds its gain down; ramps take about as long.
# Shorter limits pitch pulse by pitch pulse and distorts; longer pumps and costs loudness.
HOLD = 0.0025
# The limiter's gain is computed on blocks of about this length and interpolated in between.
BLOCK = 0.0003
# Samples of the gain curve interpolated at a time.
CURVE_PIECE = 1 << 20
TOLERANCE = 0.05
STEPS = 8
# LAME scales CBR input by its preset's factor (0.95 up to 160 kbit/s): measured with ffmpeg's
# libmp3lame on sine tones at 32–320 kbit/s and 22.05, 24, 44.1 and 48 kHz.
LAME_SCALE = ((160, 0.95), (192, 0.97), (224, 0.98))
# LAME's -q: 7 encodes 40 % faster than ffmpeg's default 5; on the seed its coding noise was
# even lower (SNR 37 against 31 dB at 96 kbit/s) because it skips noise shaping.
ENCODER_QUALITY = 7


@dataclass(frozen=True)
class Rendition:
    kind: str
    """podcast or speaker: the key under which the file is published."""
    loudness: float
    """Integrated loudness target, LUFS."""
    true_peak: float
    """Highest true peak allowed, dBTP."""
    bitrate: int
    """kbit/s, constant."""
    sample_rate: int
    longest: float | None = None
    """Seconds; a longer programme gets no file of this rendition."""

    def fits(self, duration: float) -> bool:
        return self.longest is None or duration <= self.longest


@dataclass(frozen=True)
class Mastered:
    rendition: Rendition
    path: Path
    gain: float
    """dB applied before the limiter."""
    limited: float
    """The limiter's deepest gain reduction, dB."""
    loudness: float
    """Predicted integrated loudness of the decoded MP3, LUFS."""


def podcast_rendition(settings: Settings) -> Rendition:
    return Rendition(
        "podcast", settings.loudness, settings.true_peak, settings.bitrate, settings.sample_rate
    )


def speaker_rendition(settings: Settings) -> Rendition:
    return Rendition(
        "speaker",
        settings.speaker_loudness,
        settings.speaker_true_peak,
        settings.speaker_bitrate,
        settings.sample_rate,
        flash.LONGEST,
    )


def renditions(settings: Settings) -> tuple[Rendition, ...]:
    """The renditions switched on in the settings."""
    chosen = []
    if settings.podcast_rendition:
        chosen.append(podcast_rendition(settings))
    if settings.speaker_rendition:
        chosen.append(speaker_rendition(settings))
    return tuple(chosen)


def samples_of(timeline: Timeline) -> np.ndarray:
    """The timeline's audio as float32 in [-1, 1]."""
    audio = timeline.audio.set_channels(1)
    width = audio.sample_width
    kind = {1: np.int8, 2: np.int16, 4: np.int32}[width]
    raw = np.frombuffer(audio.raw_data, dtype=kind)
    return raw.astype(np.float32) / float(1 << (8 * width - 1))


def master(timeline: Timeline, jobs: Sequence[tuple[Rendition, Path]]) -> list[Mastered]:
    """Write each rendition of `timeline` as a CBR MP3 with a LAME info frame at its path."""
    with mastering(timeline, jobs) as results:
        return results


@contextlib.contextmanager
def mastering(
    timeline: Timeline, jobs: Sequence[tuple[Rendition, Path]]
) -> Iterator[list[Mastered]]:
    """master(), with the encoding going on while the with-block runs: ffmpeg encodes on one
    core while the caller does work of its own on the other. The files are complete once the
    block is left."""
    rate = timeline.audio.frame_rate
    # No name holds the samples as read: the analysis frees them once filtered.
    analysis = analyse(samples_of(timeline), rate, _rotation)
    samples = analysis.samples
    limiter = _Limiter(analysis)
    # The limiter keeps what it needs per block: the full-length K-weighted signal and envelope
    # would otherwise stay alive through the encoding (8 bytes a sample).
    del analysis
    results: list[Mastered] = []
    encoders: list[_Encoder] = []
    try:
        for rendition, path in jobs:
            scale = to_db(_lame_scale(rendition.bitrate))
            # LAME's scaling lowers the loudness, but its coding noise adds back as much peak
            # at low bitrates: only the loudness target allows for it.
            gain, limit, loudness = limiter.settle(
                rendition.loudness - scale, rendition.true_peak - MARGIN
            )
            deepest = -to_db(limit.min() / gain)
            # The gain curve becomes the rendition's samples in place: one full-length array less.
            limit *= samples
            encoders.append(_Encoder(limit, rate, rendition, path))
            results.append(Mastered(rendition, path, to_db(gain), deepest, loudness + scale))
        yield results
    finally:
        for encoder in encoders:
            encoder.wait()


class _Limiter:
    """Gain plus a look-ahead limiter whose gain never lets the true peak over the ceiling.

    Work is done per block of a few samples: the envelope's maximum per block, a sliding minimum
    of the gain each block needs over the hold time (plus one block, so that interpolating
    between blocks stays under the need), then two moving averages that turn the steps into
    smooth ramps. Averaging only values that are each a minimum over a window covering the
    averaged span keeps every block at or under its own need.
    """

    def __init__(self, analysis: Analysis) -> None:
        self.rate = analysis.rate
        self.length = len(analysis.envelope)
        hop = round(self.rate * 0.1)
        self.block = max(d for d in range(1, max(1, round(self.rate * BLOCK)) + 1) if hop % d == 0)
        blocks = -(-self.length // self.block)
        padded = np.zeros(blocks * self.block, np.float32)
        padded[: self.length] = analysis.envelope
        self.peaks = padded.reshape(blocks, self.block).max(axis=1)
        padded[: self.length] = analysis.weighted
        rows = padded.reshape(blocks, self.block)
        # Squared in float64 a piece at a time: all at once would take 16 bytes a sample.
        self.powers = np.empty(blocks)
        for start, stop in pieces(blocks):
            self.powers[start:stop] = (rows[start:stop].astype(np.float64) ** 2).sum(axis=1)
        self.powers /= hop
        self.per_step = hop // self.block
        self.steps = self.length // hop
        self.loudness = gated_loudness(self._step_powers(np.ones(blocks)))
        # Each of the two averages reaches `ramp` blocks to either side; together, about HOLD.
        self.ramp = max(1, round(HOLD * self.rate / self.block / 2))

    def settle(self, target: float, ceiling: float) -> tuple[float, np.ndarray, float]:
        """The gain, the per-sample gain curve, and the loudness they give."""
        if math.isinf(self.loudness):
            ones = np.ones(self.length, np.float32)
            return 1.0, ones, self.loudness
        ceiling_amplitude = from_db(ceiling)
        tried: list[tuple[float, float]] = []
        level = target - self.loudness
        for _ in range(STEPS):
            gains = self._gain(from_db(level), ceiling_amplitude)
            reached = gated_loudness(self._step_powers(gains * gains)) + level
            tried.append((level, reached))
            if abs(reached - target) <= TOLERANCE:
                break
            level = self._next_level(tried, target)
        level, reached = min(tried, key=lambda t: abs(t[1] - target))
        if abs(reached - target) > 10 * TOLERANCE:
            raise AudioError(
                f"cannot reach {target:.1f} LUFS with true peaks under {ceiling:.1f} dBTP: "
                f"the limiter stops at {reached:.1f} LUFS"
            )
        gain = from_db(level)
        blocks = self._gain(gain, ceiling_amplitude)
        centres = np.arange(len(blocks)) * self.block + (self.block - 1) / 2
        # Interpolated a piece at a time: at once, the sample index (int64) and the result
        # (float64) would take 16 bytes a sample beside the curve's 4.
        curve = np.empty(self.length, np.float32)
        for start in range(0, self.length, CURVE_PIECE):
            stop = min(start + CURVE_PIECE, self.length)
            curve[start:stop] = np.interp(np.arange(start, stop), centres, blocks)
        curve *= np.float32(gain)
        return gain, curve, reached

    def _gain(self, gain: float, ceiling: float) -> np.ndarray:
        need = np.minimum(1.0, ceiling / np.maximum(gain * self.peaks, 1e-12))
        if need.min() >= 1.0:
            return need
        held = _sliding_min(need, 2 * self.ramp + 1)
        return _moving_average(_moving_average(held, self.ramp), self.ramp)

    def _step_powers(self, gain_squared: np.ndarray) -> np.ndarray:
        weighted = self.powers * gain_squared
        usable = self.steps * self.per_step
        return weighted[:usable].reshape(self.steps, self.per_step).sum(axis=1)

    @staticmethod
    def _next_level(tried: list[tuple[float, float]], target: float) -> float:
        level, reached = tried[-1]
        if len(tried) == 1:
            return level + target - reached
        before, reached_before = tried[-2]
        slope = (reached - reached_before) / (level - before) if level != before else 1.0
        # Limiting only ever takes loudness away: at least 0.1 LU per dB keeps the step finite.
        return level + (target - reached) / max(slope, 0.1)


def _rotation(frequencies: np.ndarray) -> np.ndarray:
    """All-pass response whose group delay falls linearly from DELAY at 0 Hz to 0 at the top."""
    below = np.minimum(frequencies, ROTATION_BELOW).astype(np.float32)
    phase = np.float32(-2 * np.pi * DELAY) * (below - below * below / (2 * ROTATION_BELOW))
    response = np.empty(len(frequencies), np.complex64)
    response.real, response.imag = np.cos(phase), np.sin(phase)
    return response


def _sliding_min(values: np.ndarray, radius: int) -> np.ndarray:
    """The minimum over [i - radius, i + radius] for every i (van Herk / Gil-Werman)."""
    width = 2 * radius + 1
    count = len(values)
    total = -(-(count + 2 * radius) // width) * width
    padded = np.ones(total, values.dtype)
    padded[radius : radius + count] = values
    rows = padded.reshape(-1, width)
    ahead = np.minimum.accumulate(rows, axis=1).ravel()
    behind = np.minimum.accumulate(rows[:, ::-1], axis=1)[:, ::-1].ravel()
    return np.minimum(behind[:count], ahead[width - 1 : width - 1 + count])


def _moving_average(values: np.ndarray, radius: int) -> np.ndarray:
    """The mean over [i - radius, i + radius], the ends repeated outward.

    Repeating the ends keeps the limiter's promise: an end value is the minimum over a window
    that reaches as far inward as the average does.
    """
    padded = np.pad(values, radius + 1, mode="edge")
    sums = np.cumsum(padded, dtype=np.float64)
    width = 2 * radius + 1
    return (sums[width:] - sums[:-width])[: len(values)] / width


def _lame_scale(bitrate: int) -> float:
    return next((scale for top, scale in LAME_SCALE if bitrate <= top), 1.0)


class _Encoder:
    """One ffmpeg process: float samples in on a pipe, resampled, CBR MP3 out to `path`."""

    def __init__(self, samples: np.ndarray, rate: int, rendition: Rendition, path: Path) -> None:
        self.path = path
        command = [
            ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "f32le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
            "-ar", str(rendition.sample_rate), "-ac", "1",
            "-c:a", "libmp3lame", "-b:a", f"{rendition.bitrate}k",
            "-compression_level", str(ENCODER_QUALITY),
            # mutagen writes the tags; ffmpeg writes only the LAME info frame.
            "-id3v2_version", "0", "-write_id3v1", "0", "-map_metadata", "-1",
            "-f", "mp3", str(path),
        ]  # fmt: skip
        try:
            self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as error:
            raise AudioError(f"cannot start ffmpeg for {path.name}: {error}") from error
        data = np.ascontiguousarray(samples, dtype="<f4")
        self.feeder = threading.Thread(target=self._feed, args=(data,), daemon=True)
        self.feeder.start()

    def _feed(self, data: np.ndarray) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(memoryview(data).cast("B"))
            self.process.stdin.close()
        except BrokenPipeError:
            pass  # ffmpeg stopped early; wait() reports why

    def wait(self) -> None:
        self.feeder.join()
        assert self.process.stderr is not None
        errors = self.process.stderr.read().decode("utf-8", "replace").strip()
        if self.process.wait() != 0:
            raise AudioError(f"ffmpeg could not encode {self.path.name}: {errors}")
