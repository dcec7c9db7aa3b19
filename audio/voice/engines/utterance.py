"""Cut the audio of one request into the sentences it reads, at the pauses between them.

Google answers a request of several sentences with one utterance. Where does the second sentence
start? Speech takes time roughly in proportion to its characters, pauses do not: so the cut for a
sentence boundary lies where the amount of *speech* heard so far matches the share of characters
read so far. Of the pauses near that point the longest wins, because a full stop pauses longer
than a comma.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from pydub.utils import audioop

from audio.voice.ffmpeg import AudioSegment

WINDOW_MS = 10
# A pause is at least this long; gaps between words are shorter.
MIN_PAUSE_MS = 60
# A window this far below the loudest window of the utterance is quiet.
QUIET_BELOW_PEAK_DB = 35.0
# How much speech-time distance (ms) one ms of extra pause length outweighs, up to a cap.
LONG_PAUSE_WEIGHT = 1.0
LONG_PAUSE_CAP_MS = 600


@dataclass(frozen=True)
class _Pause:
    start: int
    """First quiet window."""
    end: int
    """First loud window after it."""
    speech_before: int
    """Loud windows before it."""

    @property
    def middle_ms(self) -> int:
        return (self.start + self.end) * WINDOW_MS // 2


def split_at_pauses(audio: AudioSegment, weights: Sequence[float]) -> list[AudioSegment]:
    """`audio` cut into len(weights) parts, each as long in speech as its weight's share.

    Weights are the characters each part reads. The cuts fall in the middle of pauses; where
    the audio has fewer pauses than cuts, the missing cuts fall where the speech share says.
    """
    if len(weights) <= 1:
        return [audio]
    loud = _loud_windows(audio)
    speech = sum(loud)
    pauses = _pauses(loud)
    total = sum(weights) or 1
    cuts: list[int] = []
    share = 0.0
    usable = pauses
    for index, weight in enumerate(weights[:-1]):
        share += weight / total
        target = share * speech
        remaining = len(weights) - 2 - index
        candidates = usable[: len(usable) - remaining] if remaining else usable
        if candidates:
            best = min(candidates, key=lambda pause: _distance(pause, target))
            cuts.append(best.middle_ms)
            usable = usable[usable.index(best) + 1 :]
        else:
            cuts.append(_time_of_speech(loud, target, after=cuts[-1] if cuts else 0))
    bounds = [0, *cuts, len(audio)]
    return [audio[start:end] for start, end in itertools.pairwise(bounds)]


def without_edges(audio: AudioSegment) -> AudioSegment:
    """`audio` without the quiet before its first and after its last sound."""
    loud = _loud_windows(audio)
    if not any(loud):
        return audio[:0]
    first = loud.index(True)
    last = len(loud) - loud[::-1].index(True)
    return audio[first * WINDOW_MS : last * WINDOW_MS]


def _distance(pause: _Pause, target: float) -> float:
    length_ms = min((pause.end - pause.start) * WINDOW_MS, LONG_PAUSE_CAP_MS)
    return abs(pause.speech_before - target) * WINDOW_MS - LONG_PAUSE_WEIGHT * length_ms


def _loud_windows(audio: AudioSegment) -> list[bool]:
    step = audio.frame_rate * WINDOW_MS // 1000 * audio.frame_width
    data = audio.raw_data
    levels = [
        audioop.rms(data[at : at + step], audio.sample_width) for at in range(0, len(data), step)
    ]
    peak = max(levels, default=0)
    if not peak:
        return [False] * len(levels)
    floor = peak * math.pow(10, -QUIET_BELOW_PEAK_DB / 20)
    return [level > floor for level in levels]


def _pauses(loud: Sequence[bool]) -> list[_Pause]:
    """Quiet runs of at least MIN_PAUSE_MS with speech on both sides."""
    pauses = []
    spoken = 0
    start = None
    for index, is_loud in enumerate(loud):
        if is_loud:
            if start is not None and spoken and (index - start) * WINDOW_MS >= MIN_PAUSE_MS:
                pauses.append(_Pause(start, index, spoken))
            start = None
            spoken += 1
        elif start is None:
            start = index
    return pauses


def _time_of_speech(loud: Sequence[bool], target: float, after: int) -> int:
    """The first moment after `after` (ms) by which `target` windows of speech were heard."""
    spoken = 0
    for index, is_loud in enumerate(loud):
        spoken += is_loud
        if spoken >= target and index * WINDOW_MS > after:
            return index * WINDOW_MS
    return len(loud) * WINDOW_MS
