"""MP3 segments joined under one Info frame: counts, seek table, gapless values, both CRCs."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import numpy as np
import pytest
from mutagen.mp3 import MP3

from audio.errors import AudioError
from audio.ffmpeg import ffmpeg_exe
from audio.mp3join import crc16, crc16_combine, join, layout, read_stream
from tests.ebur128 import decode

RATE = 44100
SEGMENTS = (3.0, 5.0, 2.5)
"""Seconds of each segment: each but the last fed all but 1152 of its samples."""
SPAN = 1152


def table_crc16(data: bytes) -> int:
    """An independent CRC-16 (polynomial 0x8005, reflected): table-driven."""
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    crc = 0
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def tone(seconds: float, frequency: float) -> np.ndarray:
    time = np.arange(round(seconds * RATE)) / RATE
    fade = np.minimum(1.0, np.minimum(time, seconds - time) / 0.2)
    return (0.3 * fade * np.sin(2 * np.pi * frequency * time)).astype(np.float32)


def encode(samples: np.ndarray, path: Path, bitrate: int = 96) -> Path:
    command = [
        ffmpeg_exe(), "-v", "error", "-y", "-f", "f32le", "-ar", str(RATE), "-ac", "1",
        "-i", "pipe:0", "-c:a", "libmp3lame", "-b:a", f"{bitrate}k",
        "-id3v2_version", "0", "-write_id3v1", "0", "-f", "mp3", str(path),
    ]  # fmt: skip
    subprocess.run(command, input=samples.tobytes(), check=True)
    return path


def frames(data: bytes) -> list[int]:
    """Every frame's offset, walking the headers."""
    offsets, at = [], 0
    while at + 4 <= len(data):
        offsets.append(at)
        at += layout(data[at : at + 4]).length
    assert at == len(data)
    return offsets


@pytest.fixture(scope="module")
def joined(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[np.ndarray], int]:
    """Three tone segments, encoded one by one (the inner ones short of 1152 samples, which
    their encoder delay and padding make up for), and joined."""
    folder = tmp_path_factory.mktemp("join")
    pieces = [tone(seconds, 300 + 200 * i) for i, seconds in enumerate(SEGMENTS)]
    fed = [piece[:-SPAN] for piece in pieces[:-1]] + [pieces[-1]]
    streams = [read_stream(encode(piece, folder / f"{i}.mp3")) for i, piece in enumerate(fed)]
    samples = sum(len(piece) for piece in pieces)
    target = folder / "joined.mp3"
    with target.open("wb") as out:
        join(streams, samples, out)
    return target, pieces, samples


def test_the_header_counts_every_frame_and_byte(joined: tuple[Path, list, int]) -> None:
    path, _, _ = joined
    data = path.read_bytes()
    offsets = frames(data)
    info = data[: offsets[1]]
    tag = layout(info).tag
    assert info[tag : tag + 4] == b"Info"
    assert int.from_bytes(info[tag + 8 : tag + 12], "big") == len(offsets) - 1
    assert int.from_bytes(info[tag + 12 : tag + 16], "big") == len(data)
    assert info.count(b"Info") == 1 and data.count(b"Info") == 1  # the inner ones left out


def test_the_file_decodes_to_exactly_the_segments(joined: tuple[Path, list, int]) -> None:
    path, pieces, samples = joined
    decoded, rate = decode(path)
    assert (rate, len(decoded)) == (RATE, samples)
    # Each segment plays where it would in one long stream: its tone's peak in its place.
    start = 0
    for piece in pieces:
        middle = slice(start + len(piece) // 3, start + 2 * len(piece) // 3)
        spectrum = np.abs(np.fft.rfft(decoded[middle]))
        wanted = np.abs(np.fft.rfft(piece[len(piece) // 3 : 2 * len(piece) // 3]))
        assert np.argmax(spectrum) == np.argmax(wanted)
        start += len(piece)
    assert abs(MP3(path).info.length - samples / RATE) < 0.1


def test_gapless_values_and_crcs(joined: tuple[Path, list, int]) -> None:
    path, _, samples = joined
    data = path.read_bytes()
    offsets = frames(data)
    info = data[: offsets[1]]
    lame = layout(info).tag + 120  # "Info", flags, frames, bytes, seek table, quality
    assert info[lame : lame + 4] == b"Lavc"
    field = int.from_bytes(info[lame + 21 : lame + 24], "big")
    delay, padding = field >> 12, field & 0xFFF
    assert delay == 576
    assert (len(offsets) - 1) * 1152 - delay - padding == samples
    assert int.from_bytes(info[lame + 28 : lame + 32], "big") == len(data)
    assert int.from_bytes(info[lame + 32 : lame + 34], "big") == table_crc16(data[offsets[1] :])
    assert int.from_bytes(info[lame + 34 : lame + 36], "big") == table_crc16(info[: lame + 34])


def test_the_seek_table_points_at_the_frames(joined: tuple[Path, list, int]) -> None:
    path, _, _ = joined
    data = path.read_bytes()
    offsets = frames(data)
    tag = layout(data).tag
    table = data[tag + 16 : tag + 116]
    audio = offsets[1:]
    assert table[0] == 0 and list(table) == sorted(table)
    for percent, entry in enumerate(table):
        frame = audio[int(percent * len(audio) / 100)]
        assert abs(entry - 256 * frame / len(data)) <= 1.5


@pytest.mark.parametrize(("seek_table", "within"), [(False, 1), (True, 2 * 1152)])
def test_a_player_seeking_lands_in_time(
    joined: tuple[Path, list, int], seek_table: bool, within: int
) -> None:
    """ffmpeg seeks a CBR file by its bitrate (to the sample), or with -usetoc by the seek
    table, whose 256ths of the file resolve about a frame either way."""
    path, pieces, _ = joined
    whole, _ = decode(path)
    for at in (len(pieces[0]) // 2, len(pieces[0]) + len(pieces[1]) // 2):
        command = [
            ffmpeg_exe(), "-v", "error", "-usetoc", str(int(seek_table)),
            "-ss", f"{at / RATE:.5f}", "-i", str(path), "-t", "0.4", "-f", "f32le", "pipe:1",
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, check=True)
        # Past the first frames, which lack the bit reservoir of the frames before the seek.
        heard = np.frombuffer(done.stdout, "<f4")[4 * 1152 : 4 * 1152 + 8000]
        search = 3 * 1152
        around = whole[at + 4 * 1152 - search : at + 4 * 1152 + search + len(heard)]
        # The lag at which the two differ least (correlation alone would take any period of
        # the tone): |a - b|² = |a|² - 2 a·b + |b|².
        energy = np.convolve(around * around, np.ones(len(heard)), "valid")
        distance = energy - 2 * np.correlate(around, heard, "valid")
        lag = int(np.argmin(distance)) - search
        assert abs(lag) <= within


def test_crc_combination_equals_the_crc_of_the_whole() -> None:
    generator = random.Random(8)
    for length_a, length_b in ((0, 5), (7, 0), (100, 3000), (12345, 777)):
        a = generator.randbytes(length_a)
        b = generator.randbytes(length_b)
        assert crc16_combine(crc16(a), crc16(b), len(b)) == crc16(a + b) == table_crc16(a + b)


def test_a_stream_that_leans_on_a_missing_reservoir_is_refused(
    joined: tuple[Path, list, int], tmp_path: Path
) -> None:
    path, _, _ = joined
    data = bytearray(path.read_bytes())
    offsets = frames(bytes(data))
    first = offsets[1]
    side = first + layout(data[first : first + 4]).side_info
    data[side] |= 0x80  # main_data_begin's top bit: data from 256 bytes back
    broken = tmp_path / "broken.mp3"
    broken.write_bytes(bytes(data))
    with pytest.raises(AudioError, match="bit reservoir"):
        read_stream(broken)
