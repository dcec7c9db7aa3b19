"""MP3 streams encoded one by one, joined into one file behind one Info frame with a LAME tag.

Each stream audio/mastering/encoder.py writes is nothing but Layer III audio frames of one constant
bitrate. Its first frame draws nothing from a bit reservoir (main_data_begin is 0), so the
frames of several streams can simply follow one another; a decoder hears each stream's encoder
delay and padding as a few ms of silence, which audio/voice/cutting.py lays into pauses. In front of
them goes one frame built here that holds no audio: the Xing header under its CBR name "Info"
(frame and byte counts, a 100-entry seek table, a quality figure) and the LAME tag, which tells
decoders how many samples to skip at the start (the encoder delay) and at the end (the padding),
so that the file decodes to exactly the programme's samples.

Sources: ISO/IEC 11172-3 and 13818-3 for frame headers and side-information sizes; the Xing
header and the LAME tag as specified at http://gabriel.mp3-tech.org/mp3infotag.html ("rev 1")
and written by LAME's VbrTag.c: a 9-byte encoder name, then revision (LAME writes 0, the only
one mutagen reads) and VBR method (1: CBR), lowpass, ReplayGain, flags, the bitrate, 12 bits of
encoder delay and 12 of padding, misc (noise shaping, stereo mode, source rate), MP3Gain, preset,
the music length (bytes from the Info frame to the end of the last frame), the music CRC (of
every audio frame) and the tag CRC (of the Info frame up to the tag CRC itself); both CRC-16 with
polynomial 0x8005, bit-reflected, starting at 0 (CRC-16/ARC). What the encoder did not tell us
(lowpass, ATH type, preset) is 0, which the specification reads as unknown.
(ffmpeg computes the tag CRC over the first 190 bytes whatever the layout, which in a mono frame
runs past the field; LAME's rule is followed here.)
"""

from __future__ import annotations

import math
import mmap
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fastcrc import crc16

from audio.errors import AudioError
from audio.mastering.encoder import ENCODER_DELAY, ENCODER_QUALITY, LAME_VERSION
from audio.mastering.mp3format import MPEG1_BITRATES, MPEG2_BITRATES, RATES, frame_samples

_TOC = 100
_XING = 120
"""Bytes of the Info header: "Info", flags, frames, bytes, seek table, quality."""
_LAME_TAG = 36
_FLAGS = 0xF
"""The Info header holds frames, bytes, the seek table and the quality."""
_PADDED = 1 << 9
_UNPROTECTED = 1 << 16
"""The header's protection bit: set, no CRC follows the header."""
_FORMAT = 0xFFFFFCC0
"""Header bits every frame of one CBR stream shares: sync, version, layer, protection,
bitrate, sample rate and channel mode (not padding, private bit, mode extension, copyright,
original, emphasis)."""
_CHUNK = 1 << 20
_VBR_Q = 4
"""LAME's default VBR quality, part of the quality figure it writes even for CBR."""


@dataclass(frozen=True)
class Layout:
    """What one frame header says about the frame it starts."""

    mpeg1: bool
    mono: bool
    rate: int
    bitrate: int
    """kbit/s."""
    length: int
    """Bytes of the frame."""
    side_info: int
    """Where the side information starts: after the header and its CRC, if any."""
    tag: int
    """Where the side information ends: where an Info frame's Xing header starts."""

    @property
    def samples(self) -> int:
        return frame_samples(self.rate)


def layout(header: bytes) -> Layout:
    """Read a Layer III frame header (4 bytes)."""
    word = int.from_bytes(header[:4], "big")
    version, layer = (word >> 19) & 3, (word >> 17) & 3
    bitrate_index, rate_index = (word >> 12) & 15, (word >> 10) & 3
    if word >> 21 != 0x7FF or version == 1 or layer != 1 or rate_index == 3:
        raise AudioError(f"not an MP3 frame header: {header[:4].hex()}")
    if bitrate_index in (0, 15):
        raise AudioError(f"MP3 frame without a constant bitrate: {header[:4].hex()}")
    mpeg1, mono = version == 3, (word >> 6) & 3 == 3
    rate = RATES[version][rate_index]
    bitrate = (MPEG1_BITRATES if mpeg1 else MPEG2_BITRATES)[bitrate_index - 1]
    length = (144 if mpeg1 else 72) * bitrate * 1000 // rate + ((word >> 9) & 1)
    side_info = 4 if word & _UNPROTECTED else 6
    size = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    return Layout(mpeg1, mono, rate, bitrate, length, side_info, side_info + size)


@dataclass(frozen=True)
class Stream:
    """One encoded segment as a file of nothing but audio frames."""

    path: Path
    header: bytes
    """The first frame's header: version, rate, bitrate and mode of every frame."""
    size: int
    """Bytes of the file."""
    frames: int


def read_stream(path: Path) -> Stream:
    """Count the frames of an MP3 stream audio/mastering/encoder.py wrote, walking their headers:
    every byte must belong to a whole frame of the first frame's format."""
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            head, first = _first_frame(path, file.read(6), size)
            with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
                frames, at = _walk(data, first, size)
    except OSError as error:
        raise AudioError(f"cannot read {path.name}: {error.strerror or error}") from error
    if at != size:
        where = "ends inside a frame" if at > size else f"holds no frame header at byte {at}"
        raise AudioError(f"{path.name}: not a sequence of whole MP3 frames: it {where}")
    return Stream(path, head[:4], size, frames)


def known_stream(path: Path, frames: int) -> Stream:
    """A stream audio/mastering/encoder.py wrote in an earlier build (a cached segment) that holds
    `frames` frames, as the segment's feed says: only its size is checked against them (walking
    the headers of every cached segment slowed an edited article's rebuild). The padding bit
    keeps a stream's length within a byte of its frames times the nominal frame length
    (docs/mastering.md), and a frame more or less is hundreds of bytes."""
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            head, first = _first_frame(path, file.read(6), size)
    except OSError as error:
        raise AudioError(f"cannot read {path.name}: {error.strerror or error}") from error
    nominal = (144 if first.mpeg1 else 72) * first.bitrate * 1000 / first.rate
    if abs(size - frames * nominal) >= 1:
        raise AudioError(f"{path.name}: {size} bytes cannot be the {frames} MP3 frames due")
    return Stream(path, head[:4], size, frames)


def _first_frame(path: Path, head: bytes, size: int) -> tuple[bytes, Layout]:
    """The stream's first six bytes and their layout, if they open a frame that needs no bit
    reservoir from before the stream."""
    if size < 6:
        raise AudioError(f"{path.name}: not an MP3 stream ({size} bytes)")
    try:
        first = layout(head)
    except AudioError as error:
        raise AudioError(f"{path.name}: {error}") from error
    if _main_data_begin(head, first) != 0:
        raise AudioError(f"{path.name}: its first frame draws on a bit reservoir it lacks")
    return head, first


def _walk(data: mmap.mmap, first: Layout, size: int) -> tuple[int, int]:
    """Frames of the first one's format from the start of `data`, and where they end. The loop
    is kept to compares of single bytes: an hour is 140,000 frames."""
    unpadded = first.length - ((data[2] >> 1) & 1)
    second, third, mode = data[1], data[2] | 2, data[3] & 0xC0
    frames = at = 0
    while at < size - 3:
        bits = data[at + 2]
        if data[at] != 0xFF or data[at + 1] != second or bits | 2 != third:
            break
        if data[at + 3] & 0xC0 != mode:
            break
        at += unpadded + ((bits >> 1) & 1)
        frames += 1
    return frames, at


def join(streams: Sequence[Stream], samples: int, out: BinaryIO, lead: int = 0) -> None:
    """Write the audio frames of `streams` one after another behind an Info frame that tells
    decoders to skip the encoder delay and `lead` samples more, and to stop after `samples`
    samples. `out` must be seekable: the music CRC is taken while the frames are copied, and
    the Info frame is written in front of them at the end."""
    first = streams[0]
    word = int.from_bytes(first.header, "big")
    if any(int.from_bytes(s.header, "big") & _FORMAT != word & _FORMAT for s in streams):
        raise AudioError(f"{first.path.name}: the streams to join differ in rate or bitrate")
    header = _info_header(word)
    frame_layout = layout(header)
    frames = sum(stream.frames for stream in streams)
    total = frame_layout.length + sum(stream.size for stream in streams)
    delay = ENCODER_DELAY + lead
    padding = frames * frame_layout.samples - delay - samples
    if not (0 <= padding < 4096 and delay < 4096):
        raise AudioError(f"joined MP3 of {frames} frames cannot decode to {samples} samples")
    start = out.tell()
    out.write(bytes(frame_layout.length))
    music_crc = 0
    for stream in streams:
        music_crc = _copy(stream, out, music_crc)
    end = out.tell()
    out.seek(start)
    frame = bytearray(frame_layout.length)
    frame[:4] = header
    at = frame_layout.tag
    frame[at : at + _XING] = b"".join(
        (
            b"Info",
            _FLAGS.to_bytes(4, "big"),
            frames.to_bytes(4, "big"),
            total.to_bytes(4, "big"),
            seek_table(streams, frame_layout.length, total),
            (100 - 10 * _VBR_Q - ENCODER_QUALITY).to_bytes(4, "big"),
        )
    )
    at += _XING
    lame_tag = _lame_tag(layout(first.header), delay, padding, total, music_crc)
    frame[at : at + _LAME_TAG - 2] = lame_tag
    at += _LAME_TAG - 2
    frame[at : at + 2] = crc16.arc(bytes(frame[:at])).to_bytes(2, "big")
    out.write(frame)
    out.seek(end)


def _info_header(word: int) -> bytes:
    """The Info frame's header: the audio frames' own, unpadded and without a CRC, at the
    lowest bitrate from theirs up whose frame holds the Xing header and the LAME tag, as
    ffmpeg's MP3 muxer does (it takes 64 kbit/s for 32 at 48 kHz; from 64 kbit/s up, the
    frames' own bitrate serves at every rate)."""
    word = (word | _UNPROTECTED) & ~_PADDED
    while True:
        header = word.to_bytes(4, "big")
        frame_layout = layout(header)
        if frame_layout.length >= frame_layout.tag + _XING + _LAME_TAG:
            return header
        word += 1 << 12


def _lame_tag(audio: Layout, delay: int, padding: int, total: int, music_crc: int) -> bytes:
    """The LAME tag up to its own CRC, for audio frames of layout `audio`."""
    # LAME's code for the rate it was fed: 0 up to 32 kHz, 1 for 44.1, 2 for 48, 3 above.
    source = 0 if audio.rate <= 32000 else {44100: 1, 48000: 2}.get(audio.rate, 3)
    stereo_mode = 0 if audio.mono else 7  # 7: not known
    return b"".join(
        (
            LAME_VERSION.ljust(9, b"\0")[:9],
            bytes((0x01, 0)),  # revision 0, VBR method 1 (CBR); lowpass not known
            bytes(4 + 2 + 2),  # no peak, no ReplayGain
            bytes((0, min(audio.bitrate, 255))),  # flags (ATH type not known), the bitrate
            ((delay << 12) | padding).to_bytes(3, "big"),
            bytes(((source << 6) | (stereo_mode << 2), 0)),  # misc, no MP3Gain
            bytes(2),  # no surround, no preset
            total.to_bytes(4, "big"),
            music_crc.to_bytes(2, "big"),
        )
    )


def _copy(stream: Stream, out: BinaryIO, crc: int) -> int:
    """Copy the stream's frames to `out`, carrying the CRC over them."""
    copied = 0
    with stream.path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            crc = crc16.arc(chunk, crc)
            out.write(chunk)
            copied += len(chunk)
    if copied != stream.size:
        raise AudioError(f"{stream.path.name} changed while it was joined")
    return crc


def seek_table(streams: Sequence[Stream], start: int, total: int) -> bytes:
    """The Xing table of contents: for each percent of the duration, the byte offset of the
    frame playing then, in 256ths of the file. Frames within a stream are taken as equally long
    (constant bitrate: they differ by the padding byte only)."""
    frames = sum(stream.frames for stream in streams)
    bounds = []
    offset, frame = start, 0
    for stream in streams:
        bounds.append((frame, offset, stream))
        frame += stream.frames
        offset += stream.size
    table = bytearray()
    index = 0
    for percent in range(_TOC):
        wanted = percent * frames / _TOC
        while index + 1 < len(bounds) and bounds[index + 1][0] <= wanted:
            index += 1
        first_frame, first_byte, stream = bounds[index]
        position = first_byte + (wanted - first_frame) * stream.size / max(stream.frames, 1)
        table.append(min(255, math.floor(256 * position / total)))
    table[0] = 0
    return bytes(table)


def _main_data_begin(frame: bytes, frame_layout: Layout) -> int:
    """The side information's first field: how far back into earlier frames this frame's data
    begins (9 bits in MPEG-1, 8 in MPEG-2)."""
    value = int.from_bytes(frame[frame_layout.side_info : frame_layout.side_info + 2], "big")
    return value >> 7 if frame_layout.mpeg1 else value >> 8
