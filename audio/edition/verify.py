"""What an edition publishes, checked before any feed names it: every MP3 decodes whole to the
length of the programme it was made from, the transcript and the chapters lie inside the audio in
order, the cover in the tags decodes.

`check` knows no timeline: a cache entry damaged to half its length, a short write or a fault in
joining segments made MP3s that decode cleanly, only shorter than their narration, and passed it.
Here each MP3 is decoded to its last sample, in this process by miniaudio's dr_mp3 (0.14 s of
CPU for the seed's 231 s, where an ffmpeg process took 0.4 s: docs/robustness.md), a piece at a
time, so that an edition of hours never lies in memory whole.
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from audio.edition.model import Edition
from audio.errors import AudioError
from audio.mastering.renditions import SPEAKER
from audio.voice.timeline import Timeline

PIECE = 1 << 16
"""Samples decoded at a time."""
RESAMPLED_SLACK = 0.001
"""Seconds the decoded length may differ from the narration's by (rounding when resampled)."""
SENTENCE_SLACK = 0.001
"""Seconds a cue may end after the audio: times are rounded to the millisecond."""


def verify_edition(edition: Edition, folder: Path, timeline: Timeline, cover: bytes) -> None:
    """Raise AudioError naming the file and what is wrong with it, if anything is."""
    seconds = timeline.samples.length / timeline.samples.rate
    mp3s = [folder / path for path in (edition.audio, edition.files.get(SPEAKER)) if path]
    # Side by side: dr_mp3 lets go of the GIL, and an edited article's build waits for both.
    with ThreadPoolExecutor(len(mp3s) or 1) as pool:
        for decoded in [pool.submit(verify_mp3, mp3, seconds) for mp3 in mp3s]:
            decoded.result()
    verify_times(edition.source, timeline)
    verify_image(cover, f"{edition.source}: the cover in the MP3s' tags")


def verify_times(source: str, timeline: Timeline) -> None:
    """Sentence after sentence and chapter after chapter, each ending after it starts and before
    the next starts, the last before the audio ends. Narration taken from a damaged cache entry
    broke this where the MP3's own length was right: a sentence running into the next one, a
    chapter ending before it began."""
    for kind, spans in (("sentences", timeline.cues), ("chapters", timeline.chapters)):
        end = 0.0
        for span in spans:
            if span.start + SENTENCE_SLACK < end or span.end < span.start:
                raise AudioError(
                    f"{source}: the {kind} are out of order: one from {span.start:.3f} to "
                    f"{span.end:.3f} s follows one ending at {end:.3f} s; the narration is not "
                    "what its timeline says"
                )
            end = span.end
        if end > timeline.duration + SENTENCE_SLACK:
            raise AudioError(
                f"{source}: the {kind} run to {end:.3f} s, past the end of the audio at "
                f"{timeline.duration:.3f} s"
            )


def verify_mp3(path: Path, duration: float) -> None:
    """The MP3 decodes to the very length its LAME tag gives, and that is `duration` seconds.

    The very length, because a decoder stops at the length the tag gives: a frame lost in the
    middle shortens what it plays by a frame less the padding at the end, which may be a few
    samples only (145 of 1,152 for one of the seed's short articles). Against the narration,
    within RESAMPLED_SLACK: a narration at the engine's rate (gTTS: 24 kHz) resampled a segment
    at a time comes out a few samples off the exact ratio."""
    import miniaudio
    from mutagen import MutagenError
    from mutagen.mp3 import MP3

    try:
        info = miniaudio.mp3_get_file_info(str(path))
        samples = sum(len(piece) for piece in miniaudio.mp3_stream_file(str(path), PIECE))
        tagged = round(MP3(path).info.length * info.sample_rate)
    except (miniaudio.MiniaudioError, MutagenError, OSError) as error:
        raise AudioError(f"{path.name}: does not decode: {error}") from error
    decoded = samples // max(1, info.nchannels)
    if decoded != tagged:
        raise AudioError(
            f"{path.name}: decodes to {decoded / info.sample_rate:.3f} s, but its header says "
            f"{tagged / info.sample_rate:.3f} s ({decoded - tagged:+d} samples)"
        )
    if abs(decoded / info.sample_rate - duration) > RESAMPLED_SLACK:
        raise AudioError(
            f"{path.name}: decodes to {decoded / info.sample_rate:.3f} s, but its narration "
            f"is {duration:.3f} s"
        )


def verify_image(data: bytes, what: str) -> None:
    """The image decodes to its last pixel."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except Exception as error:  # Pillow raises many kinds for a broken image
        raise AudioError(f"{what} does not decode: {error}") from error
