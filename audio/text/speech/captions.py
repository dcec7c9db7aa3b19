"""Photo captions: "(3. v. r.)" → dritter von rechts, "(l.)" → links, "v. l. n. r." → von links
nach rechts.

Caption positions are abbreviations of their own: "r." and "l." mean nothing elsewhere, and
"3. v. r." is an ordinal, a preposition and a side. The ordinal is read in the nominative
("dritter"): the person is the subject of the apposition.
"""

from __future__ import annotations

import re

from audio.text.speech import numerals

_SIDES = {"l": "links", "li": "links", "r": "rechts", "re": "rechts", "m": "Mitte", "mi": "Mitte"}
_ACROSS = re.compile(r"\bv\.\s?([lr])\.\s?n\.\s?([lr])\.", re.IGNORECASE)
_NTH = re.compile(r"(?<![\w.])(\d{1,2})\.\s?v\.\s?([lr])\.", re.IGNORECASE)
_FROM = re.compile(r"(?<=\()v\.\s?([lr])\.(?=\))", re.IGNORECASE)
_SIDE = re.compile(r"(?<=\()(li|re|mi|[lrm])\.(?=\))", re.IGNORECASE)


def read_captions(text: str) -> str:
    text = _ACROSS.sub(lambda m: f"von {_side(m[1])} nach {_side(m[2])}", text)
    text = _NTH.sub(lambda m: f"{numerals.ordinal(int(m[1]), 'er')} von {_side(m[2])}", text)
    text = _FROM.sub(lambda m: f"von {_side(m[1])}", text)
    return _SIDE.sub(lambda m: _side(m[1]), text)


def _side(letter: str) -> str:
    return _SIDES[letter.lower()]
