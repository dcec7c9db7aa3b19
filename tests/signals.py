"""Test signals made here: sine tones with known true peaks, and bright music for the beds.

The music is what stresses a true-peak limiter: sawtooth chords with harmonics up to 20 kHz,
hi-hat noise above 7 kHz and bell partials at a quarter and a third of 44.1 kHz, where the
waveform's peaks fall furthest between the samples.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

MUSIC_RATE = 48000
BEAT = 0.5
"""Seconds: 120 beats a minute."""


def tone(
    frequency: float, amplitude: float, rate: int, seconds: float = 4.0, phase: float = 0.3
) -> np.ndarray:
    """A sine with 50 ms fades, so that no edge adds peaks of its own."""
    time = np.arange(round(seconds * rate)) / rate
    fade = np.minimum(1.0, np.minimum(time, seconds - time) / 0.05)
    return (amplitude * fade * np.sin(2 * np.pi * frequency * time + phase)).astype(np.float32)


def bright_music(seconds: float, seed: int = 0, rate: int = MUSIC_RATE) -> np.ndarray:
    """Stereo float samples (frames × 2) of bright synthetic music, sample peak 0.9."""
    rng = np.random.default_rng(seed)
    time = np.arange(round(seconds * rate)) / rate
    chord = sum(_sawtooth(f, time, rate) for f in (220.0, 277.18, 329.63, 440.0))
    music = 0.1 * chord / 4 * (0.6 + 0.4 * np.cos(2 * np.pi * time / (4 * BEAT)))
    hi_hat = _hi_hat(rng, time, rate)
    music = music + 0.3 * _strikes(hi_hat, time, BEAT / 2, 0.04)
    music = music + _strikes(hi_hat, time + BEAT / 4, BEAT, 0.003)  # claps between the beats
    bell = np.sin(2 * np.pi * 11025 * time + 1.0) + 0.8 * np.sin(2 * np.pi * 14700 * time + 2.0)
    music = music + 0.15 * _strikes(bell, time, BEAT, 0.05)
    stereo = np.stack((music, np.roll(music, 7)), axis=1)
    return (0.9 * stereo / np.abs(stereo).max()).astype(np.float32)


def write_wav(path: Path, frames: np.ndarray, rate: int = MUSIC_RATE) -> Path:
    """16-bit PCM; `frames` is samples × channels, full scale 1."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(frames.shape[1])
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((np.clip(frames, -1, 1) * 32767).astype("<i2").tobytes())
    return path


def _sawtooth(frequency: float, time: np.ndarray, rate: int) -> np.ndarray:
    """Band-limited: every harmonic up to 20 kHz (and below the Nyquist frequency), as 1/k."""
    top = min(20000.0, rate / 2 - 100)
    harmonics = range(1, int(top // frequency) + 1)
    return sum(np.sin(2 * np.pi * k * frequency * time) / k for k in harmonics)


def _hi_hat(rng: np.random.Generator, time: np.ndarray, rate: int) -> np.ndarray:
    """White noise with everything under 7 kHz taken out."""
    spectrum = np.fft.rfft(rng.standard_normal(len(time)))
    spectrum[: round(7000 * len(time) / rate)] = 0
    noise = np.fft.irfft(spectrum, len(time))
    return noise / np.abs(noise).max()


def _strikes(sound: np.ndarray, time: np.ndarray, every: float, decay: float) -> np.ndarray:
    """`sound` struck every `every` seconds, each strike dying away with time constant `decay`."""
    return sound * np.exp(-(time % every) / decay)
