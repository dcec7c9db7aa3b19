"""The MP3 format's tables: sample rates, bitrates and frame sizes of Layer III, as ISO 11172-3
(MPEG-1) and ISO 13818-3 (MPEG-2) define them, with the MPEG-2.5 extension that LAME writes."""

from __future__ import annotations

MPEG1_BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
"""kbit/s, in the order of the frame header's bitrate index 1 to 14."""
MPEG2_BITRATES = (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
"""kbit/s, for MPEG-2 and MPEG-2.5, by the same index."""
RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
"""Sample rates by the header's version bits (3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5), in the order
of its sample-rate index."""
MP3_BITRATES: dict[int, tuple[int, ...]] = {
    **dict.fromkeys(RATES[3], MPEG1_BITRATES),
    **dict.fromkeys(RATES[2], MPEG2_BITRATES),
    # MPEG-2.5 has the MPEG-2 table, but LAME encodes at most 64 kbit/s there.
    **dict.fromkeys(RATES[0], MPEG2_BITRATES[:8]),
}
"""The bitrates LAME encodes at each sample rate."""


def frame_samples(mp3_rate: int) -> int:
    """Samples per Layer III frame: 1152 for MPEG-1 rates (32 kHz and up), 576 below."""
    return 1152 if mp3_rate >= 32000 else 576
