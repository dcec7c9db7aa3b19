"""The content model every reader returns, and the entry point that picks a reader by file type."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from audio.errors import ArticleError


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


SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown")


def read_article(path: Path) -> Article:
    """Read one article file with the reader its suffix names."""
    from audio.text.readers import markdown, raw
    from audio.text.readers.decode import read_text

    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ArticleError(path, f"unsupported file type {suffix or '(none)'}")
    text = read_text(path)
    reader = markdown if suffix in (".md", ".markdown") else raw
    return reader.parse(path, text)


def find_articles(folder: Path) -> list[Path]:
    """Article files in `folder`, in a stable order; hidden and backup files are skipped."""
    if not folder.is_dir():
        raise ArticleError(folder, "is not a folder of articles")
    return sorted(path for path in folder.iterdir() if is_article(path.name) and path.is_file())


def is_article(name: str) -> bool:
    """Whether a file of this name is read as an article: not hidden, not an editor's lock or
    backup, and of a supported type."""
    suffix = os.path.splitext(name)[1].lower()
    return suffix in SUPPORTED_SUFFIXES and not name.startswith((".", "~"))


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
