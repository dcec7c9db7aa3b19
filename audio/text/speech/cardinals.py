"""Every number the other families left: "100.000" → hunderttausend, "5,3" → fünf Komma drei.

Also numbers inside words: "21-jährige" → einundzwanzigjährige, "3-fach" → dreifach,
"Covid-19" → Covid neunzehn, "§ 219a" → zweihundertneunzehn a, and "1" before a noun, which
agrees with it ("ein Tag", "eine Woche").
"""

from __future__ import annotations

import re

from audio.text.speech import context, grammar, numerals

_LETTER_HYPHEN = re.compile(r"(?<=[A-Za-zÄÖÜäöüß])-(?=\d)")
_SCALED = re.compile(rf"({numerals.AMOUNT})\s*({numerals.SCALE})(?![\w])")
# "21-jährige", "3-fach", "18-Jährige": the number and the word are one word when spoken.
_JOINED = re.compile(r"(?<![\w.])(\d+)-([a-zäöüß]+|Jährige[nr]?|Fache[ns]?)(?![\w-])")
_ONE = re.compile(r"(?<![\w.,])1(?= [A-ZÄÖÜ][a-zäöüß])")
_SUFFIX = re.compile(r"(?<![\w.,])(\d+)([a-zäöüß]+|[A-ZÄÖÜ]+)(?![\w])")
_DOTTED = re.compile(r"(?<![\w.,])\d+(?:\.\d+)+(?!\w|\.\d)")
_AMOUNT = re.compile(numerals.AMOUNT)


def read_cardinals(text: str) -> str:
    text = _LETTER_HYPHEN.sub(" ", text)
    text = _SCALED.sub(lambda m: numerals.scaled(m[1], m[2], context.before(m)), text)
    text = _JOINED.sub(_joined, text)
    text = _ONE.sub(_one, text)
    text = _SUFFIX.sub(_suffixed, text)
    text = _AMOUNT.sub(lambda m: numerals.amount(m[0]), text)
    # What is left with dots is no German number: a version or section, "3.1".
    return _DOTTED.sub(lambda m: " Punkt ".join(map(numerals.amount, m[0].split("."))), text)


def _joined(match: re.Match[str]) -> str:
    number, word = match.groups()
    spoken = numerals.cardinal(int(number), compound=True) + word.lower()
    return spoken.capitalize() if word[0].isupper() else spoken


def _one(match: re.Match[str]) -> str:
    words = grammar.last_words(context.before(match), 2)
    # After a noun inside the sentence the 1 is a label: "Absatz 1 Grundgesetz", "Platz 1".
    if len(words) == 2 and words[1][:1].isupper() and words[0] not in ".!?:":
        return "eins"
    noun = context.next_word(context.after(match))
    return grammar.indefinite(context.before(match), grammar.gender(noun))


def _suffixed(match: re.Match[str]) -> str:
    """A number with letters: "3x" → dreimal, "12a" → zwölf a, "2D" → zwei D."""
    number, letters = match.groups()
    if letters == "x":
        return numerals.cardinal(int(number), compound=True) + "mal"
    if len(letters) == 1 or letters.isupper():
        return f"{numerals.amount(number)} {' '.join(letters)}"
    return numerals.cardinal(int(number), compound=True) + letters
