"""The content model every reader returns (audio/text/readers/)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Section:
    """A run of body paragraphs, opened by a subheading except for the first one."""

    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    source: Path
    title: str
    author: str | None
    published: datetime | None
    teaser: str | None
    sections: tuple[Section, ...]
    url: str | None = None
    publisher: str | None = None
    """Who published the article first (a Markdown file's `publisher`, e.g. the site)."""
    warnings: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        """The file name stem of the edition: date and title, ASCII, stable while they are."""
        stem = slugify(self.title, limit=48)
        return f"{self.published:%Y-%m-%d}-{stem}" if self.published else stem

    @property
    def text(self) -> str:
        """The full text as a reader sees it: teaser, then subheadings and paragraphs."""
        blocks = [self.teaser] if self.teaser else []
        for section in self.sections:
            if section.heading:
                blocks.append(section.heading)
            blocks.extend(section.paragraphs)
        return "\n\n".join(blocks)


_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def slugify(text: str, limit: int) -> str:
    """German-aware ASCII slug ("Außenminister" → "aussenminister"), cut at a hyphen."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.lower().translate(_TRANSLITERATION))
        .encode("ascii", "ignore")
        .decode()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > limit:
        slug = slug[: limit + 1].rsplit("-", 1)[0]
    return slug or "ausgabe"
