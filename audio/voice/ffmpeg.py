"""The one place that knows where ffmpeg is: the system's, else the static build in the
imageio-ffmpeg wheel. Import pydub's AudioSegment from here so it is always configured.

ffmpeg is found the first time something runs it, not on import: a build narrated offline
never does (LAME encodes in-process), and finding imageio-ffmpeg's binary runs `ffmpeg -version`
to validate it, which every build would pay for otherwise (docs/performance.md, session four).
"""

from __future__ import annotations

import functools
import os
import shutil

from pydub import AudioSegment


@functools.cache
def ffmpeg_exe() -> str:
    system = shutil.which("ffmpeg")
    if system:
        return system
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


class _FoundWhenRun(os.PathLike[str]):
    """pydub puts its converter first in the command it runs; subprocess asks for the path
    only then."""

    def __fspath__(self) -> str:
        return ffmpeg_exe()


AudioSegment.converter = _FoundWhenRun()

__all__ = ["AudioSegment", "ffmpeg_exe"]
