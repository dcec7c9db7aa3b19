"""Clock times and scores: "19:00 Uhr" → neunzehn Uhr, "8.30 Uhr" → acht Uhr dreißig, "2:1".

Engines read "19:00 Uhr" as "neunzehn Uhr null null Uhr"; a speaker drops zero minutes and
says "ein Uhr", not "eins Uhr".
"""

from __future__ import annotations

import re

from audio.text.speech import numerals

# A colon time needs no "Uhr" ("um 19:30"); with a dot only "Uhr" tells it from a decimal or date.
_CLOCK = re.compile(
    r"(?<![\w.,:])([01]?\d|2[0-4])(?::([0-5]\d)(?::([0-5]\d))?(?:\s*Uhr\b)?|\.([0-5]\d)\s*Uhr\b)"
    r"(?![\d:])"
)
_HOUR = re.compile(r"(?<![\w.,:])([01]?\d|2[0-4])\s*Uhr\b")
_SCORE = re.compile(r"(?<![\w.,:])(\d+):(\d+)(?![\d:])")


def read_times(text: str) -> str:
    text = _CLOCK.sub(_clock, text)
    text = _HOUR.sub(lambda m: f"{_hour(m[1])} Uhr", text)
    return _SCORE.sub(
        lambda m: f"{numerals.cardinal(int(m[1]))} zu {numerals.cardinal(int(m[2]))}", text
    )


def _hour(written: str) -> str:
    return numerals.cardinal(int(written), compound=True)


def _count(number: int, singular: str, plural: str) -> str:
    return f"eine {singular}" if number == 1 else f"{numerals.cardinal(number)} {plural}"


def _clock(match: re.Match[str]) -> str:
    hour, minutes, seconds, dotted_minutes = match.groups()
    spoken = f"{_hour(hour)} Uhr"
    if seconds is not None:
        return (
            f"{spoken} {_count(int(minutes), 'Minute', 'Minuten')} "
            f"{_count(int(seconds), 'Sekunde', 'Sekunden')}"
        )
    minute = int(minutes or dotted_minutes)
    return f"{spoken} {numerals.cardinal(minute)}" if minute else spoken
