"""Gain plus a look-ahead limiter whose gain never lets the true peak over the ceiling.

The limiter works per segment (audio/voice/cutting.py) on blocks of a few samples, from what the
analysis of each segment left: the true peak (read 4x oversampled, audio/mastering/loudness.py)
and the K-weighted signal's power per block. For a gain it computes a sliding minimum of the gain
each block needs over the hold time (plus one block, so that interpolating between blocks stays
under the need), then two moving averages that turn the steps into smooth ramps. Averaging only
values that are each a minimum over a window covering the averaged span keeps every block at or
under its own need. Because the limiter is computed here, its loudness cost is known exactly, and
a few secant steps on the gain land on the target loudness without another pass.

Segments begin and end in long pauses, where the limiter does nothing, so computing it per segment
gives what computing it over the whole programme would.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from audio.errors import AudioError
from audio.mastering.loudness import STEP, Analysis, from_db, gated_loudness

# How long before and after a peak the limiter holds its gain down; ramps take about as long.
# Shorter limits pitch pulse by pitch pulse and distorts; longer pumps and costs loudness.
HOLD = 0.0025
# The limiter's gain is computed on blocks of about this length and interpolated in between.
BLOCK = 0.0003
TOLERANCE = 0.05
STEPS = 8


@dataclass(frozen=True)
class Levels:
    """What the limiter keeps of one segment's analysis: 6 bytes per block of a few samples
    (a 50-minute programme at 22.05 kHz holds 9.4 million blocks)."""

    length: int
    """Samples."""
    peaks: np.ndarray
    """The true peak in each block (float16, rounded up)."""
    shares: np.ndarray
    """Each block's share of the K-weighted power of its 100 ms step (float16)."""
    powers: np.ndarray
    """The K-weighted power of each whole 100 ms step (the last partial step dropped: segments
    end in silence)."""


class Limiter:
    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.hop = round(rate * STEP)
        self.block = max(d for d in range(1, max(1, round(rate * BLOCK)) + 1) if self.hop % d == 0)
        self.per_step = self.hop // self.block
        # Each of the two averages reaches `ramp` blocks to either side; together, about HOLD.
        self.ramp = max(1, round(HOLD * rate / self.block / 2))

    def levels(self, pieces: Iterable[Analysis]) -> Levels:
        """The limiter's figures of a segment analysed in `pieces` (loudness.analysed_blocks with
        this limiter's `block`: each but the last a whole number of steps long)."""
        peaks, powers, length = [], [], 0
        for piece in pieces:
            count = len(piece.weighted)
            blocks = -(-count // self.block)
            padded = np.zeros(blocks * self.block, np.float32)
            padded[:count] = piece.weighted
            rows = padded.reshape(blocks, self.block)
            powers.append(np.einsum("ij,ij->i", rows, rows))
            peaks.append(piece.peaks)
            length += count
        block_peaks = np.concatenate(peaks) if peaks else np.zeros(0, np.float32)
        rounded = block_peaks.astype(np.float16)
        low = rounded < block_peaks
        rounded[low] = np.nextafter(rounded[low], np.float16(np.inf))
        block_powers = np.concatenate(powers) if powers else np.zeros(0, np.float32)
        steps = length // self.hop
        whole = block_powers[: steps * self.per_step].reshape(steps, self.per_step)
        step_powers = whole.sum(axis=1, dtype=np.float64)
        shares = np.zeros(len(block_powers), np.float16)
        with np.errstate(divide="ignore", invalid="ignore"):
            shares[: steps * self.per_step] = np.nan_to_num(whole / step_powers[:, None]).ravel()
        return Levels(length, rounded, shares, step_powers / self.hop)

    def gains(self, levels: Levels, gain: float, ceiling: float) -> np.ndarray:
        """Per block, the limiter's gain (at most 1) under `gain` (amplitude) and `ceiling`."""
        need = np.minimum(1.0, ceiling / np.maximum(gain * levels.peaks.astype(np.float64), 1e-12))
        limited = np.flatnonzero(need < 1.0)
        if not len(limited):
            return need
        # Speech needs the limiter in few of its blocks (docs/mastering.md), and a block's gain
        # depends only on the blocks within `reach`: the ramps are computed on the blocks near a
        # limited one alone. A block within `reach` of a limited one has every block of its own
        # reach within 2 × `reach` of it, kept and in order, so it comes out as over the whole
        # segment.
        reach = 4 * self.ramp + 2
        wide = _within(limited, 2 * reach, len(need))
        near = _within(limited, reach, len(need))[wide]
        held = _sliding_min(need[wide], 2 * self.ramp + 1)
        ramps = _moving_average(_moving_average(held, self.ramp), self.ramp)
        gains = np.ones(len(need))
        gains[np.flatnonzero(wide)[near]] = ramps[near]
        return gains

    def steps(self, levels: Levels, gains: np.ndarray, gain: float) -> np.ndarray:
        """The segment's power per 100 ms step after `gain` and the limiter's `gains`."""
        usable = len(levels.powers) * self.per_step
        # Where the limiter does nothing a step keeps all of its shares: only the blocks it
        # turns down change the sum.
        shares = levels.shares[:usable]
        kept = shares.reshape(len(levels.powers), self.per_step).sum(axis=1, dtype=np.float64)
        lowered = np.flatnonzero(gains[:usable] < 1.0)
        loss = shares[lowered] * (1.0 - gains[lowered] ** 2)
        kept -= np.bincount(lowered // self.per_step, loss, len(levels.powers))
        return levels.powers * kept * (gain * gain)

    def loudness(self, segments: Sequence[Levels], gain: float, ceiling: float) -> float:
        """Integrated loudness of the programme after gain and limiter, LUFS."""
        powers = [self.steps(s, self.gains(s, gain, ceiling), gain) for s in segments]
        return gated_loudness(np.concatenate(powers) if powers else np.zeros(0))

    def settle(
        self, segments: Sequence[Levels], target: float, ceiling: float
    ) -> tuple[float, float]:
        """The gain (dB) that brings the programme to `target` LUFS with its true peaks limited
        to `ceiling` dBTP, and the loudness it reaches."""
        unlimited = self.loudness(segments, 1.0, math.inf)
        if math.isinf(unlimited):
            return 0.0, unlimited
        ceiling_amplitude = from_db(ceiling)
        tried: list[tuple[float, float]] = []
        level = target - unlimited
        for _ in range(STEPS):
            reached = self.loudness(segments, from_db(level), ceiling_amplitude)
            tried.append((level, reached))
            if abs(reached - target) <= TOLERANCE:
                break
            level = _next_level(tried, target)
        level, reached = min(tried, key=lambda t: abs(t[1] - target))
        if abs(reached - target) > 10 * TOLERANCE:
            raise AudioError(
                f"cannot reach {target:.1f} LUFS with true peaks under {ceiling:.1f} dBTP: "
                f"the limiter stops at {reached:.1f} LUFS"
            )
        return level, reached

    def applied(
        self, samples: np.ndarray, gains: np.ndarray, gain: float, start: int, rate: int = 0
    ) -> np.ndarray:
        """`samples` (a segment's at `rate`, by default the limiter's own, from its sample `start`
        on) times `gain` and the limiter's `gains`, interpolated between block centres."""
        rate = rate or self.rate
        scaled = samples * np.float32(gain)
        # Only samples beside a lowered block's centre are turned down: the others keep `gain`.
        first = max(0, start * self.rate // (self.block * rate) - 1)
        last = min(len(gains), -(-(start + len(samples)) * self.rate // (self.block * rate)) + 1)
        lowered = np.flatnonzero(gains[first:last] < 1.0)
        if not len(lowered):
            return scaled
        # (np.unique would import numpy.ma in the middle of the encoding: docs/mastering.md.)
        near = np.flatnonzero(_within(lowered, 1, last - first)) + first
        # The samples at `rate` within each of those blocks, whose bounds need not fall on them.
        bounds = -(-np.stack((near, near + 1)) * (self.block * rate) // self.rate)
        counts = bounds[1] - bounds[0]
        at = np.arange(counts.sum()) + np.repeat(bounds[0] - np.cumsum(counts) + counts, counts)
        at = at[(at >= start) & (at < start + len(samples))]
        low, high = max(0, near[0] - 1), min(len(gains), near[-1] + 2)
        centres = np.arange(low, high) * self.block + (self.block - 1) / 2
        curve = np.interp(at * (self.rate / rate), centres, gains[low:high]).astype(np.float32)
        curve *= np.float32(gain)
        scaled[at - start] = samples[at - start] * curve
        return scaled


def _next_level(tried: list[tuple[float, float]], target: float) -> float:
    level, reached = tried[-1]
    if len(tried) == 1:
        return level + target - reached
    before, reached_before = tried[-2]
    slope = (reached - reached_before) / (level - before) if level != before else 1.0
    # Limiting only ever takes loudness away: at least 0.1 LU per dB keeps the step finite.
    return level + (target - reached) / max(slope, 0.1)


def _within(indices: np.ndarray, radius: int, length: int) -> np.ndarray:
    """Which of `length` blocks lie within `radius` of any of the sorted `indices`."""
    starts = np.bincount(np.maximum(indices - radius, 0), minlength=length + 1)
    stops = np.bincount(np.minimum(indices + radius + 1, length), minlength=length + 1)
    return np.cumsum(starts - stops)[:length] > 0


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
