"""Fractions: "1/3" → ein Drittel, "1 1/2" → eineinhalb, "3/4-Mehrheit" → drei Viertel Mehrheit.

Only a numerator below the denominator (or halves) makes a fraction: "24/7" and "2021/22" are
something else and stay for later rules.
"""

from __future__ import annotations

import re

from audio.text.speech import numerals

MIXED = r"(?:(?<![\w.,/])[-−](?=\d))?(?<![\w.,/])(?:\d{1,2}\s+)?\d{1,3}/\d{1,4}(?![\d/]|[.,]\d)"
"""A fraction, possibly negative or after a whole number (a regex)."""
_FRACTION = re.compile(MIXED)
_PARTS = re.compile(r"([-−])?(?:(\d+)\s+)?(\d+)/(\d+)")


def is_fraction(written: str) -> bool:
    """Whether a match of MIXED is read as a fraction."""
    _, _, numerator, denominator = _PARTS.fullmatch(written.strip()).groups()
    top, bottom = int(numerator), int(denominator)
    # "10/20" and "16/45" are file numbers and issues, not tenths of twenties: a written
    # fraction has a one-digit numerator.
    return 2 <= bottom <= 1000 and (top < bottom or bottom == 2) and top < 10


def say(written: str) -> str:
    """A written fraction in words (assumes is_fraction)."""
    sign, whole, numerator, denominator = _PARTS.fullmatch(written.strip()).groups()
    top, bottom = int(numerator), int(denominator)
    if bottom == 2:
        part = "ein halb" if top == 1 else f"{numerals.cardinal(top)} Halbe"
    else:
        name = numerals.ordinal_stem(bottom).capitalize() + "el"
        part = f"{'ein' if top == 1 else numerals.cardinal(top)} {name}"
    if whole:
        # "eineinhalb", "zweidreiviertel": a mixed number is one word.
        part = numerals.cardinal(int(whole), compound=True) + part.replace(" ", "").lower()
    return f"minus {part}" if sign else part


def read_fractions(text: str) -> str:
    return _FRACTION.sub(lambda m: say(m[0]) if is_fraction(m[0]) else m[0], text)
