"""Pieces of article metadata shared by the readers: bylines, German datelines, titles."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from audio.text.calendar import ABBREVIATIONS, MONTHS, NEWSROOM_TZ

# A dateline's month: written out, or abbreviated with or without its dot.
_MONTH_NUMBERS = MONTHS | ABBREVIATIONS
_MONTH_NAMES = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_DATE = (
    rf"(?P<day>\d{{1,2}})\.\s*(?:(?P<month_name>{_MONTH_NAMES})\.?|(?P<month>\d{{1,2}})\.)"
    rf"\s*(?P<year>\d{{4}})"
)
_TIME = r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*Uhr)?"
_DATELINE = re.compile(
    rf"^(?:[A-Za-zäöüÄÖÜ]+(?:,|\s)\s*)?(?:(?:Stand|Aktualisiert|Veröffentlicht)(?: am)?:?\s*)?"
    rf"{_DATE}(?:\s*(?:,|-|–|um)?\s*{_TIME})?\s*$",
    re.IGNORECASE,
)

# Scrapers glue the avatar image's alt text ("Avatar_prignitzer") or a label to the byline; only
# such prefixes are allowed, so that a subheading like "Die Rückkehr von Donald Trump" is no byline.
_BYLINE_PREFIX = (
    r"(?:\S*_\S*|avatar|foto|bild|autor(?:in)?:?|kommentar"
    r"|ein\s+(?:kommentar|gastbeitrag|leitartikel))"
)
_NAME_WORD = r"[A-ZÄÖÜ][\w'’.-]*"
_NAME = (
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:(?:von|van|de|der|den|zu|und|di|da)\s+)*{_NAME_WORD}){{0,4}})"
)
_BYLINE = re.compile(rf"^(?i:(?:{_BYLINE_PREFIX}\s+)*(?:von|autor(?:in)?:))\s+{_NAME}\s*$")
BYLINE_MAX = 80
TITLE_MAX = 90
# A clause shorter than this says too little to stand as a title; cut at a word instead.
TITLE_MIN = 30
_CLAUSE_BREAK = re.compile(r"\s+[-–—]\s+|[,;:]\s+")


def parse_dateline(line: str) -> datetime | None:
    """`21. Januar 2022, 19:00 Uhr` → 2022-01-21 19:00 Europe/Berlin; None if it is no dateline."""
    match = _DATELINE.match(line.strip())
    if not match:
        return None
    month_name = match["month_name"]
    month = _MONTH_NUMBERS[month_name.lower()] if month_name else int(match["month"])
    hour, minute = (int(match["hour"]), int(match["minute"])) if match["hour"] else (0, 0)
    try:
        day = date(int(match["year"]), month, int(match["day"]))
        moment = time(hour, minute)
    except ValueError:
        return None
    return datetime.combine(day, moment, tzinfo=NEWSROOM_TZ)


def parse_byline(line: str) -> str | None:
    """`Avatar_prignitzer von Thomas Ludwig` → `Thomas Ludwig`; None if the line is no byline."""
    line = line.strip()
    if len(line) > BYLINE_MAX or line.endswith((".", "!", "?")):
        return None
    match = _BYLINE.match(line)
    if not match:
        return None
    return match["name"].strip()


def derive_title(teaser: str) -> str:
    """A title from the teaser: its first sentence, cut at a clause or word boundary when long."""
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])", teaser.strip(), maxsplit=1)[0]
    sentence = sentence.rstrip(".")
    if len(sentence) <= TITLE_MAX:
        return sentence
    clause_ends = [m.start() for m in _CLAUSE_BREAK.finditer(sentence) if m.start() <= TITLE_MAX]
    if clause_ends and clause_ends[-1] >= TITLE_MIN:
        return sentence[: clause_ends[-1]]
    cut = sentence[: TITLE_MAX + 1].rsplit(None, 1)[0]
    return cut.rstrip(",;:-–— ") + " …"


QUESTION_HEADING = 80
"""Characters: a one-sentence question alone on its line up to this long is a subheading."""


def is_subheading(block: str) -> bool:
    """A short single line without closing punctuation stands between paragraphs as a subheading;
    so does a short question ("Wie geht es weiter?"), as newspapers set many of theirs. A question
    of more than one sentence, or a long one, is a paragraph."""
    line = block.strip()
    if "\n" in line or not line:
        return False
    if line.endswith("?"):
        return len(line) <= QUESTION_HEADING and not re.search(r"[.!?:;…]\s", line)
    return len(line) <= 120 and not line.endswith(
        (".", "!", ":", ";", ",", "…", '"', "“", "”", "«", "»", ")")
    )


def split_blocks(text: str) -> list[str]:
    """Paragraphs separated by blank lines; if a file has none, every line is a paragraph."""
    text = text.strip()
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [
        " ".join(line.strip() for line in block.splitlines()) for block in blocks if block.strip()
    ]
