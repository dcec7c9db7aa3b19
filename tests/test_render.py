"""Takes joined into a timeline: trimmed, paused, and every sentence's place known to the sample."""

from __future__ import annotations

import pytest
from pydub.generators import Sine

from audio.text.script import Part, Script, Sentence
from audio.voice.assembly import LEAD_IN, TAIL, assemble
from audio.voice.ffmpeg import AudioSegment

RATE = 22050


def take(speech_ms: int, padding_ms: int = 100) -> AudioSegment:
    """A take as engines deliver it: a tone between stretches of silence."""
    quiet = AudioSegment.silent(padding_ms, frame_rate=RATE)
    tone = Sine(440).to_audio_segment(speech_ms).set_frame_rate(RATE).set_sample_width(2)
    return quiet + tone.set_channels(1) + quiet


def script() -> Script:
    return Script(
        (
            Part("intro", "Ansage", (Sentence("Eins.", "eins", 0.5),)),
            Part(
                "body",
                "Kommentar",
                (Sentence("Zwei.", "zwei", 1.0), Sentence("Drei.", "drei", 0.25)),
            ),
        )
    )


def test_sentences_lie_where_the_cues_say() -> None:
    timeline = assemble(script(), [take(1000), take(2000), take(500)])
    starts = [cue.start for cue in timeline.cues]
    assert starts == pytest.approx([LEAD_IN, LEAD_IN + 1.0 + 0.5, LEAD_IN + 3.5 + 1.0], abs=0.002)
    assert [round(c.end - c.start, 2) for c in timeline.cues] == [1.0, 2.0, 0.5]
    assert timeline.duration == pytest.approx(LEAD_IN + 3.5 + 1.75 + TAIL, abs=0.002)
    assert [c.text for c in timeline.cues] == ["Eins.", "Zwei.", "Drei."]
    audio = timeline.audio
    assert (audio.frame_rate, audio.channels, audio.sample_width) == (RATE, 1, 2)
    assert audio[: int(LEAD_IN * 1000) - 5].max == 0
    assert audio[int(LEAD_IN * 1000) + 50 : int(LEAD_IN * 1000) + 900].dBFS > -10


def test_chapters_start_with_their_first_sentence() -> None:
    timeline = assemble(script(), [take(1000), take(2000), take(500)])
    assert [(c.title, round(c.start, 2)) for c in timeline.chapters] == [
        ("Ansage", 0.0),
        ("Kommentar", round(timeline.cues[1].start, 2)),
    ]
    assert timeline.chapters[-1].end == timeline.duration


def test_a_silent_take_adds_only_its_pause() -> None:
    silent = AudioSegment.silent(800, frame_rate=RATE)
    timeline = assemble(script(), [take(1000), silent, take(500)])
    assert timeline.cues[1].end == timeline.cues[1].start
    assert timeline.duration == pytest.approx(LEAD_IN + 1.5 + 1.75 + TAIL, abs=0.002)


def test_a_missing_take_is_refused() -> None:
    with pytest.raises(ValueError, match="2 takes for 3 sentences"):
        assemble(script(), [take(100), take(100)])
