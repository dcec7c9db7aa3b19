"""German datelines as news sites print them: `21. Januar 2022, 19:00 Uhr`, `Fr., 21.01.2022 um
19:00 Uhr`, `21. Januar 2022 | 19:00 Uhr`, `Stand: 21.01.2022`, and a publication beside its
update (`Veröffentlicht am … , aktualisiert am …`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from audio.text.calendar import ABBREVIATIONS, MONTHS, NEWSROOM_TZ

_MONTH_NUMBERS = MONTHS | ABBREVIATIONS
_MONTH_NAMES = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_DATE = (
    rf"(?:(?P<day>\d{{1,2}})\.\s*(?:(?P<month_name>{_MONTH_NAMES})\.?|(?P<month>\d{{1,2}})\.)"
    rf"\s*(?P<year>\d{{4}}|\d{{2}}(?!\d))"
    r"|(?P<iso_year>\d{4})-(?P<iso_month>\d{2})-(?P<iso_day>\d{2}))"
)
_TIME = (
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2})(?::\d{2})?(?:\s*Uhr)?|\s*Uhr)"
    r"(?:\s*(?:MEZ|MESZ|CET|CEST))?"
)
UPDATE_LABELS = r"zuletzt aktualisiert|aktualisiert|update|stand|geändert|zuletzt geändert"
"""Labels of a stamp that tells when the page last changed, not when it first appeared."""
_LABEL = (
    rf"(?P<label>{UPDATE_LABELS}|veröffentlicht|erstveröffentlichung|erschienen"
    r"|erscheinungsdatum|publiziert|erstellt|datum)(?:\s+am|\s*:)?\s+"
)
# A weekday ("Fr.,", "Freitag,") or a place ("Berlin,") may stand before the date.
_LEAD_WORD = r"(?:[A-Za-zÄÖÜäöüß]+\.?,?\s+)?"
_SEPARATOR = r"\s*(?:,|-|–|—|\||·|/|\bum\b)?\s*(?:um\s+)?"
_STAMP = re.compile(rf"(?:{_LABEL})?{_LEAD_WORD}{_DATE}(?:{_SEPARATOR}{_TIME})?", re.IGNORECASE)
_BETWEEN = re.compile(r"[\s,;|·•/–—-]*(?:und\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Stamp:
    """One moment a dateline names, and whether it is the page's last update."""

    moment: datetime
    updated: bool


def parse_stamps(line: str) -> list[Stamp] | None:
    """Every moment on a dateline, in order; None if the line is anything but datelines."""
    rest, stamps = line.strip(), []
    while rest:
        match = _STAMP.match(rest)
        if match is None or (moment := _moment(match)) is None:
            return None
        label = (match["label"] or "").lower()
        stamps.append(Stamp(moment, bool(re.fullmatch(UPDATE_LABELS, label))))
        rest = rest[match.end() :]
        rest = rest[_BETWEEN.match(rest).end() :]  # type: ignore[union-attr]
    return stamps or None


def parse_dateline(line: str) -> datetime | None:
    """`21. Januar 2022, 19:00 Uhr` → 2022-01-21 19:00 Europe/Berlin; the first publication of
    a line that also names an update; None if it is no dateline."""
    stamps = parse_stamps(line)
    return first_publication(stamps) if stamps else None


def first_publication(stamps: list[Stamp]) -> datetime:
    """The earliest moment not labelled an update; the earliest update if that is all."""
    published = [stamp.moment for stamp in stamps if not stamp.updated]
    return min(published or [stamp.moment for stamp in stamps])


def _moment(match: re.Match[str]) -> datetime | None:
    if match["iso_year"]:
        year, month, day = (int(match[f"iso_{part}"]) for part in ("year", "month", "day"))
    else:
        name = match["month_name"]
        month = _MONTH_NUMBERS[name.lower()] if name else int(match["month"])
        year, day = int(match["year"]), int(match["day"])
        year += 2000 if year < 100 else 0
    hour, minute = (int(match["hour"]), int(match["minute"] or 0)) if match["hour"] else (0, 0)
    try:
        return datetime.combine(date(year, month, day), time(hour, minute), tzinfo=NEWSROOM_TZ)
    except ValueError:
        return None
