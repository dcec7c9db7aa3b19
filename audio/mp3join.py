"""MP3 streams encoded one by one, joined into one file under one Xing/Info and LAME header.

Each stream ffmpeg writes starts with an Info frame (no audio: the Xing header and the LAME tag)
and continues with audio frames. The first audio frame of a LAME stream draws nothing from the
bit reservoir (its main_data_begin is 0), so the audio frames of several streams can follow one
another; a decoder hears each stream's encoder delay and padding as a few ms of silence, which
audio/segments.py lays into pauses. The joined file keeps the first stream's Info frame,
rewritten for the whole: frame and byte counts, the seek table, the end padding, music length and
both CRCs; the other streams' Info frames are left out.

Sources: ISO/IEC 11172-3 and 13818-3 for frame headers and side-information sizes; the Xing
header (flags, frames, bytes, a 100-entry table of contents, quality) and the LAME tag revision 1
as specified at http://gabriel.mp3-tech.org/mp3infotag.html and written by LAME's VbrTag.c:
12 bits of encoder delay and 12 of padding, the music length (bytes from the Info frame to the
end of the last frame), the music CRC (of every audio frame) and the tag CRC (of the Info frame
up to the tag CRC itself); both CRC-16 with polynomial 0x8005, bit-reflected, starting at 0.
(ffmpeg computes the tag CRC over the first 190 bytes whatever the layout, which in a mono frame
runs past the field; LAME's rule is followed here.)
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from audio.errors import AudioError

# Bitrate indices (kbit/s) of Layer III: MPEG-1, then MPEG-2 and 2.5.
_BITRATES = (
    (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
)
# Sample rates by the header's version bits (3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5).
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
_TOC = 100
_LAME_TAG = 36
_LONGEST_FRAME = 1441
_REFLECTED = 0xA001  # 0x8005 with its bits reversed


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
        return 1152 if self.mpeg1 else 576


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
    rate = _RATES[version][rate_index]
    bitrate = _BITRATES[0 if mpeg1 else 1][bitrate_index]
    length = (144 if mpeg1 else 72) * bitrate * 1000 // rate + ((word >> 9) & 1)
    side_info = 4 if word & (1 << 16) else 6
    size = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    return Layout(mpeg1, mono, rate, bitrate, length, side_info, side_info + size)


@dataclass(frozen=True)
class Stream:
    """One encoded segment as a file: its Info frame, then its audio frames."""

    path: Path
    info: int
    """Bytes of the Info frame."""
    size: int
    """Bytes of the whole file."""
    frames: int
    """Audio frames."""
    crc: int
    """Music CRC of the audio frames."""
    samples_per_frame: int

    @property
    def audio(self) -> int:
        return self.size - self.info


@dataclass(frozen=True)
class _Fields:
    """Where the fields of an Info frame lie in it."""

    frames: int
    bytes: int
    toc: int
    lame: int

    @classmethod
    def of(cls, frame: bytes, frame_layout: Layout) -> _Fields:
        tag = frame_layout.tag
        if frame[tag : tag + 4] not in (b"Info", b"Xing"):
            raise AudioError("the MP3 stream starts without an Info frame")
        flags = int.from_bytes(frame[tag + 4 : tag + 8], "big")
        if flags & 7 != 7:
            raise AudioError("the MP3 stream's Info frame lacks frame count, size or seek table")
        lame = tag + 8 + 4 + 4 + _TOC + (4 if flags & 8 else 0)
        if len(frame) < lame + _LAME_TAG:
            raise AudioError("the MP3 stream's Info frame has no LAME tag")
        return cls(tag + 8, tag + 12, tag + 16, lame)

    @property
    def delay_padding(self) -> int:
        return self.lame + 21

    @property
    def music_length(self) -> int:
        return self.lame + 28

    @property
    def music_crc(self) -> int:
        return self.lame + 32

    @property
    def tag_crc(self) -> int:
        return self.lame + 34


def read_stream(path: Path) -> Stream:
    """The Info frame's figures of an MP3 file ffmpeg wrote."""
    with path.open("rb") as file:
        head = file.read(_LONGEST_FRAME + 8)
        size = file.seek(0, 2)
    if len(head) < 4:
        raise AudioError(f"{path.name}: empty MP3 stream")
    frame_layout = layout(head)
    frame = head[: frame_layout.length]
    fields = _Fields.of(frame, frame_layout)
    first = head[frame_layout.length : frame_layout.length + 6]
    if len(first) == 6 and _main_data_begin(first, layout(first)) != 0:
        raise AudioError(f"{path.name}: its first frame draws on a bit reservoir it lacks")
    return Stream(
        path,
        frame_layout.length,
        size,
        int.from_bytes(frame[fields.frames : fields.frames + 4], "big"),
        int.from_bytes(frame[fields.music_crc : fields.music_crc + 2], "big"),
        frame_layout.samples,
    )


def join(streams: Sequence[Stream], samples: int, out: BinaryIO, lead: int = 0) -> None:
    """Write the audio frames of `streams` one after another under one Info frame that tells
    decoders to skip the first stream's encoder delay and `lead` samples more, and to stop after
    `samples` samples."""
    first = streams[0]
    with first.path.open("rb") as file:
        header = bytearray(file.read(first.info))
    fields = _Fields.of(bytes(header), layout(header))
    frames = sum(stream.frames for stream in streams)
    total = first.info + sum(stream.audio for stream in streams)
    delay = int.from_bytes(header[fields.delay_padding : fields.delay_padding + 3], "big") >> 12
    delay += lead
    padding = frames * first.samples_per_frame - delay - samples
    if not (0 <= padding < 4096 and delay < 4096):
        raise AudioError(f"joined MP3 of {frames} frames cannot decode to {samples} samples")
    crc = 0
    for stream in streams:
        crc = crc16_combine(crc, stream.crc, stream.audio)
    header[fields.frames : fields.frames + 4] = frames.to_bytes(4, "big")
    header[fields.bytes : fields.bytes + 4] = total.to_bytes(4, "big")
    header[fields.toc : fields.toc + _TOC] = seek_table(streams, first.info, total)
    header[fields.delay_padding : fields.delay_padding + 3] = ((delay << 12) | padding).to_bytes(
        3, "big"
    )
    header[fields.music_length : fields.music_length + 4] = total.to_bytes(4, "big")
    header[fields.music_crc : fields.music_crc + 2] = crc.to_bytes(2, "big")
    header[fields.tag_crc : fields.tag_crc + 2] = crc16(header[: fields.tag_crc]).to_bytes(2, "big")
    out.write(header)
    for stream in streams:
        with stream.path.open("rb") as file:
            file.seek(stream.info)
            shutil.copyfileobj(file, out)


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
        offset += stream.audio
    table = bytearray()
    index = 0
    for percent in range(_TOC):
        wanted = percent * frames / _TOC
        while index + 1 < len(bounds) and bounds[index + 1][0] <= wanted:
            index += 1
        first_frame, first_byte, stream = bounds[index]
        position = first_byte + (wanted - first_frame) * stream.audio / max(stream.frames, 1)
        table.append(min(255, math.floor(256 * position / total)))
    table[0] = 0
    return bytes(table)


def crc16(data: bytes | bytearray, crc: int = 0) -> int:
    """CRC-16 as LAME computes it (polynomial 0x8005, bit-reflected)."""
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ _REFLECTED if crc & 1 else crc >> 1
    return crc


def crc16_combine(crc_a: int, crc_b: int, length_b: int) -> int:
    """crc16(a + b) from crc16(a), crc16(b) and len(b): a's CRC carried through len(b) zero
    bytes (the CRC is linear over GF(2)), then b's added. Costs log2(len(b)) small matrix
    products instead of a pass over b, which in pure Python would take seconds per hour of MP3."""
    operator = _zero_bits(8)
    length = length_b
    while length:
        if length & 1:
            crc_a = _apply(operator, crc_a)
        operator = [_apply(operator, column) for column in operator]
        length >>= 1
    return crc_a ^ crc_b


def _zero_bits(count: int) -> list[int]:
    """The CRC's state after `count` zero bits, as the images of its 16 unit states."""
    columns = []
    for bit in range(16):
        state = 1 << bit
        for _ in range(count):
            state = (state >> 1) ^ _REFLECTED if state & 1 else state >> 1
        columns.append(state)
    return columns


def _apply(operator: list[int], state: int) -> int:
    result = 0
    for bit, column in enumerate(operator):
        if state >> bit & 1:
            result ^= column
    return result


def _main_data_begin(frame: bytes, frame_layout: Layout) -> int:
    """The side information's first field: how far back into earlier frames this frame's data
    begins (9 bits in MPEG-1, 8 in MPEG-2)."""
    value = int.from_bytes(frame[frame_layout.side_info : frame_layout.side_info + 2], "big")
    return value >> 7 if frame_layout.mpeg1 else value >> 8
