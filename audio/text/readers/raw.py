"""The raw layout scraped from news sites: [title,] teaser, byline, dateline, then the body with
short unpunctuated lines as subheadings."""

from __future__ import annotations

from pathlib import Path

from audio.errors import ArticleError
from audio.text.article import Article, Section
from audio.text.readers.fields import (
    derive_title,
    is_subheading,
    parse_byline,
    parse_dateline,
    split_blocks,
)

# The byline and dateline sit near the top; looking further would mistake body lines for them.
HEADER_DEPTH = 5


def parse(path: Path, text: str) -> Article:
    blocks = split_blocks(text)
    header = blocks[:HEADER_DEPTH]
    byline_at = next((i for i, b in enumerate(header) if parse_byline(b)), None)
    dateline_at = next((i for i, b in enumerate(header) if parse_dateline(b)), None)
    found = [i for i in (byline_at, dateline_at) if i is not None]
    warnings = []
    if byline_at is None:
        warnings.append("no byline found, the podcast's author is named instead")
    if dateline_at is None:
        warnings.append("no dateline found, the time of the first build is used")

    if found:
        lead, body = blocks[: min(found)], blocks[max(found) + 1 :]
    elif len(blocks) > 1:
        lead, body = blocks[:1], blocks[1:]
    else:
        lead, body = [], blocks
    title = lead[0] if len(lead) >= 2 and is_subheading(lead[0]) else None
    teaser = lead[-1] if lead and lead[-1] != title else None

    sections = group_sections(body)
    if not sections:
        raise ArticleError(path, "no body text after the byline and dateline")
    first_text = teaser or sections[0].paragraphs[0]
    return Article(
        source=path,
        title=title or derive_title(first_text),
        author=parse_byline(blocks[byline_at]) if byline_at is not None else None,
        published=parse_dateline(blocks[dateline_at]) if dateline_at is not None else None,
        teaser=teaser,
        sections=tuple(sections),
        warnings=tuple(warnings),
    )


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
