"""Takes + pauses → one timeline that knows where every sentence and chapter lies in time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydub.silence import detect_leading_silence

from audio.text.script import Script
from audio.voice.cutting import Cutting
from audio.voice.ffmpeg import AudioSegment
from audio.voice.pcm import InFile, InMemory, Samples
from audio.voice.timeline import Chapter, Cue, Timeline

LEAD_IN = 0.2
TAIL = 0.4
# Below this a take is silence: espeak-ng and gTTS pad their takes at about -60 dBFS.
SILENCE_DBFS = -50.0
# A short fade at each end of a take; joining two takes without it can click.
FADE_MS = 5
WIDTH = 2


@dataclass(frozen=True)
class Narrated:
    """One segment of the narration laid out: its samples and where its sentences lie in them."""

    data: bytes
    """16-bit mono samples."""
    rate: int
    cues: tuple[tuple[int, int], ...]
    """Each sentence's first sample and the sample after its last."""

    def audio(self) -> AudioSegment:
        return AudioSegment(data=self.data, sample_width=WIDTH, frame_rate=self.rate, channels=1)


def assemble(
    script: Script, takes: Sequence[AudioSegment], cutting: Cutting | None = None
) -> Timeline:
    """Join one take per script sentence, with each sentence's pause after it; with `cutting`,
    in segments cut in the pauses between sentences, each padded to whole MP3 frames."""
    if len(takes) != len(script.sentences):
        raise ValueError(f"{len(takes)} takes for {len(script.sentences)} sentences")
    rate = next((take.frame_rate for take in takes if len(take)), 22050)
    assembly = Assembly(script, rate, cutting)
    for index, run in enumerate(assembly.runs):
        assembly.add(index, assembly.lay_out(index, [takes[number] for number in run]))
    return assembly.timeline()


class Assembly:
    """A timeline put together a segment at a time; a segment's samples depend on its own
    sentences and the pause before them only, so one laid out earlier can stand in for it.
    With `scratch` (a temporary folder) the samples are kept in a file there."""

    def __init__(
        self, script: Script, rate: int, cutting: Cutting | None, scratch: Path | None = None
    ) -> None:
        self.script = script
        self.rate = rate
        self.cutting = cutting
        self.sentences = script.sentences
        self.runs = cutting.runs(self.sentences) if cutting else [range(len(self.sentences))]
        # Segments are appended as they are laid out, never joined at the end: in a file, the
        # programme is never in memory at once (audio/voice/pcm.py).
        self.samples: Samples = (
            InFile(scratch / "narration.pcm", rate, WIDTH) if scratch else InMemory(b"", rate)
        )
        self.cues: list[Cue] = []
        self.cuts: list[int] = []

    def lead(self, index: int) -> int:
        """Samples of silence before the segment's first sentence: the lead-in, or the second
        half of the pause the cut lies in."""
        if index == 0:
            return round(LEAD_IN * self.rate)
        return round(self.sentences[self.runs[index].start - 1].pause * self.rate) // 2

    def lay_out(self, index: int, takes: Sequence[AudioSegment]) -> Narrated:
        """Segment `index` from the takes of its sentences."""
        run = self.runs[index]
        data = bytearray(self.lead(index) * WIDTH)
        cues = []
        for number, take in zip(run, takes, strict=True):
            clip = _trimmed(take.set_frame_rate(self.rate).set_channels(1).set_sample_width(WIDTH))
            start = len(data) // WIDTH
            data += clip.raw_data
            cues.append((start, len(data) // WIDTH))
            pause = round(self.sentences[number].pause * self.rate)
            if number < run.stop - 1:
                data += bytes(pause * WIDTH)
            elif index == len(self.runs) - 1:
                data += bytes((pause + round(TAIL * self.rate)) * WIDTH)
            else:
                # The first half of the pause the cut lies in, padded until the segment spans
                # whole MP3 frames.
                assert self.cutting is not None
                length = len(data) // WIDTH + pause - pause // 2
                data += bytes((self.cutting.aligned(length, self.rate) * WIDTH) - len(data))
        return Narrated(bytes(data), self.rate, tuple(cues))

    def add(self, index: int, narrated: Narrated) -> None:
        """Append segment `index`."""
        offset = self.samples.length
        if index:
            self.cuts.append(offset)
        self.samples.append(narrated.data)
        for number, (start, end) in zip(self.runs[index], narrated.cues, strict=True):
            text = self.sentences[number].text
            self.cues.append(Cue((offset + start) / self.rate, (offset + end) / self.rate, text))

    def timeline(self) -> Timeline:
        chapters = _chapters(self.script, self.cues, self.samples.duration)
        return Timeline(self.samples, tuple(self.cues), chapters, tuple(self.cuts))


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
