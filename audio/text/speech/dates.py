"""Dates: "am 21. Januar 2022", "24.02.2022", "30.6.", "2003-03-02" → the day as an ordinal.

The day agrees with what stands before it ("am einundzwanzigsten", a bare dateline
"einundzwanzigster"); the year is read as a year.
"""

from __future__ import annotations

import re

from audio.text.calendar import ABBREVIATIONS, MONTH_NAMES, MONTHS
from audio.text.speech import context, grammar, numerals

_MONTH_NUMBERS = MONTHS | {f"{name}.": number for name, number in ABBREVIATIONS.items()}
MONTH = "(?i:{})".format(
    "|".join(re.escape(m) for m in sorted(_MONTH_NUMBERS, key=len, reverse=True))
)
"""A month name or its abbreviation, any case (a regex)."""

_YEAR = r"(?:\s+(\d{4})(?!\d))"
_NAMED = re.compile(rf"(?<![\w.,])(\d{{1,2}})\.\s*({MONTH})(?![\w]){_YEAR}?")
# "Jan. 2009": an abbreviated month before a year, without a day.
_MONTH_YEAR = re.compile(
    r"(?<![\w.])({})\.\s+(\d{{4}})(?!\d)".format(
        "|".join(sorted(ABBREVIATIONS, key=len, reverse=True))
    ),
    re.IGNORECASE,
)
# The year may follow after a space: "am 23.9. und 7.10. 2006".
_NUMERIC = re.compile(r"(?<![\w.,])(\d{1,2})\.(\d{1,2})\.(?:(\d{4}|\d{2})|\s(\d{4}))?(?![\d]|\.\d)")
# A weekday in apposition lets the date take the case of what governs the weekday: "am
# Donnerstag, 18. Februar," is "am achtzehnten Februar"; so does a date the same words govern,
# "am Donnerstag, 13. November, und Freitag, 14. November", with its time too ("zwischen
# Freitag, 28. Januar, 12.00 Uhr, und Samstag, 29. Januar"; the time is spoken by then).
_WEEKDAY = re.compile(
    r"\b\w*(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag)"
    r"(?:morgen|vormittag|mittag|nachmittag|abend|nacht)?\s*[,(]?\s*$",
    re.IGNORECASE,
)
_COORDINATED_DATE = re.compile(
    rf"(?<![\w.,])\d{{1,2}}\.(?:\d{{1,2}}\.|\s*(?:{MONTH}))(?:\s*\d{{4}})?\s*,?\s*"
    r"(?:[a-zäöüß]+\s+Uhr(?:\s+[a-zäöüß]+)?\s*,?\s*)?(?:und|oder|sowie|bzw\.)\s*$"
)
# A life's dates: "* 12.3.1940" is "geboren am zwölften März", "† 1908" "gestorben 1908".
_LIFE = re.compile(r"(?<![^\s(])([*†])\s*(?=\d)")
_DAY_FIRST = re.compile(r"\d{1,2}\.\s?(?:\d{1,2}\.|[A-ZÄÖÜ])")
# "21-02-2017": day, month and year with hyphens, as some news systems stamp their copy.
_HYPHENATED = re.compile(r"(?<![\w.,-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\w-])")
# Without the closing dot only a leading zero tells a date ("02.03") from "2.3" in a list.
_NUMERIC_ZERO = re.compile(r"(?<![\w.,])(0\d\.\d\d|\d\d\.0\d)(?![\d.,])")
_ISO = re.compile(r"(?<![\w.-])(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?![\w-])")


def month_number(word: str) -> int | None:
    """1–12 for a month name or abbreviation, else None; a sentence's full stop may follow."""
    lower = word.lower()
    return _MONTH_NUMBERS.get(lower, _MONTH_NUMBERS.get(lower.rstrip(".")))


def governing_text(before: str) -> str:
    """The text whose last words decide the day's case: weekdays in apposition and dates the
    same words govern are skipped."""
    while True:
        shorter = _WEEKDAY.sub("", before)
        shorter = _COORDINATED_DATE.sub("", shorter)
        shorter = grammar.governing_text(shorter)
        if shorter == before:
            return before
        before = shorter


def read_dates(text: str) -> str:
    text = _LIFE.sub(_life, text)
    text = _ISO.sub(_iso, text)
    text = _MONTH_YEAR.sub(lambda m: _say(m, None, month_number(m[1] + "."), m[2]), text)
    text = _NAMED.sub(_named, text)
    text = _NUMERIC.sub(_numeric, text)
    text = _HYPHENATED.sub(_numeric, text)
    return _NUMERIC_ZERO.sub(_numeric_zero, text)


def _say(match: re.Match[str], day: int | None, month: int, year: str | None) -> str:
    name = _spoken_month(match, month)
    if day is None:
        spoken = name
    else:
        ending = grammar.ending(governing_text(context.before(match)), name)
        spoken = f"{numerals.ordinal(day, ending)} {name}"
    if year:
        return f"{spoken} {numerals.year(int(year))}"
    return spoken + (context.final_dot(match) if match[0].endswith(".") else "")


def _life(match: re.Match[str]) -> str:
    word = "geboren" if match[1] == "*" else "gestorben"
    return f"{word} am " if _DAY_FIRST.match(match.string, match.end()) else f"{word} "


def _spoken_month(match: re.Match[str], month: int) -> str:
    """The month's name; an Austrian "Jänner" or "Feber" as written."""
    written = next((word for word in re.findall(r"[A-Za-zÄÖÜäöü]+", match[0])), "")
    if written.lower() in {"jänner", "feber"}:
        return written.capitalize()
    return MONTH_NAMES[month - 1]


def _valid(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _named(match: re.Match[str]) -> str:
    day, month = int(match[1]), month_number(match[2])
    if month is None or not _valid(day, month):
        return match[0]
    return _say(match, day, month, match[3])


def _numeric(match: re.Match[str]) -> str:
    day, month = int(match[1]), int(match[2])
    if not _valid(day, month):
        return match[0]
    return _say(match, day, month, match[3] or match[4])


def _numeric_zero(match: re.Match[str]) -> str:
    day, month = (int(part) for part in match[1].split("."))
    return _say(match, day, month, None) if _valid(day, month) else match[0]


def _iso(match: re.Match[str]) -> str:
    month = int(match[2])
    day = int(match[3]) if match[3] else None
    # A four-digit year with a two-digit part is a date; "2020-21" (a season) is not a month.
    if not 1 <= month <= 12 or (day is None and len(match[2]) != 2) or not _valid(day or 1, month):
        return match[0]
    return _say(match, day, month, match[1])
