"""Cutting one utterance into its sentences at the pauses between them."""

from __future__ import annotations

from array import array

from audio.voice.engines.espeak import EspeakEngine
from audio.voice.engines.utterance import split_at_pauses, without_edges
from audio.voice.ffmpeg import AudioSegment

RATE = 24000


def sound(ms: int) -> AudioSegment:
    """A buzz, as loud throughout as speech is at its loudest."""
    samples = array("h", [6000, 6000, -6000, -6000] * (RATE * ms // 4000))
    return AudioSegment(data=samples.tobytes(), sample_width=2, frame_rate=RATE, channels=1)


def quiet(ms: int) -> AudioSegment:
    return AudioSegment.silent(ms, RATE)


def test_cuts_fall_in_the_sentence_pauses_not_the_comma() -> None:
    # Three sentences read as one: 1.0 s | 0.5 s, comma, 0.7 s | 0.8 s.
    utterance = (
        quiet(100)
        + sound(1000)
        + quiet(400)
        + sound(500)
        + quiet(150)
        + sound(700)
        + quiet(450)
        + sound(800)
        + quiet(100)
    )
    parts = split_at_pauses(utterance, [100, 120, 80])
    lengths = [len(without_edges(part)) for part in parts]
    # Within one 10 ms analysis window.
    assert all(abs(got - want) <= 10 for got, want in zip(lengths, [1000, 1350, 800], strict=True))


def test_a_pause_far_from_the_share_loses_to_one_near_it() -> None:
    utterance = sound(300) + quiet(300) + sound(1500) + quiet(300) + sound(1200)
    first, second = split_at_pauses(utterance, [180, 120])
    assert abs(len(without_edges(first)) - 2100) <= 10
    assert abs(len(without_edges(second)) - 1200) <= 10


def test_espeak_sentences_split_like_they_sound_alone() -> None:
    sentences = [
        "Es gäbe nur Verlierer.",
        "Das war ein Kommentar von Thomas Ludwig.",
        "Sie hörten Kommentare zum Hören.",
    ]
    engine = EspeakEngine()
    (together,) = engine.synthesize([" ".join(sentences)])
    alone = engine.synthesize(sentences)
    parts = split_at_pauses(together, [len(s) for s in sentences])
    for part, solo in zip(parts, alone, strict=True):
        assert abs(len(without_edges(part)) - len(without_edges(solo))) <= 30


def test_more_cuts_than_pauses_still_gives_every_part() -> None:
    parts = split_at_pauses(sound(900) + quiet(300) + sound(900), [1, 1, 1, 1])
    assert len(parts) == 4
    assert sum(len(part) for part in parts) == 2100


def test_one_weight_is_the_whole_audio() -> None:
    audio = quiet(50) + sound(200)
    assert split_at_pauses(audio, [42]) == [audio]


def test_without_edges_keeps_the_sound_only() -> None:
    assert len(without_edges(quiet(120) + sound(400) + quiet(300))) == 400
    assert len(without_edges(quiet(500))) == 0
