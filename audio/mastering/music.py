"""Intro and outro music around the narration: the voice enters as the intro fades under it, the
outro starts as the last sentence ends. Every cue and chapter moves with the voice."""

from __future__ import annotations

import dataclasses
import math
import subprocess
from math import gcd
from pathlib import Path

import numpy as np

from audio.errors import AudioError
from audio.inputs import open_regular
from audio.mastering.loudness import fft_size, from_db, loudness
from audio.voice.ffmpeg import ffmpeg_exe
from audio.voice.pcm import InMemory, Samples
from audio.voice.timeline import Chapter, Cue, Timeline

# Music sits this far below the voice (LU): present, but a bed rather than a song.
LEVEL = -4.0
# The voice enters this long before the intro ends; the intro fades out over FADE.
OVERLAP = 1.0
FADE = 2.0
# The outro fades in over this, from the end of the last sentence.
FADE_IN = 0.3
# Longer music is cut, with a fade, to this.
LONGEST = 20.0
# Seconds of a music file decoded at most: what LONGEST needs after silence at its start, so that
# an hour-long file costs no more than a jingle.
READ = 60.0
# Music quieter than this at either end counts as silence and is cut.
SILENCE_DBFS = -50.0


def add_music(timeline: Timeline, intro: Path | None, outro: Path | None, rate: int) -> Timeline:
    """`timeline` with `intro` before and `outro` after it, at `rate` Hz."""
    if intro is None and outro is None:
        return timeline
    voice = resample(timeline.samples.floats(), timeline.samples.rate, rate)
    level = loudness(voice, rate) + LEVEL
    opening = _music(intro, rate, level) if intro else np.zeros(0, np.float32)
    closing = _music(outro, rate, level) if outro else np.zeros(0, np.float32)
    if len(opening):
        opening *= _fade(len(opening), min(FADE, len(opening) / rate) * rate, out=True)
    if len(closing):
        closing *= _fade(len(closing), min(FADE_IN, len(closing) / rate) * rate, out=False)
    offset = max(0, len(opening) - round(OVERLAP * rate))
    spoken_end = timeline.cues[-1].end if timeline.cues else timeline.duration
    outro_at = offset + round(spoken_end * rate)
    length = max(len(opening), offset + len(voice), outro_at + len(closing))
    mix = np.zeros(length, np.float32)
    mix[: len(opening)] += opening
    mix[offset : offset + len(voice)] += voice
    mix[outro_at : outro_at + len(closing)] += closing
    mix /= max(1.0, float(np.abs(mix).max()))
    # The mix is made whole in memory: the music is mixed into the programme's loudness,
    # measured over the whole narration.
    # In float64: float32 rounds 2**31 - 1 up to 2**31, which a full-scale sample would wrap to
    # the most negative 32-bit value, a full-scale click of the opposite sign.
    full_scale = np.rint(mix.astype(np.float64) * (2**31 - 1))
    samples = InMemory(full_scale.astype("<i4").tobytes(), rate, width=4)
    cuts = tuple(offset + round(cut * rate / timeline.samples.rate) for cut in timeline.cuts)
    return _shifted(timeline, samples, offset / rate, cuts)


def resample(samples: np.ndarray, rate: int, wanted: int) -> np.ndarray:
    """`samples` at `wanted` Hz, band-limited exactly (through the spectrum)."""
    if rate == wanted:
        return samples
    common = gcd(rate, wanted)
    down, up = rate // common, wanted // common
    blocks = math.ceil(fft_size(len(samples) + rate // 10) / down)
    spectrum = np.fft.rfft(samples, blocks * down)
    size = blocks * up
    bins = min(len(spectrum), size // 2 + 1)
    shaped = np.zeros(size // 2 + 1, np.complex64)
    shaped[:bins] = spectrum[:bins]
    out = np.fft.irfft(shaped, size) * (up / down)
    return out[: round(len(samples) * up / down)].astype(np.float32)


def _music(path: Path, rate: int, level: float) -> np.ndarray:
    command = [
        ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-t", str(READ),
        "-i", str(path), "-ac", "1", "-ar", str(rate), "-f", "f32le", "pipe:1",
    ]  # fmt: skip
    try:
        open_regular(path).close()
    except FileNotFoundError:
        raise AudioError(f"{path}: music file not found") from None
    except OSError as error:
        raise AudioError(f"{path}: cannot read this music: {error.strerror}") from None
    done = subprocess.run(command, capture_output=True)
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise AudioError(f"{path}: ffmpeg cannot read this music: {problem[-1] if problem else ''}")
    music = np.frombuffer(done.stdout, "<f4").astype(np.float32)
    loud = np.flatnonzero(np.abs(music) > from_db(SILENCE_DBFS))
    if not len(loud):
        raise AudioError(f"{path}: the music file is silent")
    music = music[loud[0] : loud[-1] + 1]
    if len(music) > LONGEST * rate:
        music = music[: round(LONGEST * rate)]
        music *= _fade(len(music), FADE * rate, out=True)
    measured = loudness(music, rate)
    if math.isfinite(measured):
        music *= np.float32(from_db(level - measured))
    return music


def _fade(length: int, span: float, out: bool) -> np.ndarray:
    """Gains for a cosine fade over the first (in) or last (out) `span` samples."""
    gains = np.ones(length, np.float32)
    count = max(1, min(length, round(span)))
    ramp = (0.5 - 0.5 * np.cos(np.linspace(0, np.pi, count))).astype(np.float32)
    if out:
        gains[length - count :] = ramp[::-1]
    else:
        gains[:count] = ramp
    return gains


def _shifted(
    timeline: Timeline, samples: Samples, offset: float, cuts: tuple[int, ...]
) -> Timeline:
    duration = samples.length / samples.rate
    cues = tuple(Cue(c.start + offset, c.end + offset, c.text) for c in timeline.cues)
    chapters = [
        Chapter(0.0 if i == 0 else c.start + offset, c.end + offset, c.title)
        for i, c in enumerate(timeline.chapters)
    ]
    if chapters:
        chapters[-1] = dataclasses.replace(chapters[-1], end=duration)
    return Timeline(samples, cues, tuple(chapters), cuts)
