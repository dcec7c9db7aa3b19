"""An imported article as the Markdown file the Markdown reader reads back: YAML front matter
(`title`, `author`, `date` with its time zone, `url`, `description`, `publisher`), then the body
with `##` subheadings, named `<date>-<slug>.md`."""

from __future__ import annotations

import re
from datetime import datetime

from audio.text.article import slugify
from audio.text.calendar import NEWSROOM_TZ
from audio.text.readers.markdown import plain
from audio.web.extract import Imported

SLUG_LIMIT = 48
# What Markdown reads as markup at the start of a block: a heading, a quote, a list item.
_MARKER = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s))")
_NUMBERED = re.compile(r"^(\d+)([.)])(?=\s)")
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>])")


def file_name(article: Imported, today: datetime) -> str:
    """`2023-11-24-die-ampel-ringt-um-17-milliarden-euro.md`: the day of publication in the
    newsroom's time (else `today`) and the title."""
    day = (article.published or today).astimezone(NEWSROOM_TZ)
    return f"{day:%Y-%m-%d}-{slugify(article.title, limit=SLUG_LIMIT)}.md"


def render(article: Imported) -> str:
    """The Markdown file's text."""
    import yaml

    meta = {
        "title": article.title,
        "author": article.author,
        "date": article.published.isoformat() if article.published else None,
        "url": article.url,
        "description": article.description,
        "publisher": article.publisher,
    }
    front = yaml.safe_dump(
        {key: value for key, value in meta.items() if value is not None},
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
    )
    blocks = []
    for section in article.sections:
        if section.heading:
            blocks.append(f"## {escape(section.heading)}")
        blocks.extend(escape(paragraph) for paragraph in section.paragraphs)
    return f"---\n{front}---\n\n" + "\n\n".join(blocks) + "\n"


def escape(text: str) -> str:
    """`text` as Markdown that reads back as `text`: left as it is where it holds no markup
    (`Bürger*innen` stays), else with its markup characters escaped."""
    if plain(text) != text:
        text = _INLINE_MARKUP.sub(r"\\\1", text)
    text = _MARKER.sub(lambda match: "\\" + match[0], text, count=1)
    return _NUMBERED.sub(r"\1\\\2", text, count=1)
