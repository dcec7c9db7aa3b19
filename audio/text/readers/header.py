"""The header of a raw article: which of its first lines are byline, dateline and agency tags,
and what they say together: who wrote it, and when it first appeared."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from audio.text.readers.datelines import Stamp, first_publication, parse_stamps
from audio.text.readers.fields import (
    SERVICES,
    Block,
    is_headline,
    is_name,
    parse_agency,
    parse_byline,
    parse_name_place,
)

# The byline and dateline sit near the top, above the body's first long paragraph; looking
# further would mistake body lines for them.
HEADER_DEPTH = 8


@dataclass(frozen=True)
class Field:
    """What a header line says: who wrote the article, when, or which agency it comes from."""

    author: str | None = None
    stamps: tuple[Stamp, ...] = ()
    agency: str | None = None


def read_field(text: str) -> Field | None:
    """The header field a line is, or None: a byline, a dateline, or several fields on one line
    (`Von Anna Beispiel | 21.01.2022, 19:00 Uhr`)."""
    if author := parse_byline(text) or parse_name_place(text):
        return Field(author=author)
    if stamps := parse_stamps(text):
        return Field(stamps=tuple(stamps))
    return _combined(text)


def _part(text: str) -> Field | None:
    """A field, an agency tag or a bare name, as a part of a line of several fields."""
    if field := read_field(text):
        return field
    if agency := parse_agency(text):
        return Field(agency=agency)
    return Field(author=text.strip()) if is_name(text) else None


def _combined(text: str) -> Field | None:
    """`Von Anna Beispiel | 21.01.2022, 19:00 Uhr`, `Anna Beispiel, 21. Januar 2022`, `Von Anna
    Beispiel Aktualisiert: 21.01.2022`."""
    parts = re.split(r"\s+[|·•]\s+", text)
    if len(parts) == 1:
        parts = re.split(r",\s+(?=\d)", text, maxsplit=1)
    found = [_part(p) for p in parts] if len(parts) > 1 else [None]
    if not all(found):
        return _byline_then_dateline(text)
    fields = [f for f in found if f is not None]
    return Field(
        author=next((f.author for f in fields if f.author), None),
        stamps=tuple(stamp for f in fields for stamp in f.stamps),
        agency=next((f.agency for f in fields if f.agency), None),
    )


def _byline_then_dateline(text: str) -> Field | None:
    """A byline run into its dateline without a separator, as some sites print them."""
    for space in (match.start() for match in re.finditer(r"\s", text)):
        author = parse_byline(text[:space])
        stamps = parse_stamps(text[space + 1 :]) if author else None
        if stamps:
            return Field(author=author, stamps=tuple(stamps))
    return None


def header_fields(blocks: list[Block]) -> dict[int, Field]:
    """The header fields among the first blocks, above the second long paragraph."""
    fields: dict[int, Field] = {}
    prose = 0
    for index, block in enumerate(blocks[:HEADER_DEPTH]):
        if field := read_field(block.text):
            fields[index] = field
        elif is_prose(block.text):
            prose += 1
            if prose == 2:
                break
    return fields


def is_prose(text: str) -> bool:
    """Running text: a long line or several sentences, and no headline."""
    long = len(text) > 120 or bool(re.search(r"[.!?]\s+[A-ZÄÖÜ]", text))
    return long and not is_headline(text)


Header = list[tuple[int, Field]]
"""The header's fields with their line numbers, top down."""


def author_of(
    header: Header, agencies: list[tuple[int, str]], notes: list[str], signed: str | None = None
) -> str | None:
    """The byline's names; else the name `signed` under the text; else the agency the copy
    comes from, said to be a guess."""
    if author := next((f.author for _, f in header if f.author), signed):
        return author
    tagged = [(line, f.agency) for line, f in header if f.agency] + agencies
    tagged = [(line, agency) for line, agency in tagged if agency not in SERVICES]
    if not tagged:
        notes.append("no byline found, the podcast's author is named instead")
        return None
    line, agency = tagged[0]
    notes.append(f"line {line}: no byline found; the agency {agency!r} is named as the author")
    return agency


def unread_tags(author: str | None, tags: list[tuple[int, str]], notes: list[str]) -> None:
    for line, agency in tags:
        if agency != author:
            notes.append(f"line {line}: the agency tag {agency!r} is not read")


def published_of(header: Header, notes: list[str]) -> datetime | None:
    stamps = [stamp for _, field in header for stamp in field.stamps]
    if not stamps:
        notes.append("no dateline found, the time of the first build is used")
        return None
    if all(stamp.updated for stamp in stamps):
        line = next(line for line, field in header if field.stamps)
        notes.append(
            f"line {line}: the dateline gives only the last update; it is taken as the "
            "time of publication"
        )
    return first_publication(stamps)
