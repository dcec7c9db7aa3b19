"""The one place that knows where ffmpeg is: the system's, else the static build in the
imageio-ffmpeg wheel. Import pydub's AudioSegment from here so it is always configured."""

from __future__ import annotations

import functools
import shutil

from pydub import AudioSegment


@functools.cache
def ffmpeg_exe() -> str:
    system = shutil.which("ffmpeg")
    if system:
        return system
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


AudioSegment.converter = ffmpeg_exe()

__all__ = ["AudioSegment", "ffmpeg_exe"]
