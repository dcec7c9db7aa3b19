"""The raw layout newsrooms export and sites are scraped in: [kicker,] [title,] teaser, byline,
dateline, then the body with short unpunctuated lines as subheadings. Page furniture (photo credits,
"Lesen Sie auch", share buttons, prompts, a press release's contact block) is dropped; every line
dropped and every field guessed is named, with its line number, in the Article's warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from audio.errors import ArticleError
from audio.text.article import Article, Section
from audio.text.readers.datelines import Stamp, first_publication, parse_stamps
from audio.text.readers.fields import (
    SERVICES,
    Block,
    derive_title,
    is_headline,
    is_kicker,
    is_label,
    is_name,
    is_subheading,
    numbered_blocks,
    parse_agency,
    parse_byline,
    parse_name_place,
    split_closing_tag,
    split_lead_in,
)
from audio.text.readers.furniture import (
    CAPTION,
    FOOTER,
    caption_text,
    furniture,
    opens_footer,
    quoted,
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


def parse(path: Path, text: str) -> Article:
    notes: list[str] = []
    blocks = _unfolded(numbered_blocks(text))
    blocks = _without_labels(_without_furniture(blocks, notes), notes)
    blocks, tags = _without_agency_tags(blocks)
    blocks, closing = _without_closing_tag(blocks, notes)
    fields = _header_fields(blocks)
    blocks, lead_in = _without_lead_in(blocks, fields, notes)
    lead, body = _split_at_header(blocks, fields)
    title, teaser, body = _lead(lead, body, bool(fields), notes)
    body = _without_footer(body, notes)
    sections = group_sections([block.text for block in body])
    if not sections:
        raise ArticleError(path, "no body text after the byline and dateline")
    if title is None:
        title = derive_title(teaser.text if teaser else sections[0].paragraphs[0])
        where = teaser.line if teaser else body[0].line
        notes.append(f"line {where}: no title line; the title is cut from there: {title!r}")
    header = [(blocks[i].line, fields[i]) for i in sorted(fields)]
    tags += closing
    author = _author(header, sorted([*tags, *lead_in]), notes)
    _unread_tags(author, tags, notes)
    return Article(
        source=path,
        title=title,
        author=author,
        published=_published(header, notes),
        teaser=teaser.text if teaser else None,
        sections=tuple(sections),
        warnings=tuple(sorted(notes, key=_line_of)),
    )


def _unfolded(blocks: list[Block]) -> list[Block]:
    """The top of a copy from a browser, where kicker, dateline, byline and caption come as
    lines of one paragraph, line by line; and a dateline run into the headline on one line
    (`Stand: 10.06.2022 21:00 Uhr Corona-Blog: …`) as two."""
    unfolded: list[Block] = []
    for index, block in enumerate(blocks):
        top = index < HEADER_DEPTH
        if top and len(block.lines) > 1 and _run_together(block):
            unfolded.extend(block.split())
        else:
            unfolded.append(block)
    return [part for i, b in enumerate(unfolded) for part in _dateline_apart(b, i)]


def _run_together(block: Block) -> bool:
    """Whether the paragraph's lines are separate things: one of them is a header field, an
    agency tag or a label; or one is page furniture while the whole is not (a breadcrumb list
    is furniture whole)."""
    if any(read_field(line) or parse_agency(line) or is_label(line) for line in block.lines):
        return True
    return furniture(block.text) is None and any(map(furniture, block.lines))


def _dateline_apart(block: Block, index: int) -> list[Block]:
    if index >= HEADER_DEPTH or read_field(block.text):
        return [block]
    spaces = [match.start() for match in re.finditer(r"\s", block.text)]
    for space in reversed(spaces):
        if parse_stamps(block.text[:space]) and is_headline(block.text[space + 1 :]):
            rest = block.text[space + 1 :]
            return [Block(block.line, block.text[:space]), Block(block.line, rest, (rest,))]
    return [block]


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


def _without_furniture(blocks: list[Block], notes: list[str]) -> list[Block]:
    """The blocks without page furniture, and without a caption's text where a page repeats
    it without its credit beside the captioned one."""
    kept, captions = [], set()
    for block in blocks:
        kind = furniture(block.text)
        if kind is None:
            kept.append(block)
            continue
        notes.append(f"line {block.line}: {kind} is not read: {quoted(block.text)}")
        if kind == CAPTION:
            captions.add(caption_text(block.text))
    for block in [b for b in kept if b.text in captions]:
        notes.append(f"line {block.line}: {CAPTION} is not read: {quoted(block.text)}")
    return [block for block in kept if block.text not in captions]


def _header_fields(blocks: list[Block]) -> dict[int, Field]:
    """The header fields among the first blocks, above the second long paragraph."""
    fields: dict[int, Field] = {}
    prose = 0
    for index, block in enumerate(blocks[:HEADER_DEPTH]):
        if field := read_field(block.text):
            fields[index] = field
        elif _is_prose(block.text):
            prose += 1
            if prose == 2:
                break
    return fields


def _split_at_header(blocks: list[Block], fields: dict[int, Field]) -> tuple[list[Block], ...]:
    """What stands above the last header field (the fields left out), and the body below it.
    Without fields, the first of several paragraphs is the lead."""
    if not fields:
        return (blocks[:1], blocks[1:]) if len(blocks) > 1 else ([], blocks)
    last = max(fields)
    return [b for i, b in enumerate(blocks[:last]) if i not in fields], blocks[last + 1 :]


def _is_prose(text: str) -> bool:
    """Running text: a long line or several sentences, and no headline."""
    long = len(text) > 120 or bool(re.search(r"[.!?]\s+[A-ZÄÖÜ]", text))
    return long and not is_headline(text)


def _lead(
    lead: list[Block], body: list[Block], has_header: bool, notes: list[str]
) -> tuple[str | None, Block | None, list[Block]]:
    """Title, teaser and body: the title and teaser stand above the byline and dateline (what
    else stands there is read as the body's first paragraphs); where nothing does, a headline
    right below them is the title."""
    if not lead and has_header and len(body) > 1 and is_headline(body[0].text):
        return _title_text(body[0], notes), None, body[1:]
    title = None
    if len(lead) >= 2 and is_kicker(lead[0].text) and is_headline(lead[1].text):
        joint = " – " if ":" in lead[1].text else ": "
        title, lead = f"{lead[0].text}{joint}{_title_text(lead[1], notes)}", lead[2:]
    elif lead and _is_title(lead[0], lead[1:] or body[:1], above_teaser=len(lead) > 1):
        title, lead = _title_text(lead[0], notes), lead[1:]
    return title, (lead[0] if lead else None), [*lead[1:], *body]


def _title_text(block: Block, notes: list[str]) -> str:
    """A headline as a title: without a police office's code, and without the colon a press
    review's headline ends in (`"Augsburger Allgemeine" zu Laschet:`)."""
    return _without_office_code(block, notes).rstrip(":").rstrip()


SHORT_TITLE = 100
"""Characters: a one-sentence line up to this long above a longer paragraph is its headline
even if it ends in a colon, or, above a teaser, in a full stop."""


def _is_title(first: Block, following: list[Block], above_teaser: bool) -> bool:
    """A headline; or, above a longer paragraph, a short line ending in a colon (a press
    review's `"Augsburger Allgemeine" zu Laschet:`), or in a full stop above a teaser. A short
    sentence alone above the byline is the teaser."""
    if is_headline(first.text):
        return True
    ends = (".", ":") if above_teaser else (":",)
    short = len(first.text) <= SHORT_TITLE and not re.search(r"[.!?:]\s", first.text)
    return short and first.text.endswith(ends) and bool(following) and _is_prose(following[0].text)


# Police and fire brigade copy opens its title with the office's code: "POL-KA:", "BPOL-HRO:".
# and often the district's: "POL-KA: (KA) Ettlingen - …".
_OFFICE_CODE = re.compile(
    r"^(?:POL|BPOL\w*|FW|PP|LPI|KPI|HZA|ZOLL)(?:-[A-Z]{1,5}){1,2}:\s+(?:\([A-Z]{1,4}\)\s+)?"
)


def _without_office_code(title: Block, notes: list[str]) -> str:
    """The headline without a police office's code before it."""
    match = _OFFICE_CODE.match(title.text)
    if match is None:
        return title.text
    notes.append(f"line {title.line}: the office code {match[0].strip()!r} is not read")
    return title.text[match.end() :]


def _without_footer(body: list[Block], notes: list[str]) -> list[Block]:
    at = next((i for i, block in enumerate(body) if i > 0 and opens_footer(block.text)), None)
    if at is None:
        return body
    notes.append(f"lines {body[at].line}-{_last_line(body)}: {FOOTER} is not read")
    return body[:at]


def _last_line(blocks: list[Block]) -> int:
    return blocks[-1].line


def _without_labels(blocks: list[Block], notes: list[str]) -> list[Block]:
    """The blocks without section labels (`Kommentar` above the headline or under the text):
    the intro says what the piece is."""
    for block in blocks:
        if is_label(block.text):
            notes.append(f"line {block.line}: the label {block.text!r} is not read")
    return [block for block in blocks if not is_label(block.text)]


def _without_closing_tag(
    body: list[Block], notes: list[str]
) -> tuple[list[Block], list[tuple[int, str]]]:
    """The body without the initials or agency after its last sentence (`… gehen. (fpr)`)."""
    if not body:
        return body, []
    last = body[-1]
    text, tag = split_closing_tag(last.text)
    if tag is None:
        return body, []
    cut = [*body[:-1], Block(last.line, text)]
    if agency := parse_agency(tag):
        return cut, [(last.line, agency)]
    what = (
        f"the wire's desk codes {tag!r}"
        if tag.startswith("/")
        else f"the editor's initials {f'({tag})'!r}"
    )
    notes.append(f"line {last.line}: {what} are not read")
    return cut, []


def _without_agency_tags(blocks: list[Block]) -> tuple[list[Block], list[tuple[int, str]]]:
    """The blocks without lines that only name an agency (`(dpa)`), and those agencies by
    line."""
    kept, tags = [], []
    for block in blocks:
        agency = parse_agency(block.text)
        if agency:
            tags.append((block.line, agency))
        else:
            kept.append(block)
    return kept, tags


def _without_lead_in(
    blocks: list[Block], fields: dict[int, Field], notes: list[str]
) -> tuple[list[Block], list[tuple[int, str]]]:
    """The blocks with the first paragraph of text without the place and agency mark before its
    first sentence (`Berlin (dpa) - `), and that agency. A headline above it may carry an
    agency's mark too (a wire's headline line), never a mere place (`Ettlingen - Radfahrer …`)."""
    at, lead_in, prose = None, None, 0
    for index in (i for i in range(len(blocks)) if i not in fields):
        lead_in = split_lead_in(blocks[index].text)
        prose += not is_headline(blocks[index].text)
        if lead_in and (lead_in.agency or prose):
            at = index
            break
        if prose == 2:  # the teaser and the first paragraph: a mark stands in one of them
            break
    if at is None or lead_in is None:
        return blocks, []
    first = blocks[at]
    notes.append(f"line {first.line}: the place and agency mark {lead_in.mark!r} is not read")
    agency = [(first.line, lead_in.agency)] if lead_in.agency else []
    return [*blocks[:at], Block(first.line, lead_in.rest), *blocks[at + 1 :]], agency


Header = list[tuple[int, Field]]
"""The header's fields with their line numbers, top down."""


def _author(header: Header, agencies: list[tuple[int, str]], notes: list[str]) -> str | None:
    """The byline's names; else the agency the copy comes from, said to be a guess."""
    if author := next((f.author for _, f in header if f.author), None):
        return author
    tagged = [(line, f.agency) for line, f in header if f.agency] + agencies
    tagged = [(line, agency) for line, agency in tagged if agency not in SERVICES]
    if not tagged:
        notes.append("no byline found, the podcast's author is named instead")
        return None
    line, agency = tagged[0]
    notes.append(f"line {line}: no byline found; the agency {agency!r} is named as the author")
    return agency


def _unread_tags(author: str | None, tags: list[tuple[int, str]], notes: list[str]) -> None:
    for line, agency in tags:
        if agency != author:
            notes.append(f"line {line}: the agency tag {agency!r} is not read")


def _published(header: Header, notes: list[str]) -> datetime | None:
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


def _line_of(note: str) -> float:
    """Notes in the order of the lines they name; those that name none last."""
    match = re.match(r"lines? (\d+)", note)
    return int(match[1]) if match else float("inf")


def group_sections(body: list[str]) -> list[Section]:
    """Paragraphs grouped under the subheading before them; the last block is never a heading."""
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[str] = []
    for index, block in enumerate(body):
        if is_subheading(block) and index < len(body) - 1:
            if paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            elif heading:
                block = f"{heading}: {block}"
            heading, paragraphs = block, []
        else:
            paragraphs.append(block)
    if paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return sections
