"""Every German phrase the narrator adds to an article, in one place for editors to change."""

from __future__ import annotations

from datetime import datetime

from audio.text.calendar import MONTH_NAMES, NEWSROOM_TZ

CHAPTER_INTRO = "Ansage"
CHAPTER_TEASER = "Vorspann"
CHAPTER_BODY = "Kommentar"
CHAPTER_OUTRO = "Abspann"


def written_date(moment: datetime) -> str:
    """`21. Januar 2022`: the written form; the normalizer turns it into words in context."""
    return f"{moment.day}. {MONTH_NAMES[moment.month - 1]} {moment.year}"


def written_time(moment: datetime) -> str | None:
    """`19:00 Uhr`, or None for midnight: the readers give a dateline or front-matter date
    without a time of day as midnight, and a commentary is not announced at "null Uhr"."""
    if (moment.hour, moment.minute) == (0, 0):
        return None
    return f"{moment.hour}:{moment.minute:02d} Uhr"


def written_moment(moment: datetime) -> str:
    """`21. Januar 2022, 19:00 Uhr` in the newsroom's time, the time left out at midnight."""
    local = moment.astimezone(NEWSROOM_TZ)
    clock = written_time(local)
    return written_date(local) + (f", {clock}" if clock else "")


def intro(author: str | None, published: datetime | None) -> str:
    """`Ein Kommentar von X vom 21. Januar 2022, 19:00 Uhr.`: who wrote it and when, as the
    dateline says, in the newsroom's time (a front-matter date may be given in UTC)."""
    by = f" von {author}" if author else ""
    when = f" vom {written_moment(published)}" if published else ""
    return f"Ein Kommentar{by}{when}."


def outro(author: str | None, podcast_title: str) -> list[str]:
    closing = f"Das war ein Kommentar von {author}." if author else "Das war der Kommentar."
    return [closing, f"Sie hörten {podcast_title}."]
