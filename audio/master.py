"""Timeline audio → the published MP3: mono, 44.1 kHz, constant bitrate."""

from __future__ import annotations

from pathlib import Path

from audio.errors import AudioError
from audio.ffmpeg import AudioSegment


def encode_mp3(audio: AudioSegment, target: Path, bitrate: int, sample_rate: int) -> None:
    """Write `audio` as CBR MP3 at `target` (a fresh path; callers rename it into place)."""
    try:
        audio.export(
            target,
            format="mp3",
            codec="libmp3lame",
            bitrate=f"{bitrate}k",
            parameters=["-ac", "1", "-ar", str(sample_rate)],
        ).close()
    except Exception as error:  # pydub raises CouldntEncodeError or OSError from ffmpeg
        raise AudioError(f"ffmpeg could not encode {target.name}: {error}") from error
