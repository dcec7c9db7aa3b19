"""Spoken sentences → the pieces of text that go to an online engine, one request each.

Google reads at most 100 characters per request. Cutting the script into as few pieces as possible
is what makes gTTS fast; cutting them in the right places is what keeps it sounding like speech. So
the cut points are chosen together (dynamic programming over every space in the script): a request
costs 1, a cut inside a sentence costs a bit more the worse the place is (after a comma, before a
conjunction, between two words), and some places are never cut (after an abbreviation, inside a
number, inside a name). Whole sentences are packed together where they fit.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

MAX_CHARS = 100

# Extra cost of a piece, by where it ends. A request costs 1.
_AT_SENTENCE_END = 0.0
_AT_CLAUSE = 0.3
_BEFORE_CONJUNCTION = 0.45
_BEFORE_PREPOSITION = 0.6
_BETWEEN_WORDS = 0.8
_AFTER_FUNCTION_WORD = 1.2
# Never, unless there is no other way: inside an abbreviation, a number or a name.
_FORBIDDEN = 100.0
# Extra cost of each sentence end inside a piece: its audio must be split there afterwards.
_SENTENCE_INSIDE = 0.15

_CLAUSE_END = re.compile(r"[,;:)\]–—-]$|^[–—-]$")
# fmt: off
_CONJUNCTIONS = frozenset({
    "und", "oder", "aber", "doch", "sondern", "denn", "dass", "weil", "wenn", "als", "ob", "wie",
    "wo", "während", "obwohl", "damit", "sodass", "bis", "seit", "nachdem", "bevor", "falls",
    "sowie",
})
_PREPOSITIONS = frozenset({
    "an", "auf", "aus", "bei", "durch", "für", "gegen", "hinter", "im", "in", "mit", "nach",
    "neben", "ohne", "über", "um", "unter", "von", "vor", "zu", "zum", "zur", "zwischen",
})
# Words that lean on the next one: articles, possessives, prepositions.
_LEANING = _PREPOSITIONS | {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "sein", "seine", "seinem", "seinen", "seiner", "ihr", "ihre", "ihrem", "ihren", "ihrer",
    "kein", "keine", "keinem", "keinen", "keiner",
}
# fmt: on
# "z.", "B.", "Dr.", "bzw.", "21.": a full stop inside a sentence belongs to what precedes it.
_ABBREVIATION = re.compile(r"\w\.$")
_NUMERIC = re.compile(r"\d")
_CAPITALIZED = re.compile(r"^[„\"'(]?[A-ZÄÖÜ]")


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of sentence number `sentence`."""

    sentence: int
    start: int
    end: int


@dataclass(frozen=True)
class Piece:
    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class _Word:
    sentence: int
    start: int
    end: int
    text: str


def pack(texts: Sequence[str], limit: int = MAX_CHARS) -> list[Piece]:
    """The fewest, best-cut pieces of at most `limit` characters that read `texts` in order.

    Sentences without a letter or digit are left out: there is nothing to say.
    """
    words = [
        _Word(index, match.start(), match.end(), match.group())
        for index, text in enumerate(texts)
        if re.search(r"\w", text)
        for match in re.finditer(r"\S+", text)
    ]
    words = [piece for word in words for piece in _fit(word, limit)]
    if not words:
        return []
    ends = _end_costs(words)
    # best[j]: the cheapest way to read words[:j] with a cut after word j - 1.
    best: list[float] = [0.0] + [float("inf")] * len(words)
    back = [0] * (len(words) + 1)
    for j in range(1, len(words) + 1):
        length = -1
        inside = 0
        for i in range(j - 1, -1, -1):
            length += len(words[i].text) + 1
            if length > limit:
                break
            if i < j - 1 and words[i].sentence != words[i + 1].sentence:
                inside += 1
            cost = best[i] + 1 + ends[j - 1] + _SENTENCE_INSIDE * inside
            if cost < best[j]:
                best[j], back[j] = cost, i
    cuts = [len(words)]
    while cuts[-1]:
        cuts.append(back[cuts[-1]])
    cuts.reverse()
    return [_piece(words[i:j]) for i, j in itertools.pairwise(cuts)]


def _end_costs(words: Sequence[_Word]) -> list[float]:
    """What it costs to end a piece after each word."""
    costs = []
    for word, following in zip(words, [*words[1:], None], strict=True):
        if following is None or following.sentence != word.sentence:
            costs.append(_AT_SENTENCE_END)
        elif following.start == word.end:
            costs.append(_FORBIDDEN)  # the halves of a word longer than a piece
        elif _ABBREVIATION.match(word.text) or (
            _NUMERIC.search(word.text) and _NUMERIC.search(following.text)
        ):
            costs.append(_FORBIDDEN)
        elif _CLAUSE_END.search(word.text):
            costs.append(_AT_CLAUSE)
        elif _CAPITALIZED.match(word.text) and _CAPITALIZED.match(following.text):
            costs.append(_FORBIDDEN)
        elif word.text.lower() in _LEANING:
            costs.append(_AFTER_FUNCTION_WORD)
        elif following.text.lower() in _CONJUNCTIONS:
            costs.append(_BEFORE_CONJUNCTION)
        elif following.text.lower() in _PREPOSITIONS:
            costs.append(_BEFORE_PREPOSITION)
        else:
            costs.append(_BETWEEN_WORDS)
    return costs


def _fit(word: _Word, limit: int) -> list[_Word]:
    """A word longer than a piece, cut into pieces (it never happens in German prose)."""
    if len(word.text) <= limit:
        return [word]
    return [
        _Word(word.sentence, word.start + at, word.start + at + len(part), part)
        for at in range(0, len(word.text), limit)
        for part in [word.text[at : at + limit]]
    ]


def _piece(words: Sequence[_Word]) -> Piece:
    spans: list[Span] = []
    for word in words:
        if spans and spans[-1].sentence == word.sentence:
            spans[-1] = Span(word.sentence, spans[-1].start, word.end)
        else:
            spans.append(Span(word.sentence, word.start, word.end))
    return Piece(" ".join(word.text for word in words), tuple(spans))
