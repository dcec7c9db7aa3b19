"""Packing spoken sentences into gTTS requests: few pieces, cut where a speaker would breathe."""

from __future__ import annotations

import math

import pytest
from gtts import gTTS

from audio.voice.engines.pieces import MAX_CHARS, pack
from tests.google import seed_sentences


def test_seed_needs_at_most_1_3_times_the_minimum_requests() -> None:
    texts = seed_sentences()
    characters = len(" ".join(texts))
    pieces = pack(texts)
    assert len(pieces) <= 1.3 * math.ceil(characters / MAX_CHARS)
    # gTTS's own tokenizer, on the same text, sends far more requests.
    own = gTTS(" ".join(texts), lang="de")._tokenize(" ".join(texts))
    assert len(pieces) < 0.7 * len(own)


def test_pieces_read_every_word_in_order_and_fit() -> None:
    texts = seed_sentences()
    pieces = pack(texts)
    assert all(len(piece.text) <= MAX_CHARS for piece in pieces)
    assert " ".join(piece.text for piece in pieces).split() == " ".join(texts).split()


def test_spans_say_which_characters_of_which_sentence_a_piece_reads() -> None:
    texts = seed_sentences()
    for piece in pack(texts):
        read = [texts[span.sentence][span.start : span.end] for span in piece.spans]
        assert " ".join(read) == piece.text
    covered = [
        (span.sentence, span.start, span.end) for piece in pack(texts) for span in piece.spans
    ]
    for index, text in enumerate(texts):
        mine = [c for c in covered if c[0] == index]
        assert mine[0][1] == 0 and mine[-1][2] == len(text)


def test_short_sentences_share_a_piece() -> None:
    pieces = pack(["Es gäbe nur Verlierer.", "Das war ein Kommentar.", "Sie hörten uns."])
    assert [piece.text for piece in pieces] == [
        "Es gäbe nur Verlierer. Das war ein Kommentar. Sie hörten uns."
    ]
    assert [span.sentence for span in pieces[0].spans] == [0, 1, 2]


def test_a_long_sentence_is_cut_after_a_comma() -> None:
    sentence = (
        "Die Krisendiplomatie läuft seit nunmehr zwei Wochen auf Hochtouren, "
        "und doch bewegen sich Russland und die USA mit ihren Verbündeten im Kreis."
    )
    first, second = pack([sentence])
    assert first.text.endswith("Hochtouren,")
    assert second.text.startswith("und doch")


@pytest.mark.parametrize(
    "whole", ["z. B.", "100 000", "Frank-Walter Steinmeier", "Antony Blinken", "Dr. Anna Weber"]
)
def test_never_cut_inside_an_abbreviation_number_or_name(whole: str) -> None:
    # Plain words all around, and the words under test placed across every possible cut point
    # of a sentence that needs two pieces: the only cut that keeps two pieces is inside them.
    for before in range(80, 101):
        words = ("gut " * 40)[:before].rstrip()
        sentence = f"{words} {whole} {('und gut ' * 20)[: 190 - before - len(whole)].strip()}."
        pieces = pack([sentence])
        assert any(whole in piece.text for piece in pieces), (before, pieces)


def test_forbidden_cuts_are_taken_when_nothing_else_fits() -> None:
    names = " ".join(["Anna Beispiel Bernd Muster Carla Probe"] * 4) + "."
    pieces = pack([names])
    assert all(len(piece.text) <= MAX_CHARS for piece in pieces)
    assert " ".join(piece.text for piece in pieces) == names


def test_sentences_without_words_send_nothing() -> None:
    pieces = pack(["–", "Ja.", "…"])
    assert [(piece.text, piece.spans[0].sentence) for piece in pieces] == [("Ja.", 1)]
