"""Loudness (ITU-R BS.1770-4, gated) and true peak, measured on samples already in memory.

Both filters run in the frequency domain: one FFT of a piece of the programme serves the
K-weighting and the oversampling, so the meter needs numpy only (scipy's lfilter would be as
fast, but importing scipy costs more than the whole measurement: docs/mastering.md). Long
programmes are measured a piece at a time: by segment (audio/mastering/master.py) or by block
(loudness()).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0
# Gating blocks are 400 ms long and start every 100 ms (75 % overlap).
STEP = 0.1
STEPS_PER_BLOCK = 4
# The offset in BS.1770's loudness formula, so that a 997 Hz sine at 0 dBFS reads -3.01 LUFS.
OFFSET = -0.691
# The K-weighting stages as analogue prototypes (centre frequency Hz, gain dB, Q); turned into
# biquads for any sample rate, they reproduce BS.1770's 48 kHz coefficients.
SHELF = (1681.974450955533, 3.999843853973347, 0.7071752369554196)
HIGH_PASS = (38.13547087602444, 0.5003270373238773)
# The K-weighting response is smooth: evaluated at this many frequencies and interpolated, it
# matches the exact one to well under 0.01 dB, at a fraction of the cost.
RESPONSE_POINTS = 8193
SILENT = 1e-12
OVERSAMPLING = 4
"""The true peak is read at this many times the sample rate (BS.1770-4, Annex 2)."""
# Long signals are filtered in frames of this many 100 ms steps, each with this many steps of
# context on either side, BATCH frames in one transform: the K-weighting's response falls by
# 100 dB within 0.1 s, and the transforms of short frames fit the processor's caches (numpy
# transforms a programme four times faster in frames of 6,000 points than of 500,000:
# docs/mastering.md).
FRAME_STEPS = 5
CONTEXT_STEPS = 1
BATCH = 4


@dataclass(frozen=True)
class Analysis:
    """What mastering needs to know about a programme, from one pass over it."""

    rate: int
    samples: np.ndarray
    """The programme as measured: through the all-pass filter, if one was given."""
    weighted: np.ndarray
    """The K-weighted samples."""
    peaks: np.ndarray
    """The true peak (full scale 1) within each block of `block` samples: block_peaks()."""
    block: int = 1
    resampled: np.ndarray | None = None
    """`samples` at the rate analyse() was asked to resample to, if any."""

    @property
    def loudness(self) -> float:
        return gated_loudness(step_powers(self.weighted, self.rate))

    @property
    def true_peak(self) -> float:
        return to_db(float(self.peaks.max(initial=0.0)))


def analyse(
    samples: np.ndarray,
    rate: int,
    allpass: Callable[[np.ndarray], np.ndarray] | None = None,
    to: int | None = None,
    block: int = 1,
) -> Analysis:
    """K-weighting and the true peak of every `block` samples of mono `samples` (floats, full
    scale 1), filtered as one piece with silence after it: the caller cuts long programmes into
    segments or frames (analysed_blocks).

    `allpass` maps frequencies (Hz) to a phase response: the piece is measured, and returned,
    as that filter changes it. With `to`, the piece is also returned resampled to that rate.
    """
    frames = np.asarray(samples, np.float32)[None, :]
    size = fft_size(len(samples) + round(rate * STEP * CONTEXT_STEPS), rate, to)
    return _analysed(_Frames(frames, 0, size, rate), allpass, to, block)


def _analysed(
    frames: _Frames,
    allpass: Callable[[np.ndarray], np.ndarray] | None,
    to: int | None,
    block: int,
) -> Analysis:
    """analyse() for the inner parts of `frames`, one after the other."""
    rate = frames.rate
    spectrum = frames.spectrum()
    if allpass is not None:
        spectrum *= frames.response(allpass)
        samples = frames.back(spectrum)
    else:
        samples = frames.inner()
    resampled = None
    if to is not None and to not in (rate, 2 * rate):
        resampled = frames.back(spectrum, to)
    weighted = frames.back(spectrum * frames.response(_k_weighting(rate)))
    # BS.1770-4, Annex 2: the true peak is read at four times the sample rate. Here the waveform
    # a quarter, a half and three quarters of a sample later comes from a linear phase shift of
    # the spectrum: an ideal interpolation, where the standard's FIR filter droops.
    later = [
        frames.back(spectrum * frames.response(_later(rate, step / OVERSAMPLING)))
        for step in range(1, OVERSAMPLING)
    ]
    del spectrum
    if to == rate:
        resampled = samples
    elif to == 2 * rate:
        resampled = _interleaved(samples, later[OVERSAMPLING // 2 - 1])
    count = len(samples)
    oversampled = np.empty(OVERSAMPLING * count, np.float32)
    oversampled[0::OVERSAMPLING] = samples
    for step, shifted in enumerate(later, 1):
        oversampled[step::OVERSAMPLING] = shifted
    del later
    np.abs(oversampled, out=oversampled)
    peaks = block_peaks(oversampled, OVERSAMPLING * block)
    return Analysis(rate, samples, weighted, peaks, block, resampled)


def block_peaks(oversampled: np.ndarray, width: int) -> np.ndarray:
    """The true peak in each run of `width` points of a waveform's magnitude read at
    OVERSAMPLING times its rate: the run's largest point, raised where it is a crest to the
    vertex of the parabola through it and its two neighbours. Read 4x, a waveform's crest can
    fall between the points and read up to 0.69 dB low (a tone at half the sample rate); the
    parabola leaves less than 0.07 dB of that (docs/mastering.md)."""
    count = len(oversampled)
    whole, rest = divmod(count, width)
    at = np.empty(whole + bool(rest), np.intp)
    at[:whole] = oversampled[: whole * width].reshape(whole, width).argmax(axis=1)
    at[:whole] += np.arange(0, whole * width, width)
    if rest:
        at[whole] = whole * width + int(oversampled[whole * width :].argmax())
    top = oversampled[at].astype(np.float64)
    before = oversampled[np.maximum(at - 1, 0)].astype(np.float64)
    after = oversampled[np.minimum(at + 1, count - 1)].astype(np.float64)
    bend = before + after - 2 * top
    crest = (bend < 0) & (before <= top) & (after <= top) & (at > 0) & (at < count - 1)
    slope = before - after
    rise = np.zeros(len(at))
    rise[crest] = slope[crest] ** 2 / (-8 * bend[crest])
    return (top + rise).astype(np.float32)


def analysed_blocks(
    samples: np.ndarray,
    rate: int,
    allpass: Callable[[np.ndarray], np.ndarray] | None = None,
    to: int | None = None,
    block: int = 1,
) -> Iterator[Analysis]:
    """analyse() a batch of frames at a time (overlap-save): each frame is filtered with
    CONTEXT_STEPS of the signal on either side, in which the filters' responses have died away,
    so the frames join up to what filtering the whole would give while no full-length spectrum
    is held. The pieces yielded are whole 100 ms steps long, but the last; `block` must divide
    a step."""
    for frames, valid in _framed(samples, rate, to):
        piece = _analysed(frames, allpass, to, block)
        resampled = piece.resampled
        if resampled is not None and to is not None:
            resampled = resampled[: _at(valid, rate, to)]
        yield Analysis(
            rate,
            piece.samples[:valid],
            piece.weighted[:valid],
            piece.peaks[: -(-valid // block)],
            block,
            resampled,
        )


@dataclass(frozen=True)
class _Frames:
    """Frames of a signal, each `context` samples on either side of its inner part, transformed
    together in `size` points."""

    frames: np.ndarray
    """Rows of samples."""
    context: int
    size: int
    rate: int

    def spectrum(self) -> np.ndarray:
        return _spectrum(self.frames, self.size)

    def response(self, response: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        return _sampled(response, self.size, self.rate)

    def inner(self) -> np.ndarray:
        """The frames' inner parts, one after the other."""
        return self.frames[:, self.context : self.frames.shape[1] - self.context].ravel()

    def back(self, spectrum: np.ndarray, to: int | None = None) -> np.ndarray:
        """The inner parts of the frames whose spectrum this is (at rate `to`, else their own),
        one after the other. To another rate, the spectrum is padded with zeros (or cut short,
        to lower it)."""
        rate, to = self.rate, to or self.rate
        width = self.frames.shape[1]
        frames = np.fft.irfft(spectrum, self.size * to // rate, axis=-1)
        inner = frames[:, _at(self.context, rate, to) : _at(width - self.context, rate, to)]
        return inner.ravel() * np.float32(to / rate) if to != rate else inner.ravel()


def _framed(samples: np.ndarray, rate: int, to: int | None) -> Iterator[tuple[_Frames, int]]:
    """`samples` in batches of frames FRAME_STEPS long with CONTEXT_STEPS of context on either
    side (silence beyond the ends), and how many of each batch's inner samples are `samples`'."""
    hop = round(rate * STEP)
    inner, context = hop * FRAME_STEPS, hop * CONTEXT_STEPS
    count = len(samples)
    size = fft_size(inner + 2 * context, rate, to)
    for first in range(0, count, inner * BATCH):
        last = min(count, first + inner * BATCH)
        rows = -(-(last - first) // inner)
        piece = np.zeros(rows * inner + 2 * context, np.float32)
        low = max(0, first - context)
        high = min(count, first + rows * inner + context)
        piece[low - first + context : high - first + context] = samples[low:high]
        frames = np.lib.stride_tricks.sliding_window_view(piece, inner + 2 * context)[::inner]
        yield _Frames(frames, context, size, rate), last - first


@dataclass(frozen=True)
class Reading:
    """A programme measured as published."""

    powers: np.ndarray
    """The K-weighted power of each whole 100 ms step."""
    true_peak: float
    """dBTP."""

    @property
    def loudness(self) -> float:
        return gated_loudness(self.powers)


def reading(samples: np.ndarray, rate: int) -> Reading:
    """The steps' K-weighted powers and the true peak of mono `samples`, a block at a time: the
    meter for what a build publishes, the decoded MP3. Each step's true peak is its crest read
    as analyse() reads it."""
    powers, peak = [np.zeros(0)], 0.0
    hop = round(rate * STEP)
    for piece in analysed_blocks(samples, rate, block=hop):
        powers.append(step_powers(piece.weighted, rate))
        peak = max(peak, float(piece.peaks.max(initial=0.0)))
    return Reading(np.concatenate(powers), to_db(peak))


def filtered_blocks(
    samples: np.ndarray,
    rate: int,
    response: Callable[[np.ndarray], np.ndarray],
    to: int | None = None,
) -> Iterator[np.ndarray]:
    """`samples` through the filter whose response `response` gives at frequencies in Hz, and
    resampled to `to` if given, a batch of frames at a time as in analysed_blocks() (to twice
    the rate, sample for sample as analysed_blocks() resamples)."""
    out = to or rate
    for frames, valid in _framed(samples, rate, to):
        spectrum = frames.spectrum()
        spectrum *= frames.response(response)
        if out == 2 * rate:
            half = frames.back(spectrum * frames.response(_later(rate, 0.5)))
            piece = _interleaved(frames.back(spectrum), half)
        else:
            piece = frames.back(spectrum, out)
        yield piece[: _at(valid, rate, out)]


def _interleaved(samples: np.ndarray, half: np.ndarray) -> np.ndarray:
    """The samples and the waveform half a sample later: the piece at twice the rate."""
    twice = np.empty(2 * len(samples), np.float32)
    twice[0::2], twice[1::2] = samples, half
    return twice


def _spectrum(samples: np.ndarray, size: int) -> np.ndarray:
    """rfft(samples, size) in single precision, along the last axis. numpy's pocketfft
    transforms float32 faster scaled than unscaled (docs/mastering.md): the scaled transform is
    taken and scaled back."""
    spectrum = np.fft.rfft(np.asarray(samples, np.float32), size, axis=-1, norm="forward")
    spectrum *= np.float32(size)
    return spectrum


@functools.lru_cache(maxsize=32)
def _sampled(response: Callable[[np.ndarray], np.ndarray], size: int, rate: int) -> np.ndarray:
    """`response` (of frequencies in Hz) at the bins of a `size`-point spectrum at `rate`. All
    frames of a programme have one size: their responses are computed once."""
    sampled = np.asarray(response(np.arange(size // 2 + 1) * (rate / size)), np.complex64)
    sampled.flags.writeable = False
    return sampled


def _at(count: int, rate: int, to: int) -> int:
    """How many samples at rate `to` the first `count` samples at `rate` become."""
    return -(-count * to // rate)


def loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness of `samples` in LUFS, K-weighted a block at a time."""
    powers = [np.zeros(0)]
    for weighted in filtered_blocks(samples, rate, _k_weighting(rate)):
        powers.append(step_powers(weighted, rate))
    return gated_loudness(np.concatenate(powers))


def step_powers(weighted: np.ndarray, rate: int) -> np.ndarray:
    """Mean square of the K-weighted signal in each 100 ms step (the last partial step dropped)."""
    hop = round(rate * STEP)
    steps = len(weighted) // hop
    block = weighted[: steps * hop].reshape(steps, hop).astype(np.float64)
    return np.einsum("ij,ij->i", block, block) / hop


def gated_loudness(powers: np.ndarray) -> float:
    """BS.1770's integrated loudness from the powers of consecutive 100 ms steps."""
    if len(powers) < STEPS_PER_BLOCK:
        return -math.inf
    total = np.concatenate(([0.0], np.cumsum(powers)))
    blocks = (total[STEPS_PER_BLOCK:] - total[:-STEPS_PER_BLOCK]) / STEPS_PER_BLOCK
    levels = OFFSET + 10 * np.log10(np.maximum(blocks, SILENT))
    kept = blocks[levels > ABSOLUTE_GATE]
    if not len(kept):
        return -math.inf
    relative = OFFSET + 10 * math.log10(kept.mean()) + RELATIVE_GATE
    kept = kept[OFFSET + 10 * np.log10(kept) > relative]
    return OFFSET + 10 * math.log10(kept.mean())


def to_db(amplitude: float) -> float:
    return 20 * math.log10(amplitude) if amplitude > 0 else -math.inf


def from_db(level: float) -> float:
    return 10 ** (level / 20)


@functools.cache
def _k_weighting(rate: int) -> Callable[[np.ndarray], np.ndarray]:
    """The K-weighting filter's frequency response at `rate`, as a function of frequency in Hz
    (0 to rate / 2)."""
    grid = np.linspace(0.0, 0.5, RESPONSE_POINTS)
    z = np.exp(-2j * np.pi * grid)
    response = np.ones_like(z)
    for b, a in _k_biquads(rate):
        response *= (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)

    def at(frequencies: np.ndarray) -> np.ndarray:
        exact = np.empty(len(frequencies), np.complex64)
        exact.real = np.interp(frequencies / rate, grid, response.real)
        exact.imag = np.interp(frequencies / rate, grid, response.imag)
        return exact

    return at


@functools.cache
def _later(rate: int, fraction: float) -> Callable[[np.ndarray], np.ndarray]:
    """The phase shift, as a function of frequency in Hz, that gives the waveform of a signal at
    `rate` a `fraction` of a sample later."""

    def at(frequencies: np.ndarray) -> np.ndarray:
        angle = (2 * np.pi * fraction / rate) * frequencies.astype(np.float32)
        shift = np.empty(len(frequencies), np.complex64)
        shift.real, shift.imag = np.cos(angle), np.sin(angle)
        return shift

    return at


def _k_biquads(rate: int) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    frequency, gain, q = SHELF
    k = math.tan(math.pi * frequency / rate)
    high = 10 ** (gain / 20)
    band = high**0.4996667741545416
    norm = 1 + k / q + k * k
    numerator = (high + band * k / q + k * k, 2 * (k * k - high), high - band * k / q + k * k)
    denominator = (norm, 2 * (k * k - 1), 1 - k / q + k * k)
    shelf = (
        tuple(c / norm for c in numerator),
        tuple(c / norm for c in denominator),
    )
    frequency, q = HIGH_PASS
    k = math.tan(math.pi * frequency / rate)
    norm = 1 + k / q + k * k
    high_pass = ((1.0, -2.0, 1.0), (1.0, 2 * (k * k - 1) / norm, (1 - k / q + k * k) / norm))
    return [shelf, high_pass]


def fft_size(minimum: int, rate: int = 1, to: int | None = None) -> int:
    """The smallest 2·3·5-smooth number at least `minimum`: FFTs of those sizes are fast. With
    `to`, that number times the least unit for which the spectrum also turns into whole samples
    at rate `to` (1 from 22.05 to 44.1 kHz, 80 from 24 to 44.1 kHz)."""
    unit = rate // math.gcd(rate, to) if to else 1
    return unit * _smooth(-(-minimum // unit))


def _smooth(minimum: int) -> int:
    best = 1 << max(minimum - 1, 1).bit_length()
    power5 = 1
    while power5 < best:
        power3 = power5
        while power3 < best:
            size = power3
            while size < minimum:
                size *= 2
            best = min(best, size)
            power3 *= 3
        power5 *= 5
    return best
