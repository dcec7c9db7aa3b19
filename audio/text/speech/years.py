"""Years and decades: "1990" → neunzehnhundertneunzig, "90er-Jahre" → neunziger Jahre.

A four-digit number from 1100 to 2099 without a thousands dot is read the way years are. Counts
written that way ("1500 Menschen") come out as "fünfzehnhundert", which German also says, while
a year read as "tausendneunhundertneunzig" would sound wrong; "2024 Menschen" comes out as
"zweitausend vierundzwanzig", said the same as the count.
"""

from __future__ import annotations

import re

from audio.text.speech import numerals

_DECADE = re.compile(r"(?<![\w.,])(\d{2,4})er(?:[-\s](Jahren?)\b)?(?![\w])")
_SEASON = re.compile(r"(?<![\w.,/])(\d{4})/(\d{2})(?![\w/])")
# "1956/1957": both years in full, as written.
_YEAR_PAIR = re.compile(r"(?<![\w.,/])(1[1-9]\d\d|20\d\d)/(1[1-9]\d\d|20\d\d)(?![\w/])")
_YEAR = re.compile(r"(?<![\w.,:/-])(1[1-9]\d\d|20\d\d)(?![\w]|[.,:]\d)")


def read_years(text: str) -> str:
    text = _DECADE.sub(_decade, text)
    text = _YEAR_PAIR.sub(lambda m: f"{numerals.year(int(m[1]))} {numerals.year(int(m[2]))}", text)
    text = _SEASON.sub(lambda m: f"{numerals.year(int(m[1]))} {numerals.cardinal(int(m[2]))}", text)
    return _YEAR.sub(lambda m: numerals.year(int(m[1])), text)


def _decade(match: re.Match[str]) -> str:
    written, jahre = match.groups()
    number = int(written)
    words = numerals.year(number) if len(written) == 4 else numerals.cardinal(number)
    # A decade is one word: "neunzehnhundertneunziger Jahre".
    words = words.replace(" ", "")
    return f"{words}er" + (f" {jahre}" if jahre else "")
