"""The renditions an edition is published in: the podcast MP3, and the smart-speaker MP3 made to
Amazon's flash-briefing rules. Each has its loudness target, true-peak ceiling, bitrate and file.

An edition keeps its podcast rendition as `Edition.audio` and every other one in `Edition.files`
under its kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from audio.settings import Settings

PODCAST = "podcast"
SPEAKER = "speaker"
LOUDNESS_TOLERANCE = 0.5
"""LU either side of its target a published rendition's integrated loudness may lie."""
SPEAKER_LONGEST = 600
"""Seconds: Alexa plays at most ten minutes of a flash-briefing item (Amazon's feed reference);
a longer edition gets no smart-speaker rendition."""


@dataclass(frozen=True)
class Rendition:
    kind: str
    """PODCAST or SPEAKER."""
    loudness: float
    """Integrated loudness target, LUFS."""
    true_peak: float
    """Highest true peak allowed, dBTP."""
    bitrate: int
    """kbit/s, constant."""
    sample_rate: int
    longest: float | None = None
    """Seconds; a longer programme gets no file of this rendition."""

    def fits(self, duration: float) -> bool:
        return self.longest is None or duration <= self.longest

    def missed(self, loudness: float, true_peak: float, peak_tolerance: float = 0.0) -> str | None:
        """What a file of this rendition measuring `loudness` LUFS and `true_peak` dBTP misses
        of its targets (the true peak by more than `peak_tolerance` dB), else None."""
        misses = []
        if abs(loudness - self.loudness) > LOUDNESS_TOLERANCE:
            misses.append(f"is at {loudness:.1f} LUFS, the target is {self.loudness:.1f} LUFS")
        if true_peak > self.true_peak + peak_tolerance:
            misses.append(
                f"peaks at {true_peak:.2f} dBTP, over the ceiling of {self.true_peak:.1f} dBTP"
            )
        return "; ".join(misses) or None

    @property
    def suffix(self) -> str:
        return file_suffix(self.kind)


def file_suffix(kind: str) -> str:
    """How the file of a rendition of this kind ends: `.mp3`, `.speaker.mp3`."""
    return ".mp3" if kind == PODCAST else f".{kind}.mp3"


def podcast_rendition(settings: Settings) -> Rendition:
    return Rendition(
        PODCAST, settings.loudness, settings.true_peak, settings.bitrate, settings.sample_rate
    )


def speaker_rendition(settings: Settings) -> Rendition:
    return Rendition(
        SPEAKER,
        settings.speaker_loudness,
        settings.speaker_true_peak,
        settings.speaker_bitrate,
        settings.sample_rate,
        SPEAKER_LONGEST,
    )


def renditions(settings: Settings) -> tuple[Rendition, ...]:
    """The renditions switched on in the settings."""
    chosen = []
    if settings.podcast_rendition:
        chosen.append(podcast_rendition(settings))
    if settings.speaker_rendition:
        chosen.append(speaker_rendition(settings))
    return tuple(chosen)
