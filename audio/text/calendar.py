"""The newsroom's calendar: its time zone, the German weekday names and the month names, in full,
abbreviated, and in their Austrian and umlaut-free spellings. The readers parse datelines with
them, the speech rules say dates with them, and the phrases write the date an intro names."""

from __future__ import annotations

from zoneinfo import ZoneInfo

NEWSROOM_TZ = ZoneInfo("Europe/Berlin")
"""Where a dateline without a time zone was written."""

MONTH_NAMES = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip
ABBREVIATIONS = {
    "jan": 1, "jän": 1, "feb": 2, "febr": 2, "mär": 3, "mrz": 3, "apr": 4, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12,
}  # fmt: skip
"""Month numbers by abbreviation, written with a dot ("Jan."); "Mai" has none."""
VARIANTS = {"jänner": 1, "feber": 2, "maerz": 3}
"""Month numbers by their Austrian names, and März without its umlaut."""
MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)} | VARIANTS
"""Month numbers by every name written out in full, in lower case."""
WEEKDAYS = {
    "mo": "Montag", "di": "Dienstag", "mi": "Mittwoch", "do": "Donnerstag", "fr": "Freitag",
    "sa": "Samstag", "so": "Sonntag",
}  # fmt: skip
"""Weekday names by their two-letter abbreviation, written with a dot ("Mo.–Fr.")."""
