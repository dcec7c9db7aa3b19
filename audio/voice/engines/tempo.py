"""Faster or slower speech with the pitch kept: ffmpeg's atempo, one call for all takes."""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Sequence

from audio.errors import EngineError
from audio.voice.ffmpeg import AudioSegment, ffmpeg_exe

# Silence between takes while they pass through atempo together, so that no take's sound is
# smeared into its neighbour and the cuts afterwards fall in silence.
SEPARATOR_MS = 300


def change_tempo(takes: Sequence[AudioSegment], factor: float) -> list[AudioSegment]:
    """Every take `factor` times as fast (0.5 to 2), in one ffmpeg run."""
    if not takes:
        return []
    frame_rate = takes[0].frame_rate
    same = [take.set_frame_rate(frame_rate).set_channels(1).set_sample_width(2) for take in takes]
    separator = AudioSegment.silent(SEPARATOR_MS, frame_rate).raw_data
    middles = []
    position = 0
    chunks = []
    for take in same:
        chunks += [take.raw_data, separator]
        position += len(take.raw_data) + len(separator)
        middles.append(position - len(separator) // 2)
    command = [ffmpeg_exe(), "-v", "error", "-f", "s16le", "-ar", str(frame_rate), "-ac", "1"]
    command += ["-i", "pipe:0", "-filter:a", f"atempo={factor}", "-f", "s16le", "pipe:1"]
    run = subprocess.run(command, input=b"".join(chunks), capture_output=True, check=False)
    if run.returncode:
        raise EngineError(f"ffmpeg atempo={factor} failed: {run.stderr.decode(errors='replace')}")
    faster = run.stdout
    # Cut at the scaled middle of each separator, on a sample boundary.
    bounds = [0] + [min(round(m / factor) // 2 * 2, len(faster)) for m in middles[:-1]]
    bounds.append(len(faster))
    return [
        AudioSegment(data=faster[start:end], sample_width=2, frame_rate=frame_rate, channels=1)
        for start, end in itertools.pairwise(bounds)
    ]
