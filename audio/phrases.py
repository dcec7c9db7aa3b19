"""Every German phrase the narrator adds to an article, in one place for editors to change."""

from __future__ import annotations

from datetime import datetime

from audio.readers.fields import MONTH_NAMES

CHAPTER_INTRO = "Ansage"
CHAPTER_TEASER = "Vorspann"
CHAPTER_BODY = "Kommentar"
CHAPTER_OUTRO = "Abspann"


def written_date(moment: datetime) -> str:
    """`21. Januar 2022`: the written form; the normalizer turns it into words in context."""
    return f"{moment.day}. {MONTH_NAMES[moment.month - 1]} {moment.year}"


def intro(author: str | None, published: datetime | None) -> str:
    by = f" von {author}" if author else ""
    when = f" vom {written_date(published)}" if published else ""
    return f"Ein Kommentar{by}{when}."


def outro(author: str | None, podcast_title: str) -> list[str]:
    closing = f"Das war ein Kommentar von {author}." if author else "Das war der Kommentar."
    return [closing, f"Sie hörten {podcast_title}."]
