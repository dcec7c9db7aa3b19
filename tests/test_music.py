"""Intro and outro music: mixed around the voice, with every cue and chapter moved along."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from audio.errors import AudioError
from audio.mastering.loudness import loudness
from audio.mastering.music import LEVEL, OVERLAP, add_music, resample
from audio.voice.pcm import InMemory
from audio.voice.timeline import Chapter, Cue, Timeline

VOICE_RATE = 22050


def write_wav(path: Path, samples: np.ndarray, rate: int) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        pcm = (np.repeat(samples[:, None], 2, axis=1) * 32767).astype("<i2")
        out.writeframes(pcm.tobytes())
    return path


def sine(frequency: float, seconds: float, rate: int, amplitude: float = 0.5) -> np.ndarray:
    time = np.arange(round(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * frequency * time)).astype(np.float32)


@pytest.fixture
def voice() -> Timeline:
    """Three one-second 'sentences' with pauses, like render.assemble lays them out."""
    pause = np.zeros(VOICE_RATE // 2, np.float32)
    parts = [pause[: VOICE_RATE // 5]]
    cues = []
    for number in range(3):
        start = sum(len(p) for p in parts) / VOICE_RATE
        parts += [sine(200 + 50 * number, 1.0, VOICE_RATE, 0.3), pause]
        cues.append(Cue(start, start + 1.0, f"Satz {number}."))
    data = (np.concatenate(parts) * 32767).astype("<i2").tobytes()
    duration = len(data) / 2 / VOICE_RATE
    chapters = (Chapter(0.0, cues[1].start, "Ansage"), Chapter(cues[1].start, duration, "Text"))
    return Timeline(InMemory(data, VOICE_RATE), tuple(cues), chapters)


def test_intro_and_outro_move_the_voice_and_its_times(voice: Timeline, tmp_path: Path) -> None:
    silence = np.zeros(4410, np.float32)  # 0.1 s at each end of the files, cut off
    intro = write_wav(
        tmp_path / "intro.wav", np.concatenate([silence, sine(440, 6, 44100), silence]), 44100
    )
    outro = write_wav(tmp_path / "outro.wav", np.concatenate([sine(330, 2, 44100), silence]), 44100)
    mixed = add_music(voice, intro, outro, 44100)
    offset = 6.0 - OVERLAP
    assert mixed.audio.frame_rate == 44100
    assert [c.start for c in mixed.cues] == pytest.approx(
        [c.start + offset for c in voice.cues], abs=1e-3
    )
    assert [c.text for c in mixed.cues] == [c.text for c in voice.cues]
    assert mixed.chapters[0].start == 0.0
    assert mixed.chapters[1].start == pytest.approx(voice.chapters[1].start + offset, abs=1e-3)
    # The outro starts where the last sentence ends and plays to its own end.
    assert mixed.duration == pytest.approx(offset + voice.cues[-1].end + 2.0, abs=0.01)
    assert mixed.chapters[-1].end == pytest.approx(mixed.duration, abs=0.01)
    samples = mixed.samples.floats()
    assert np.abs(samples[:441]).max() > 0.01  # music from the first 10 ms: no silence to skip
    music_alone = samples[: round(3.5 * 44100)]
    voice_alone = samples[round((offset + 0.3) * 44100) : round((offset + 1.1) * 44100)]
    level = loudness(music_alone, 44100) - loudness(voice_alone, 44100)
    assert level == pytest.approx(LEVEL, abs=1.5)


def test_music_louder_than_full_scale_is_scaled_without_wrapping(
    voice: Timeline, tmp_path: Path
) -> None:
    """Clicks have little loudness and full-scale peaks: matched to the voice's loudness they
    rise far over full scale, and the mix is scaled back to it. Its loudest click stays a
    positive full-scale sample instead of wrapping round to a negative one."""
    clicks = np.zeros(44100 * 2, np.float32)
    clicks[::4410] = 0.9
    intro = write_wav(tmp_path / "clicks.wav", clicks, 44100)
    samples = add_music(voice, intro, None, 44100).samples.floats()
    assert samples.max() == pytest.approx(1.0, abs=1e-6)
    assert samples.min() > -0.5


def test_without_music_the_timeline_is_untouched(voice: Timeline) -> None:
    assert add_music(voice, None, None, 44100) is voice


def test_unreadable_music_is_named(voice: Timeline, tmp_path: Path) -> None:
    with pytest.raises(AudioError, match=r"absent\.mp3: music file not found"):
        add_music(voice, tmp_path / "absent.mp3", None, 44100)
    (tmp_path / "broken.mp3").write_bytes(b"no audio here")
    with pytest.raises(AudioError, match=r"broken\.mp3: ffmpeg cannot read this music"):
        add_music(voice, None, tmp_path / "broken.mp3", 44100)


def test_resampling_keeps_a_tone_and_its_length() -> None:
    tone = sine(1000, 1.0, 24000)
    out = resample(tone, 24000, 44100)
    assert len(out) == 44100
    spectrum = np.abs(np.fft.rfft(out))
    assert np.argmax(spectrum) == 1000
    assert np.abs(out).max() == pytest.approx(0.5, abs=0.01)
