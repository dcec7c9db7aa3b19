"""Ordinals: "im 20. Jahrhundert" → zwanzigsten, "der 3. Platz" → dritte, "3te" → dritte.

A number with a dot is an ordinal or a number that ends a sentence ("im Jahr 2021."); `is_ordinal`
tells them apart and the sentence splitter asks it the same question.
"""

from __future__ import annotations

import re

from audio.text.speech import context, dates, grammar, numerals

# Nouns (and the last part of compounds) that newspapers count with ordinals: after a bare
# "2." they show that no sentence ended ("2. Liga", "100. Geburtstag").
_COUNTED = (
    "jahrhundert", "jahrhunderts", "jh", "jhd", "jahrtausend", "jahrestag", "geburtstag",
    "todestag", "tag", "platz", "rang", "mal", "runde", "liga", "klasse", "lesung", "sitzung",
    "welle", "stock", "etage", "stelle", "amtszeit", "periode", "wahlgang", "durchgang",
    "weltkrieg", "staffel", "folge", "auflage", "ausgabe", "etappe", "halbzeit", "quartal",
    "halbjahr", "semester", "advent", "sonntag", "sinfonie", "symphonie", "kammer", "senat",
    "armee", "division", "paket", "versuch", "anlauf", "jahrgang", "generation", "person",
    "kapitel", "teil", "band", "akt", "satz", "instanz", "minute", "spieltag", "legislatur",
    "jahr", "buch", "film", "album", "sieg", "tor", "kind", "rede", "gipfel",
)  # fmt: skip
_ORDINAL = re.compile(r"(?<![\w.,])(\d+)\.(?!\d)")
_SUFFIXED = re.compile(r"(?<![\w.,])(\d+)(s?te([nrsm]?))(?![\w])")
# Ordinals in a row share the noun that follows the last of them ("3. und 4. Liga").
_NOUN_AFTER = re.compile(
    r"(?:\s*(?:,|und|oder|bis|sowie|bzw\.)\s*\d+\.)*\s*([\wäöüÄÖÜß][\w.äöüÄÖÜß-]*)"
)


def is_ordinal(before: str, after: str) -> bool:
    """Whether a number with a dot, between `before` and `after`, is an ordinal."""
    words = grammar.last_words(grammar.governing_text(before), 1)
    if words and grammar.is_determiner(words[0]):
        return True
    following = context.next_word(after)
    if following is None:
        return not before.strip() and not after.strip()
    if following[:1].islower() or dates.month_number(following) is not None:
        return True
    return following.lower().rstrip(".").endswith(_COUNTED)


def read_ordinals(text: str) -> str:
    text = _SUFFIXED.sub(_suffixed, text)
    return _ORDINAL.sub(_dotted, text)


def _noun(after: str) -> str | None:
    found = _NOUN_AFTER.match(after)
    return found.group(1) if found else None


def _dotted(match: re.Match[str]) -> str:
    before, after = context.before(match), context.after(match)
    if not is_ordinal(before, after):
        return match[0]
    ending = grammar.ending(grammar.governing_text(before), _noun(after))
    return numerals.ordinal(int(match[1]), ending) + context.final_dot(match)


def _suffixed(match: re.Match[str]) -> str:
    """An ordinal written with its ending ("3te", "20sten"), which we keep."""
    return numerals.ordinal(int(match[1]), "e" + match[3])
