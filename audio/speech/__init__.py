"""German text → the words a news speaker says. Engine-independent; every engine gets its output.

The walking skeleton only splits sentences; the rule families arrive with the normalization issue.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\d\.)\s+(?=[A-ZÄÖÜ„\"])")


class Lexicon(dict[str, str]):
    """Written word → how to say it."""


def split_sentences(paragraph: str) -> list[str]:
    """Written sentences of one paragraph."""
    return [s for s in _SENTENCE_END.split(paragraph.strip()) if s]


def normalize(sentence: str, lexicon: Lexicon | None = None) -> str:
    """The spoken form of one written sentence."""
    words = sentence.split()
    if lexicon:
        words = [lexicon.get(word, word) for word in words]
    return " ".join(words)
