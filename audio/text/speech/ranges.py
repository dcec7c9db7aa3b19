"""Ranges and lists: "9–17 Uhr" → 9 bis 17 Uhr, "1.–5. Juni" → 1. bis 5. Juni, "2019-2021" →
2019 bis 2021, "am 4.+5. Dezember" → 4. und 5. Dezember, "Seite 4+5" → Seite 4 und 5.

Only the dash or plus becomes a word; the numbers stay written so that the times, dates and
ordinals after this read them with their context. ISO dates ("2003-03-02"), numbers with a
leading zero (telephone numbers) and a dateline's year before its time ("25. September 2018 -
15:20 Uhr") are no ranges.
"""

from __future__ import annotations

import re

from audio.text.calendar import MONTH_NAMES

_RANGE = re.compile(
    r"(?<![\w.,-])((?:[1-9][\d.]*|0)(?:,\d+)?\.?)\s*[-–—]\s*(?=[1-9])(?!\d{1,2}-\d)"
)
_YEAR_THEN_TIME = re.compile(r"(?:1\d|20)\d\d")
_TIME = re.compile(r"\d{1,2}[:.]\d\d(?!\d)")
# "4.+5. Dezember" (ordinals), "Seite 4+5" (pages): a list, not a sum.
_LIST = re.compile(r"(?<![\w.,+])(\d{1,3}\.)\s*\+\s*(?=\d{1,3}\.(?!\d))")
# "am 5./6. Juni": two days of one month.
_DAYS = re.compile(
    r"(?<![\w.,/])(\d{{1,2}}\.)\s?/\s?(?=\d{{1,2}}\.\s?(?:{})\b)".format("|".join(MONTH_NAMES))
)
# "April-Juni": a span of months.
_MONTHS = re.compile(r"\b({0})\s?[-–]\s?({0})\b".format("|".join(MONTH_NAMES)))
_PAGES = re.compile(r"\b((?:Seiten?|Kapitel|Nummer|Nr\.|S\.) \d{1,4})\+(?=\d)")


def read_ranges(text: str) -> str:
    text = _LIST.sub(r"\1 und ", text)
    text = _PAGES.sub(r"\1 und ", text)
    text = _MONTHS.sub(r"\1 bis \2", text)
    text = _DAYS.sub(r"\1 und ", text)
    return _RANGE.sub(_range, text)


def _range(match: re.Match[str]) -> str:
    if _YEAR_THEN_TIME.fullmatch(match[1]) and _TIME.match(match.string, match.end()):
        return match[0]
    return f"{match[1]} bis "
