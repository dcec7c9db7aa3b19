"""The programme's samples, in memory or in a file, read back a range at a time.

A long article's narration is more than its build may hold at once (87 minutes of 16-bit PCM at
22.05 kHz are 230 MB, and issue 8 bounds the whole build at 400 MB): audio/voice/narration.py
appends each narrated segment to a file, and audio/mastering/master.py reads one segment back at a
time. Reads go through ordinary file reads into fresh arrays, not a memory map, whose touched pages
would count into the process's resident memory until it is unmapped.
"""

from __future__ import annotations

import wave
from abc import ABC, abstractmethod
from pathlib import Path

import numpy as np

from audio.voice.ffmpeg import AudioSegment

KINDS = {1: np.int8, 2: np.int16, 4: np.int32}
CHUNK = 1 << 20
"""Samples copied at a time when the whole programme is written out."""


class Samples(ABC):
    """Mono integer samples at `rate` Hz, `width` bytes each, little-endian."""

    def __init__(self, rate: int, width: int) -> None:
        self.rate = rate
        self.width = width
        self.kind = np.dtype(KINDS[width]).newbyteorder("<")

    @property
    @abstractmethod
    def length(self) -> int:
        """Samples."""

    @property
    def duration(self) -> float:
        """Seconds, to the millisecond (as pydub measures an AudioSegment)."""
        return round(1000 * self.length / self.rate) / 1000

    @abstractmethod
    def read(self, start: int = 0, stop: int | None = None) -> np.ndarray:
        """Samples [start, stop) as integers (a new array, or a view of bytes held anyway)."""

    @abstractmethod
    def append(self, data: bytes) -> None:
        """Samples added at the end."""

    def raw(self, start: int = 0, stop: int | None = None) -> bytes:
        return self.read(start, stop).tobytes()

    def floats(self, start: int = 0, stop: int | None = None) -> np.ndarray:
        """Samples [start, stop) as float32 in [-1, 1]."""
        scale = np.float32(1 / (1 << (8 * self.width - 1)))
        return self.read(start, stop).astype(np.float32) * scale

    def audio(self) -> AudioSegment:
        """The whole programme as one AudioSegment: for short programmes and tests only."""
        return AudioSegment(
            data=self.raw(), sample_width=self.width, frame_rate=self.rate, channels=1
        )

    def write_wav(self, path: Path) -> None:
        """The whole programme as a WAV file, a chunk at a time."""
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(self.width)
            out.setframerate(self.rate)
            for start in range(0, self.length, CHUNK):
                out.writeframes(self.raw(start, min(start + CHUNK, self.length)))

    def _span(self, start: int, stop: int | None) -> tuple[int, int]:
        stop = self.length if stop is None else min(stop, self.length)
        start = max(0, min(start, stop))
        return start, stop


class InMemory(Samples):
    def __init__(self, data: bytes | bytearray, rate: int, width: int = 2) -> None:
        super().__init__(rate, width)
        self.data = data

    @property
    def length(self) -> int:
        return len(self.data) // self.width

    def read(self, start: int = 0, stop: int | None = None) -> np.ndarray:
        start, stop = self._span(start, stop)
        return np.frombuffer(self.data, self.kind, stop - start, start * self.width)

    def append(self, data: bytes) -> None:
        if not isinstance(self.data, bytearray):
            self.data = bytearray(self.data)
        # Large buffers grow in place (mremap), without a second copy.
        self.data += data


class InFile(Samples):
    """Samples appended to a file, which belongs to the caller (a temporary directory)."""

    def __init__(self, path: Path, rate: int, width: int = 2) -> None:
        super().__init__(rate, width)
        self.path = path
        self.path.write_bytes(b"")
        self._length = 0

    @property
    def length(self) -> int:
        return self._length

    def append(self, data: bytes) -> None:
        with self.path.open("ab") as out:
            out.write(data)
        self._length += len(data) // self.width

    def read(self, start: int = 0, stop: int | None = None) -> np.ndarray:
        start, stop = self._span(start, stop)
        with self.path.open("rb") as source:
            return np.fromfile(source, self.kind, stop - start, offset=start * self.width)


def audio_entry(audio: AudioSegment) -> tuple[bytes, dict[str, int]]:
    """An AudioSegment as a cache entry (audio/cache.py): its samples, and what they are."""
    shape = {"rate": audio.frame_rate, "width": audio.sample_width, "channels": audio.channels}
    return audio.raw_data, shape


def entry_audio(payload: bytes, shape: dict[str, int]) -> AudioSegment:
    """The AudioSegment `audio_entry` stored."""
    return AudioSegment(
        data=payload,
        sample_width=shape["width"],
        frame_rate=shape["rate"],
        channels=shape["channels"],
    )
