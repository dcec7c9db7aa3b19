"""The in-memory BS.1770 meter against ffmpeg's ebur128 filter, on tones and on real speech."""

from __future__ import annotations

import math

import numpy as np
import pytest

from audio.edition.stages import narrate
from audio.mastering.loudness import analyse, loudness
from audio.settings import Settings
from audio.text.readers import read_article
from audio.voice.engines import open_engine
from tests.conftest import SEED
from tests.ebur128 import measure_samples
from tests.signals import tone

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("rate", [22050, 44100, 48000])
@pytest.mark.parametrize(
    ("frequency", "amplitude"), [(100, 0.5), (997, 0.5), (3000, 0.25), (8000, 0.7)]
)
def test_tone_loudness_matches_ffmpeg(rate: int, frequency: float, amplitude: float) -> None:
    samples = tone(frequency, amplitude, rate)
    reference, _ = measure_samples(samples, rate)
    assert loudness(samples, rate) == pytest.approx(reference, abs=0.1)


def test_full_scale_997_hz_reads_minus_3_lufs() -> None:
    # BS.1770's calibration: a 0 dBFS sine at 997 Hz is -3.01 LUFS.
    assert loudness(tone(997, 1.0, 48000, 10), 48000) == pytest.approx(-3.01, abs=0.02)


def test_true_peak_finds_the_peak_between_samples() -> None:
    rate = 44100
    # A quarter of the sample rate, phase-shifted: every sample misses the crest by 3 dB.
    time = np.arange(rate) / rate
    samples = (0.5 * np.sin(2 * np.pi * rate / 4 * time + np.pi / 4)).astype(np.float32)
    samples[:100] = samples[-100:] = 0
    analysis = analyse(samples, rate)
    assert 20 * math.log10(np.abs(samples).max()) == pytest.approx(-9.03, abs=0.05)
    assert analysis.true_peak == pytest.approx(-6.02, abs=0.1)


@pytest.mark.parametrize(
    ("frequency", "phase"),
    [
        # A quarter of 44.1 kHz: a period is 16 points read 4x; this phase puts every crest
        # midway between two of them, where 4x alone reads 0.17 dB low.
        (11025, math.pi / 4 + math.pi / 16),
        # A third of 44.1 kHz: 12 points a period, every crest midway: 4x alone 0.30 dB low.
        (14700, math.pi / 2 + math.pi / 12),
        (11000, 0.3),
        (14650, 0.3),
    ],
)
def test_true_peak_of_high_tones_is_exact_within_two_hundredths(
    frequency: float, phase: float
) -> None:
    """The crest of a tone lies between the points 4x oversampling reads; the meter finds it,
    as closely as ffmpeg's meter does (which reads at 192 kHz, so its points drift along the
    tone's period)."""
    rate, amplitude = 44100, 0.5
    samples = tone(frequency, amplitude, rate, 2.0, phase)
    exact = 20 * math.log10(amplitude)
    measured = analyse(samples, rate).true_peak
    assert measured == pytest.approx(exact, abs=0.02)
    assert measured == pytest.approx(measure_samples(samples, rate)[1], abs=0.05)


def test_gates_leave_out_silence_and_quiet_passages() -> None:
    rate = 48000
    loud = tone(997, 0.5, rate, 10)
    quiet = tone(997, 0.005, rate, 10)  # 40 dB down: under the relative gate
    silence = np.zeros(rate * 10, np.float32)
    alone = loudness(loud, rate)
    # Ungated, the quiet third and the silent third would take 4.8 LU off; the gates keep only
    # the 400 ms blocks that straddle the loud tone's fade.
    mixed = np.concatenate([loud, quiet, silence])
    assert loudness(mixed, rate) == pytest.approx(alone, abs=0.1)
    assert loudness(mixed, rate) == pytest.approx(measure_samples(mixed, rate)[0], abs=0.1)
    assert loudness(silence, rate) == -math.inf


def test_speech_loudness_matches_ffmpeg() -> None:
    settings = Settings(engine="espeak")
    timeline = narrate(read_article(SEED), settings, open_engine("espeak", settings))
    samples, rate = timeline.samples.floats(), timeline.samples.rate
    reference, _ = measure_samples(samples, rate)
    assert loudness(samples, rate) == pytest.approx(reference, abs=0.1)
    assert -25 < reference < -17  # espeak-ng's raw level, as NOTES.md says


def test_analysis_keeps_the_samples_when_no_filter_is_given() -> None:
    samples = tone(440, 0.5, 22050, 1)
    kept = analyse(samples, 22050).samples
    assert np.shares_memory(kept, samples) and np.array_equal(kept, samples)
