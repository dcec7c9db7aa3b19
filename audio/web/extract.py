"""A news page → the article on it: trafilatura finds the running text and its subheadings among
navigation, boxes and comments; the page's JSON-LD, OpenGraph and markup give title, author, date,
address, teaser and publisher (audio/web/metadata.py); what trafilatura lets through that a
listener must never hear (a "Lesen Sie auch" line, a caption, a paywall prompt) is dropped as the
raw reader drops it (audio/text/readers/furniture.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from audio.errors import SourceError
from audio.text.article import Section
from audio.text.calendar import NEWSROOM_TZ
from audio.text.readers.datelines import parse_dateline
from audio.text.readers.fields import SERVICES, parse_byline, split_closing_tag, split_lead_in
from audio.text.readers.furniture import CONSENT, furniture, quoted
from audio.web.fetch import Page
from audio.web.metadata import ARTICLE_TYPES, Facts, named, page_facts

MIN_WORDS = 60
"""Running text below this many words is no article: a section front, a video page, or only
the free lines above a paywall."""
# Boxes trafilatura may take for text: related links, newsletter and paywall boxes, captions and
# share bars, by the class, id and data-area names German news sites give them, in any case
# ("atc-ContainerPaywall", "paywall-info", "shariff"). Comments trafilatura leaves out itself.
_PRUNED_NAMES = (
    "paywall", "newsletter", "related", "sharing", "share-", "share_", "shariff", "social",
    "recommend", "read-more", "readmore", "teaser-list", "caption", "credit", "advert", "promo",
    "toolbox",
)  # fmt: skip
PRUNE = ["//figure", "//figcaption", "//aside", *(f"//*[{named(n)}]" for n in _PRUNED_NAMES)]


@dataclass(frozen=True)
class Imported:
    """An article read from a web page: what the Markdown file written from it holds."""

    title: str
    author: str | None
    published: datetime | None
    url: str
    description: str | None
    publisher: str | None
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = ()
    """What was left out of the text (a caption, a "Lesen Sie auch" line)."""
    guesses: tuple[str, ...] = ()
    """Fields the page does not give and that were guessed or left to the build."""


def extract_article(page: Page) -> Imported:
    """The article on a fetched page; SourceError if the page holds none."""
    facts = _facts(page)
    document = _running_text(page)
    title = facts.title or _document_field(document, "title")
    if not title:
        raise SourceError(page.url, "is not an article page: it has no headline")
    notes: list[str] = []
    guesses: list[str] = []
    sections, agency = _without_lead_in(_sections(_body_xml(document), title, facts, notes), notes)
    _check_length(page, sections, notes)
    return Imported(
        title=title,
        author=_author(facts, agency, guesses),
        published=_published(facts, document, guesses),
        url=_address(facts, page),
        description=facts.description or _document_field(document, "description"),
        publisher=facts.publisher or _document_field(document, "sitename"),
        sections=tuple(sections),
        notes=tuple(notes),
        guesses=tuple(guesses),
    )


def _facts(page: Page) -> Facts:
    """The page's metadata; SourceError if the page says it is something else than an article."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(page.content)
    except (ValueError, lxml_html.etree.ParserError) as error:
        raise SourceError(page.url, f"is not a readable web page: {error}") from None
    facts = page_facts(tree)
    if facts.is_article is False:
        raise SourceError(page.url, f"is not an article page (it says it is a {_kind(facts)})")
    return facts


def _running_text(page: Page) -> object:
    """trafilatura's document: the running text as a tree, and its own idea of the metadata."""
    import trafilatura

    return trafilatura.bare_extraction(
        page.content,
        url=page.url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
        prune_xpath=PRUNE,
        output_format="python",
    )


def _check_length(page: Page, sections: list[Section], notes: list[str]) -> None:
    words = sum(len(p.split()) for section in sections for p in section.paragraphs)
    if words < MIN_WORDS and any(note.startswith(CONSENT) for note in notes):
        raise SourceError(page.url, "shows a cookie consent notice in place of the article")
    if words < MIN_WORDS:
        raise SourceError(
            page.url,
            f"is not an article page, or only its beginning is free: {words} words of running "
            f"text, fewer than {MIN_WORDS}",
        )


def _kind(facts: Facts) -> str:
    others = sorted(facts.kinds - ARTICLE_TYPES - {"article"})
    return others[0] if others else "page"


def _document_field(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _body_xml(document: object) -> object | None:
    """trafilatura's tree of the running text: `head`, `p`, `list` and `quote` elements."""
    return getattr(document, "body", None)


def _sections(body: object | None, title: str, facts: Facts, notes: list[str]) -> list[Section]:
    """Paragraphs under their subheadings, without the headline, teaser and author sites repeat
    around the text, bylines and datelines in it, page furniture, and the initials after the
    last sentence."""
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[str] = []
    headline = title.split(": ", 1)[-1]  # without its kicker
    repeats = {_words(t) for t in (title, headline, facts.description or "", facts.author or "")}
    for kind, text in _blocks(body):
        if _is_repeat(text, title, repeats) or _is_furniture(text, notes):
            continue
        if kind == "head":
            if paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = text, []
        else:
            paragraphs.append(text)
    if paragraphs:
        sections.append(Section(heading, (*paragraphs[:-1], _without_tag(paragraphs[-1], notes))))
    return sections


def _without_tag(paragraph: str, notes: list[str]) -> str:
    text, tag = split_closing_tag(paragraph)
    if tag:
        notes.append(f"the tag {f'({tag})'!r} after the last sentence is not read")
    return text


def _blocks(body: object | None) -> list[tuple[str, str]]:
    """("head" or "p", text) for every block of trafilatura's tree, in order."""
    if body is None:
        return []
    blocks = []
    for element in body.iter("head", "p", "item", "quote"):  # type: ignore[attr-defined]
        if element.tag == "p" and element.getparent().tag in ("item", "quote"):
            continue
        text = " ".join("".join(element.itertext()).split())
        if text:
            blocks.append(("head" if element.tag == "head" else "p", text))
    return blocks


def _is_repeat(text: str, title: str, repeats: set[str]) -> bool:
    """The headline (with or without its kicker), the teaser or the author's name, set again
    around the text; or a byline or dateline line."""
    words = _words(text)
    if words in repeats or words.endswith(" " + _words(title.split(": ", 1)[-1])):
        return True
    return bool(parse_byline(text) or parse_dateline(text))


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _is_furniture(text: str, notes: list[str]) -> bool:
    kind = furniture(text)
    if kind:
        notes.append(f"{kind} is not read: {quoted(text)}")
    return kind is not None


def _without_lead_in(sections: list[Section], notes: list[str]) -> tuple[list[Section], str | None]:
    """The text without the place and agency mark before its first sentence, and the agency."""
    lead_in = split_lead_in(sections[0].paragraphs[0]) if sections else None
    if lead_in is None:
        return sections, None
    notes.append(f"the place and agency mark {lead_in.mark!r} is not read")
    first = Section(sections[0].heading, (lead_in.rest, *sections[0].paragraphs[1:]))
    agency = lead_in.agency if lead_in.agency not in SERVICES else None
    return [first, *sections[1:]], agency


def _author(facts: Facts, agency: str | None, guesses: list[str]) -> str | None:
    """The page's author; else the agency of the lead-in, said to be a guess."""
    if facts.author:
        return facts.author
    if agency:
        guesses.append(f"no author named on the page: the agency {agency!r} is named instead")
    else:
        guesses.append("no author named on the page: the podcast's author is named instead")
    return agency


def _published(facts: Facts, document: object, guesses: list[str]) -> datetime | None:
    if facts.published:
        return facts.published
    day = _document_field(document, "date")
    if day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        guesses.append(f"no time of publication on the page: the day {day} is taken, at midnight")
        return datetime.fromisoformat(day).replace(tzinfo=NEWSROOM_TZ)
    guesses.append("no date on the page: the time of the first build is used")
    return None


def _address(facts: Facts, page: Page) -> str:
    """The canonical address; the fetched one where the page names none."""
    if facts.url and urlsplit(facts.url).scheme in ("http", "https"):
        return facts.url
    return page.url
