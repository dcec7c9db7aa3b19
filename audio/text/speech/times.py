"""Clock times, durations and scores: "19:00 Uhr" → neunzehn Uhr, "8.30 Uhr" → acht Uhr dreißig,
"3:57 Minuten" → drei Minuten siebenundfünfzig Sekunden, "2:1" → zwei zu eins.

Engines read "19:00 Uhr" as "neunzehn Uhr null null Uhr"; a speaker drops zero minutes and
says "ein Uhr", not "eins Uhr". A colon between two numbers is a time or a score: "Uhr" decides,
and without it the words around do ("um 18:45", a ticker line "+++ 23:27 …", "18:00"); the rest,
"mit 30:41 (11:18)", "eine 18:11-Führung", are scores.
"""

from __future__ import annotations

import re

from audio.text.speech import context, grammar, numerals

_HOUR = r"(?<![\w.,:])([01]?\d|2[0-4])"
# "h" stands for "Uhr" only after minutes ("23:00 h"); "24 h" are hours, a measure.
_WITH_UHR = re.compile(
    rf"{_HOUR}(?:(?::([0-5]\d)(?::([0-5]\d))?|\.([0-5]\d))\s*(?:Uhr|h)|\s*Uhr)\b"
)
# A duration: "3:57 Minuten" is three minutes and 57 seconds, "1:30 Stunden" ninety minutes.
_DURATION = re.compile(r"(?<![\w.,:])(\d{1,2}):([0-5]\d)\s+(Minuten|Min\.|Stunden|Std\.)")
# A race time: "1:43,12 min" → eine Minute dreiundvierzig Komma eins zwei Sekunden.
_RACE = re.compile(r"(?<![\w.,:])(\d{1,2}):([0-5]\d),(\d{1,3})(?:\s*(?:min|Min\.|Minuten)\b)?")
_COLON = re.compile(rf"{_HOUR}:([0-5]\d)(?::([0-5]\d))?(?![\d:])")
# A ticker line starts with its time: "18.32: Die Kardinäle …", "(20.00)" after an evening.
_TICKER = re.compile(r"^([01]?\d|2[0-4])\.([0-5]\d)(?=:\s)")
_BRACKETED = re.compile(r"\(([01]?\d|2[0-4])\.(00|[1-5]\d)\)")
_SCORE = re.compile(r"(?<![\w.,:])(\d+):(\d+)(?![\d:])")
# Words after which a bare "18:45" is a time of day.
_BEFORE_TIME = {
    "um", "gegen", "ab", "bis", "seit", "vor", "zwischen", "und", "stand", "beginn", "start",
    "anpfiff", "anstoß", "einlass", "treffpunkt", "ende", "zeit", "uhrzeit", "+++", "abfahrt",
    "ankunft", "öffnung", "schluss", "termin", "heute", "morgen", "abends", "morgens",
}  # fmt: skip
# A time right after a date's year: "21-02-2017 23:40", "21.02.2017 23:40".
_AFTER_DATE = re.compile(r"(?<!\d)(?:1\d|20)\d\d,?\s*$")
_LAST_WORD = re.compile(r"([\wäöüßÄÖÜ]+|\+\+\+)\W*$")


def read_times(text: str) -> str:
    text = _TICKER.sub(lambda m: _say(m[1], m[2]), text)
    text = _BRACKETED.sub(lambda m: f"({_say(m[1], m[2])})", text)
    text = _WITH_UHR.sub(_with_uhr, text)
    text = _DURATION.sub(_duration, text)
    text = _RACE.sub(_race, text)
    text = _COLON.sub(_colon, text)
    return _SCORE.sub(
        lambda m: f"{numerals.cardinal(int(m[1]))} zu {numerals.cardinal(int(m[2]))}", text
    )


def _hour(written: str) -> str:
    return numerals.cardinal(int(written), compound=True)


def _count(number: int, singular: str, plural: str) -> str:
    return f"eine {singular}" if number == 1 else f"{numerals.cardinal(number)} {plural}"


def _say(hour: str, minutes: str | None = None, seconds: str | None = None) -> str:
    spoken = f"{_hour(hour)} Uhr"
    if seconds is not None:
        return (
            f"{spoken} {_count(int(minutes or 0), 'Minute', 'Minuten')} "
            f"{_count(int(seconds), 'Sekunde', 'Sekunden')}"
        )
    minute = int(minutes or 0)
    return f"{spoken} {numerals.cardinal(minute)}" if minute else spoken


def _with_uhr(match: re.Match[str]) -> str:
    hour, minutes, seconds, dotted = match.groups()
    return _say(hour, minutes or dotted, seconds)


def _duration(match: re.Match[str]) -> str:
    big, small, unit = match.groups()
    if unit.startswith("Min"):
        names = ("Minute", "Minuten"), ("Sekunde", "Sekunden")
    else:
        names = ("Stunde", "Stunden"), ("Minute", "Minuten")
    spoken = _count(int(big), *names[0])
    return f"{spoken} {_count(int(small), *names[1])}" if int(small) else spoken


def _is_time(match: re.Match[str]) -> bool:
    """Whether a bare "H:MM" is a clock time rather than a score."""
    hour, minutes = match[1], match[2]
    if minutes.startswith("0") or (len(hour) == 2 and hour.startswith("0")) or match[3]:
        return True
    before = context.before(match)
    if not before.strip():
        return not context.after(match).startswith("-")
    if _AFTER_DATE.search(before):
        return True
    last = _LAST_WORD.search(before)
    return bool(last) and last[1].lower() in _BEFORE_TIME


def _colon(match: re.Match[str]) -> str:
    if not _is_time(match):
        return match[0]
    return _say(match[1], match[2], match[3])


def _race(match: re.Match[str]) -> str:
    minutes, seconds, fraction = match.groups()
    spoken = f"{numerals.cardinal(int(seconds))} Komma {numerals.digits(fraction)} Sekunden"
    if int(minutes) == 1:
        one = grammar.indefinite(context.before(match), grammar.FEMININE)
        return f"{one} Minute {spoken}"
    return f"{numerals.cardinal(int(minutes))} Minuten {spoken}"
