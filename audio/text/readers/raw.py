"""The raw layout newsrooms export and sites are scraped in: [kicker,] [title,] teaser, byline,
dateline, then the body with short unpunctuated lines as subheadings. What a listener must not
hear is cut first (cuts.py), the header fields are found (header.py), and the layout around them
is read here; every line cut and every field guessed is named, with its line number, in the
Article's warnings."""

from __future__ import annotations

import re
from pathlib import Path

from audio.errors import ArticleError
from audio.text.article import Article, Section
from audio.text.readers.cuts import (
    without_agency_tags,
    without_closing_tag,
    without_footer,
    without_furniture,
    without_labels,
    without_lead_in,
    without_signature,
)
from audio.text.readers.datelines import parse_stamps
from audio.text.readers.fields import (
    Block,
    derive_title,
    is_headline,
    is_kicker,
    is_label,
    is_subheading,
    numbered_blocks,
    parse_agency,
)
from audio.text.readers.furniture import furniture
from audio.text.readers.header import (
    HEADER_DEPTH,
    Field,
    author_of,
    header_fields,
    is_prose,
    published_of,
    read_field,
    unread_tags,
)


def parse(path: Path, text: str) -> Article:
    notes: list[str] = []
    blocks = _unfolded(numbered_blocks(text))
    blocks = without_labels(without_furniture(blocks, notes), notes)
    blocks, tags = without_agency_tags(blocks)
    blocks, closing = without_closing_tag(blocks, notes)
    fields = header_fields(blocks)
    blocks, lead_in = without_lead_in(blocks, fields, notes)
    lead, body = _split_at_header(blocks, fields)
    title, teaser, body = _lead(lead, body, bool(fields), notes)
    body, signature = without_signature(without_footer(body, notes), notes)
    sections = group_sections([block.text for block in body])
    if not sections:
        raise ArticleError(path, "no body text after the byline and dateline")
    if title is None:
        title = derive_title(teaser.text if teaser else sections[0].paragraphs[0])
        where = teaser.line if teaser else body[0].line
        notes.append(f"line {where}: no title line; the title is cut from there: {title!r}")
    header = [(blocks[i].line, fields[i]) for i in sorted(fields)]
    tags += closing
    author = author_of(header, sorted([*tags, *lead_in]), notes, signature)
    unread_tags(author, tags, notes)
    return Article(
        source=path,
        title=title,
        author=author,
        published=published_of(header, notes),
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


def _split_at_header(blocks: list[Block], fields: dict[int, Field]) -> tuple[list[Block], ...]:
    """What stands above the last header field (the fields left out), and the body below it.
    Without fields, the first of several paragraphs is the lead."""
    if not fields:
        return (blocks[:1], blocks[1:]) if len(blocks) > 1 else ([], blocks)
    last = max(fields)
    return [b for i, b in enumerate(blocks[:last]) if i not in fields], blocks[last + 1 :]


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
    return short and first.text.endswith(ends) and bool(following) and is_prose(following[0].text)


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
