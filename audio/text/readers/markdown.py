"""Markdown with YAML front matter (`title`, `author`, `date`, `url`, `description`,
`publisher`); `##` headings open sections, a `#` heading is the title when the front matter has
none."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from audio.errors import ArticleError
from audio.text.article import Article, Section
from audio.text.calendar import NEWSROOM_TZ
from audio.text.readers.datelines import parse_dateline
from audio.text.readers.fields import derive_title, split_blocks

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"<[^>\n]+>"), ""),
]
_KNOWN_KEYS = {"title", "author", "date", "url", "description", "publisher"}
# CommonMark's backslash escapes: `\*` is a star, not emphasis.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_HOLD = 0xE000
"""Private-use code points hold the escaped characters' places while the inline rules run."""


def parse(path: Path, text: str) -> Article:
    meta, body = _split_front_matter(path, text)
    unknown = set(meta) - _KNOWN_KEYS
    warnings = [f"front matter key(s) ignored: {', '.join(sorted(unknown))}"] if unknown else []

    title = _text_field(path, meta, "title")
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[str] = []
    for block in split_blocks(body):
        match = _HEADING.match(block)
        if match and len(match[1]) == 1 and title is None and not sections and not paragraphs:
            title = plain(match[2])
        elif match:
            if paragraphs or heading:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = plain(match[2]), []
        elif plain(block):
            paragraphs.append(plain(block))
    if paragraphs or heading:
        sections.append(Section(heading, tuple(paragraphs)))
    sections = [s for s in sections if s.paragraphs]
    if not sections:
        raise ArticleError(path, "no body text below the front matter")

    teaser = _text_field(path, meta, "description")
    author = _text_field(path, meta, "author")
    published = _date_field(path, meta.get("date"))
    if author is None:
        warnings.append("no author in the front matter, the podcast's author is named instead")
    if published is None:
        warnings.append("no date in the front matter, the time of the first build is used")
    return Article(
        source=path,
        title=title or derive_title(teaser or sections[0].paragraphs[0]),
        author=author,
        published=published,
        teaser=teaser,
        sections=tuple(sections),
        url=_text_field(path, meta, "url"),
        publisher=_text_field(path, meta, "publisher"),
        warnings=tuple(warnings),
    )


def plain(markdown: str) -> str:
    """Inline Markdown reduced to the words a listener hears; an escaped character stays."""
    held: list[str] = []

    def hold(match: re.Match[str]) -> str:
        held.append(match[1])
        return chr(_HOLD + len(held) - 1)

    markdown = _ESCAPE.sub(hold, markdown)
    for pattern, replacement in _INLINE:
        markdown = pattern.sub(replacement, markdown)
    if held:
        markdown = re.sub(
            f"[{chr(_HOLD)}-{chr(_HOLD + len(held) - 1)}]",
            lambda m: held[ord(m[0]) - _HOLD],
            markdown,
        )
    return " ".join(markdown.split())


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    # Only here: a plain-text article, and a build with nothing to read, need no YAML parser.
    import yaml

    try:
        meta = yaml.safe_load(match[1]) or {}
    except yaml.YAMLError as error:
        raise ArticleError(path, f"the front matter is not valid YAML: {error}") from error
    if not isinstance(meta, dict):
        raise ArticleError(path, "the front matter must be a mapping of keys to values")
    return {str(k).lower(): v for k, v in meta.items()}, text[match.end() :]


def _text_field(path: Path, meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, bool):
        raise ArticleError(
            path,
            f"front matter '{key}' is read as {str(value).lower()} (YAML reads yes, no, on and "
            "off so); put the text in quotes",
        )
    if isinstance(value, float):
        raise ArticleError(
            path, f"front matter '{key}' is read as the number {value}; put the text in quotes"
        )
    if not isinstance(value, (str, int)):
        raise ArticleError(path, f"front matter '{key}' must be text, not {type(value).__name__}")
    return " ".join(str(value).split()) or None


def _date_field(path: Path, value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=NEWSROOM_TZ)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=NEWSROOM_TZ)
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = parse_dateline(text)
        if parsed is None:
            raise ArticleError(
                path, f"front matter 'date' {text!r} is neither ISO 8601 nor a German date"
            ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=NEWSROOM_TZ)
