"""The limiter's shortcuts (work only near limited blocks) against the whole computation."""

from __future__ import annotations

import numpy as np
import pytest

from audio.mastering.limiter import Levels, Limiter, _moving_average, _sliding_min

RATE = 22050


def levels_with(peaks: np.ndarray, limiter: Limiter) -> Levels:
    steps = len(peaks) // limiter.per_step
    shares = np.full(len(peaks), 1 / limiter.per_step, np.float16)
    return Levels(len(peaks) * limiter.block, peaks.astype(np.float16), shares, np.ones(steps))


@pytest.mark.parametrize("seed", range(20))
def test_gains_near_limited_blocks_are_those_of_the_whole_segment(seed: int) -> None:
    limiter = Limiter(RATE)
    rng = np.random.default_rng(seed)
    peaks = rng.uniform(0.05, 0.3, int(rng.integers(500, 20_000)))
    loud = rng.integers(0, len(peaks), int(rng.integers(1, 40)))
    peaks[loud] = rng.uniform(0.6, 1.0, len(loud))
    levels = levels_with(peaks, limiter)
    gain, ceiling = 1.5, 0.8
    need = np.minimum(1.0, ceiling / (gain * levels.peaks.astype(np.float64)))
    ramp = limiter.ramp
    whole = _moving_average(_moving_average(_sliding_min(need, 2 * ramp + 1), ramp), ramp)
    gains = limiter.gains(levels, gain, ceiling)
    assert gains.min() < 1.0
    np.testing.assert_allclose(gains, whole, rtol=0, atol=1e-9)
    # Every block stays at or under what its own peak needs.
    assert np.all(gains <= need + 1e-9)


def test_steps_lose_only_what_the_lowered_blocks_lose() -> None:
    limiter = Limiter(RATE)
    rng = np.random.default_rng(7)
    peaks = rng.uniform(0.05, 0.3, 40 * limiter.per_step)
    peaks[[5, 300, 301, 2000]] = 1.0
    levels = levels_with(peaks, limiter)
    gains = limiter.gains(levels, 2.0, 0.8)
    steps = limiter.steps(levels, gains, 2.0)
    shares = levels.shares.astype(np.float64).reshape(len(levels.powers), -1)
    kept = (shares * gains.reshape(len(levels.powers), -1) ** 2).sum(axis=1)
    np.testing.assert_allclose(steps, levels.powers * kept * 4.0, rtol=1e-9)
    assert steps[0] < 4.0 and steps[20] == pytest.approx(4.0, rel=1e-3)


@pytest.mark.parametrize("seed", range(50))
@pytest.mark.parametrize("rate", [RATE, 2 * RATE, 44100, 16000])
def test_applied_is_the_gain_curve_interpolated_between_block_centres(seed: int, rate: int) -> None:
    """At the limiter's rate or at the MP3's, which the analysis resampled the segment to."""
    limiter = Limiter(RATE)
    rng = np.random.default_rng(seed)
    blocks = int(rng.integers(5, 3000))
    gains = np.ones(blocks)
    lowered = rng.integers(0, blocks, int(rng.integers(0, 20)))
    gains[lowered] = rng.uniform(0.3, 0.99, len(lowered))
    gain = float(rng.uniform(0.5, 4.0))
    length = -(-blocks * limiter.block * rate // RATE)
    start = int(rng.integers(0, length))
    stop = int(rng.integers(start + 1, length + 1))
    samples = rng.standard_normal(stop - start).astype(np.float32)
    centres = np.arange(blocks) * limiter.block + (limiter.block - 1) / 2
    curve = np.interp(np.arange(start, stop) * (RATE / rate), centres, gains)
    curve = curve.astype(np.float32) * np.float32(gain)
    applied = limiter.applied(samples, gains, gain, start, rate)
    assert applied.dtype == np.float32
    np.testing.assert_array_equal(applied, samples * curve)
