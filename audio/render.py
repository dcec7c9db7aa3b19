"""Takes + pauses → one timeline that knows where every sentence and chapter lies in time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydub.silence import detect_leading_silence

from audio.ffmpeg import AudioSegment
from audio.script import Script

LEAD_IN = 0.2
TAIL = 0.4
# Below this a take is silence: espeak-ng and gTTS pad their takes at about -60 dBFS.
SILENCE_DBFS = -50.0
# A short fade at each end of a take; joining two takes without it can click.
FADE_MS = 5


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Chapter:
    start: float
    end: float
    title: str


@dataclass(frozen=True)
class Timeline:
    audio: AudioSegment
    cues: tuple[Cue, ...]
    chapters: tuple[Chapter, ...]

    @property
    def duration(self) -> float:
        return len(self.audio) / 1000


def assemble(script: Script, takes: Sequence[AudioSegment]) -> Timeline:
    """Join one take per script sentence, with each sentence's pause after it."""
    sentences = script.sentences
    if len(takes) != len(sentences):
        raise ValueError(f"{len(takes)} takes for {len(sentences)} sentences")
    frame_rate = next((take.frame_rate for take in takes if len(take)), 22050)
    width = 2

    def silence(seconds: float) -> bytes:
        return b"\0" * (round(seconds * frame_rate) * width)

    # One growing buffer rather than a list of pieces joined at the end: the joined copy would
    # be a third full-length copy beside the takes and the pieces (a 50-minute article at
    # 22.05 kHz is 130 MB of PCM). Large buffers grow in place (mremap), without copying.
    data = bytearray(silence(LEAD_IN))
    bytes_per_second = frame_rate * width
    cues: list[Cue] = []
    for sentence, take in zip(sentences, takes, strict=True):
        clip = _trimmed(take.set_frame_rate(frame_rate).set_channels(1).set_sample_width(width))
        start = len(data) / bytes_per_second
        data += clip.raw_data
        cues.append(Cue(start, len(data) / bytes_per_second, sentence.text))
        data += silence(sentence.pause)
    data += silence(TAIL)
    audio = AudioSegment(data=data, sample_width=width, frame_rate=frame_rate, channels=1)
    return Timeline(audio, tuple(cues), _chapters(script, cues, len(audio) / 1000))


def _trimmed(take: AudioSegment) -> AudioSegment:
    """The take without its leading and trailing silence, faded in and out over a few ms."""
    start = detect_leading_silence(take, SILENCE_DBFS)
    end = len(take) - detect_leading_silence(take.reverse(), SILENCE_DBFS)
    if end <= start:
        return take[:0]
    return take[start:end].fade_in(FADE_MS).fade_out(FADE_MS)


def _chapters(script: Script, cues: Sequence[Cue], duration: float) -> tuple[Chapter, ...]:
    starts = []
    index = 0
    for part in script.parts:
        if part.sentences:
            starts.append((0.0 if not starts else cues[index].start, part.title))
        index += len(part.sentences)
    ends = [start for start, _ in starts[1:]] + [duration]
    return tuple(
        Chapter(start, end, title) for (start, title), end in zip(starts, ends, strict=True)
    )
