"""Weekdays abbreviated in opening hours and event notices: "Mo.–Fr." → Montag bis Freitag,
"Fr., 7. Juli" → Freitag, 7. Juli, "Do. 14–18 Uhr" → Donnerstag 14–18 Uhr.

An abbreviation is a weekday only beside another one, a date or a time: elsewhere "Fr." is
"Frau" and "So." or "Do." can be words at a sentence start.
"""

from __future__ import annotations

import re

from audio.text.calendar import WEEKDAYS

_DAY = r"(?:Mo|Di|Mi|Do|Fr|Sa|So)\."
_SPAN = re.compile(rf"(?<![\w.])({_DAY})\s?[-–]\s?({_DAY})")
_BEFORE_DATE_OR_TIME = re.compile(rf"(?<![\w.])({_DAY})(?=,?\s?\d)")


def read_weekdays(text: str) -> str:
    text = _SPAN.sub(lambda m: f"{_name(m[1])} bis {_name(m[2])}", text)
    return _BEFORE_DATE_OR_TIME.sub(lambda m: _name(m[1]), text)


def _name(written: str) -> str:
    return WEEKDAYS[written[:2].lower()]
