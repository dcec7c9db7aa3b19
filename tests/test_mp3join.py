"""MP3 segments joined behind one Info frame: counts, seek table, gapless values, both CRCs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from fastcrc import crc16
from mutagen.mp3 import MP3, BitrateMode

from audio.errors import AudioError
from audio.mastering.encoder import encoding
from audio.mastering.mp3join import join, known_stream, layout, read_stream
from audio.voice.ffmpeg import ffmpeg_exe
from tests.ebur128 import decode

RATE = 44100
SPAN = 1152
"""Samples of encoder delay and least padding: what each segment but the last is not fed."""
LENGTHS = (100_000, 190 * 1152, 110_250)
"""Samples of each segment: the first off the frame grid (silence before it makes whole
frames), the inner one on it, the last any length."""
LEAD = -LENGTHS[0] % 1152


def bitwise_crc16(data: bytes) -> int:
    """CRC-16/ARC a bit at a time, as the specification words it: polynomial 0x8005,
    reflected (0xA001), starting at 0."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def programme() -> np.ndarray:
    """Two tones of unrelated periods, with a pause where each segment but the last ends: the
    encoder delay and padding of the joined streams stand in for it."""
    time = np.arange(sum(LENGTHS)) / RATE
    signal = 0.2 * np.sin(2 * np.pi * 331 * time) + 0.1 * np.sin(2 * np.pi * 507 * time)
    end = 0
    for length in LENGTHS[:-1]:
        end += length
        signal[end - SPAN : end] = 0
    return signal.astype(np.float32)


def encode(samples: np.ndarray, path: Path, rate: int = RATE, bitrate: int = 96) -> Path:
    with encoding(path, rate, bitrate) as write:
        write(samples)
    return path


def frames(data: bytes) -> list[int]:
    """Every frame's offset, walking the headers."""
    offsets, at = [], 0
    while at + 4 <= len(data):
        offsets.append(at)
        at += layout(data[at : at + 4]).length
    assert at == len(data)
    return offsets


def fields(data: bytes) -> tuple[bytes, int]:
    """The Info frame and where its LAME tag starts."""
    info = data[: layout(data).length]
    return info, layout(info).tag + 120  # "Info", flags, frames, bytes, seek table, quality


@pytest.fixture(scope="module")
def joined(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, np.ndarray]:
    """The programme in three segments, each encoded on its own as audio/mastering/master.py feeds
    them, and joined."""
    folder = tmp_path_factory.mktemp("join")
    signal = programme()
    streams, start = [], 0
    for index, length in enumerate(LENGTHS):
        fed = signal[start : start + length]
        if index < len(LENGTHS) - 1:
            fed = fed[:-SPAN]
        if index == 0:
            fed = np.concatenate([np.zeros(LEAD, np.float32), fed])
        streams.append(read_stream(encode(fed, folder / f"{index}.mp3")))
        start += length
    target = folder / "joined.mp3"
    with target.open("wb") as out:
        join(streams, len(signal), out, lead=LEAD)
    return target, signal


def test_the_info_frame_counts_every_frame_and_byte(joined: tuple[Path, np.ndarray]) -> None:
    path, _ = joined
    data = path.read_bytes()
    offsets = frames(data)
    info, _ = fields(data)
    tag = layout(info).tag
    assert info[tag : tag + 8] == b"Info\0\0\0\x0f"  # frames, bytes, seek table, quality
    assert int.from_bytes(info[tag + 8 : tag + 12], "big") == len(offsets) - 1
    assert int.from_bytes(info[tag + 12 : tag + 16], "big") == len(data)
    assert int.from_bytes(info[tag + 116 : tag + 120], "big") == 100 - 10 * 4 - 7
    assert data.count(b"Info") == 1
    # The audio frames' format, without padding or CRC, and nothing else in the frame.
    audio = data[offsets[1] : offsets[1] + 4]
    assert info[:2] == audio[:2] and info[3] == audio[3]
    assert info[2] == audio[2] & 0xFD
    assert info[4:tag] == bytes(tag - 4)


def test_the_file_decodes_to_exactly_the_programme_gaplessly(
    joined: tuple[Path, np.ndarray],
) -> None:
    path, signal = joined
    decoded, rate = decode(path)
    assert (rate, len(decoded)) == (RATE, len(signal))
    # Each segment plays to the sample where it lies in the programme: the two tones repeat
    # every 133 and 87 samples, so within ±60 samples the best match is the right place only.
    start = 0
    for length in LENGTHS:
        for at in (start + 2000, start + length // 2):
            heard = decoded[at : at + 4000]
            search = 60
            around = signal[at - search : at + search + len(heard)]
            lag = int(np.argmax(np.correlate(around, heard, "valid"))) - search
            assert lag == 0, (start, at)
        start += length
    # And throughout, but for LAME's coding noise and its CBR scaling (0.95 up to 160 kbit/s).
    gain = float(np.dot(decoded, signal) / np.dot(signal, signal))
    noise = decoded - gain * signal
    assert gain == pytest.approx(0.95, abs=0.01)
    assert 10 * np.log10(np.dot(signal, signal) / np.dot(noise, noise)) > 25


def test_gapless_values_and_crcs(joined: tuple[Path, np.ndarray]) -> None:
    path, signal = joined
    data = path.read_bytes()
    offsets = frames(data)
    info, lame = fields(data)
    assert info[lame : lame + 9] == b"LAME4.0 \0"
    assert info[lame + 9] == 0x01  # revision 0, CBR
    assert info[lame + 20] == 96  # kbit/s
    field = int.from_bytes(info[lame + 21 : lame + 24], "big")
    delay, padding = field >> 12, field & 0xFFF
    assert delay == 576 + LEAD
    assert (len(offsets) - 1) * 1152 - delay - padding == len(signal)
    assert info[lame + 24] == 1 << 6  # 44.1 kHz fed to LAME, mono
    assert int.from_bytes(info[lame + 28 : lame + 32], "big") == len(data)
    music = data[offsets[1] :]
    assert int.from_bytes(info[lame + 32 : lame + 34], "big") == crc16.arc(music)
    assert crc16.arc(music[:5000]) == bitwise_crc16(music[:5000])
    tag_crc = int.from_bytes(info[lame + 34 : lame + 36], "big")
    assert tag_crc == bitwise_crc16(info[: lame + 34]) == crc16.arc(info[: lame + 34])


def test_mutagen_reads_a_cbr_file_with_a_lame_tag(joined: tuple[Path, np.ndarray]) -> None:
    path, signal = joined
    info = MP3(path).info
    assert info.bitrate_mode == BitrateMode.CBR
    assert info.encoder_info == "LAME 4.0.0"
    assert info.encoder_settings == "-b 96"
    assert (info.sample_rate, info.channels, info.bitrate) == (RATE, 1, 96000)
    assert info.length == pytest.approx(len(signal) / RATE, abs=1e-9)


def test_the_seek_table_points_at_the_frames(joined: tuple[Path, np.ndarray]) -> None:
    path, _ = joined
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
    joined: tuple[Path, np.ndarray], seek_table: bool, within: int
) -> None:
    """ffmpeg seeks a CBR file by its bitrate (to the sample), or with -usetoc by the seek
    table, whose 256ths of the file resolve about a frame either way."""
    path, _ = joined
    whole, _ = decode(path)
    for at in (LENGTHS[0] // 2, LENGTHS[0] + LENGTHS[1] // 2):
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
        # the tones): |a - b|² = |a|² - 2 a·b + |b|².
        energy = np.convolve(around * around, np.ones(len(heard)), "valid")
        distance = energy - 2 * np.correlate(around, heard, "valid")
        lag = int(np.argmin(distance)) - search
        assert abs(lag) <= within


@pytest.mark.parametrize(("rate", "bitrate", "info_bitrate"), [(48000, 32, 64), (22050, 24, 56)])
def test_at_a_low_bitrate_the_info_frame_grows_to_hold_the_tag(
    tmp_path: Path, rate: int, bitrate: int, info_bitrate: int
) -> None:
    time = np.arange(rate) / rate
    tone = (0.3 * np.sin(2 * np.pi * 440 * time)).astype(np.float32)
    stream = read_stream(encode(tone, tmp_path / "low.mp3", rate, bitrate))
    target = tmp_path / "joined.mp3"
    with target.open("wb") as out:
        join([stream], len(tone), out)
    data = target.read_bytes()
    assert layout(data).bitrate == info_bitrate
    assert len(data) == layout(data).length + stream.size
    decoded, _ = decode(target)
    assert len(decoded) == len(tone)
    assert MP3(target).info.bitrate == bitrate * 1000


def test_streams_of_another_bitrate_are_not_joined(tmp_path: Path) -> None:
    silence = np.zeros(RATE, np.float32)
    streams = [read_stream(encode(silence, tmp_path / f"{b}.mp3", bitrate=b)) for b in (96, 128)]
    with (tmp_path / "joined.mp3").open("wb") as out, pytest.raises(AudioError, match="differ"):
        join(streams, 2 * RATE, out)


def test_a_length_the_frames_cannot_hold_is_refused(tmp_path: Path) -> None:
    stream = read_stream(encode(np.zeros(RATE, np.float32), tmp_path / "one.mp3"))
    with (tmp_path / "joined.mp3").open("wb") as out, pytest.raises(AudioError, match="cannot"):
        join([stream], stream.frames * 1152, out)


def test_read_stream_counts_the_frames(joined: tuple[Path, np.ndarray], tmp_path: Path) -> None:
    noise = np.random.default_rng(3).standard_normal(5 * RATE).astype(np.float32) * 0.1
    path = encode(noise, tmp_path / "noise.mp3")
    stream = read_stream(path)
    data = path.read_bytes()
    assert (stream.frames, stream.size) == (len(frames(data)), len(data))
    assert stream.frames == -(-(5 * RATE + 1152) // 1152)
    assert stream.header == data[:4]


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda data: data[:-100], "ends inside a frame"),
        (lambda data: data + b"TAG" + bytes(125), "no frame header at byte"),
        (lambda data: bytes(range(256)) * 20, "not an MP3 frame header"),
        (lambda data: data[:3], "not an MP3 stream"),
    ],
)
def test_a_truncated_or_foreign_file_is_refused_by_name(
    tmp_path: Path, damage, problem: str
) -> None:
    data = encode(np.zeros(RATE, np.float32), tmp_path / "good.mp3").read_bytes()
    broken = tmp_path / "segment-3.mp3"
    broken.write_bytes(damage(data))
    with pytest.raises(AudioError, match=rf"segment-3\.mp3: .*{problem}"):
        read_stream(broken)


def test_an_empty_file_is_refused_by_name(tmp_path: Path) -> None:
    empty = tmp_path / "segment-0.mp3"
    empty.write_bytes(b"")
    with pytest.raises(AudioError, match=r"segment-0\.mp3: not an MP3 stream \(0 bytes\)"):
        read_stream(empty)


def test_a_cached_stream_is_taken_at_the_frames_due_if_its_size_can_hold_them(
    tmp_path: Path,
) -> None:
    noise = np.random.default_rng(4).standard_normal(20 * RATE).astype(np.float32) * 0.1
    path = encode(noise, tmp_path / "cached.mp3")
    walked = read_stream(path)
    assert known_stream(path, walked.frames) == walked
    with pytest.raises(AudioError, match=r"cached\.mp3: .* cannot be the .* frames due"):
        known_stream(path, walked.frames + 1)
    path.write_bytes(path.read_bytes()[:-500])
    with pytest.raises(AudioError, match=r"cached\.mp3: .* cannot be the .* frames due"):
        known_stream(path, walked.frames)


def test_a_stream_that_leans_on_a_missing_reservoir_is_refused(tmp_path: Path) -> None:
    data = bytearray(encode(np.zeros(RATE, np.float32), tmp_path / "good.mp3").read_bytes())
    data[layout(data).side_info] |= 0x80  # main_data_begin's top bit: data from 256 bytes back
    broken = tmp_path / "broken.mp3"
    broken.write_bytes(bytes(data))
    with pytest.raises(AudioError, match=r"broken\.mp3: .*bit reservoir"):
        read_stream(broken)
