"""Characters XML 1.0 cannot carry, taken out of an article before anything is built from it: the
feed, the pages and the flash briefing are XML or HTML, and one such character (a backspace
pasted from a content system, U+FFFE from a broken export) made the feed unwritable.

XML 1.0 (section 2.2, "Char") allows tab, line feed, carriage return, U+0020–U+D7FF,
U+E000–U+FFFD and U+10000–U+10FFFF; everything else (the other C0 controls, lone surrogates,
U+FFFE and U+FFFF) is what this module removes.
"""

from __future__ import annotations

import dataclasses
import re

from audio.text.article import Article, Section

_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def illegal_characters(text: str) -> list[str]:
    """The characters of `text` XML cannot carry, each once, as U+XXXX, in order of code."""
    return [f"U+{ord(c):04X}" for c in sorted(set(_ILLEGAL.findall(text)))]


def without_illegal(text: str) -> str:
    return _ILLEGAL.sub("", text)


def xml_safe(article: Article) -> Article:
    """The article without characters XML cannot carry, with a warning naming them; the same
    article when it has none (the common case costs one scan of its text)."""
    found = illegal_characters(
        "\n".join(filter(None, (article.title, article.author, article.url, article.text)))
    )
    if not found:
        return article
    sections = tuple(
        Section(
            section.heading and without_illegal(section.heading),
            tuple(without_illegal(p) for p in section.paragraphs),
        )
        for section in article.sections
    )
    return dataclasses.replace(
        article,
        title=without_illegal(article.title),
        author=article.author and without_illegal(article.author),
        teaser=article.teaser and without_illegal(article.teaser),
        url=article.url and without_illegal(article.url),
        sections=sections,
        warnings=(
            *article.warnings,
            f"removed characters XML cannot carry: {', '.join(found)}",
        ),
    )
