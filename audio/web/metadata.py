"""What a news page says about its article: schema.org JSON-LD (`NewsArticle` and its kin),
OpenGraph and `<meta>` tags, and the byline and time in its markup. Where they disagree, the most
specific wins: the JSON-LD article's persons before a `<meta name="author">` that often names the
publisher, the first publication before the last update, the canonical address before the one
fetched."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lxml import html as lxml_html

from audio.text.calendar import NEWSROOM_TZ
from audio.text.readers.fields import is_name, join_names, parse_byline

ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "OpinionNewsArticle",
    "AnalysisNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle",
    "SatiricalArticle", "BlogPosting", "Report",
})  # fmt: skip
"""schema.org types of a page that is one article."""
# A name of an organisation, not a person: "DER SPIEGEL", "… GmbH; Munich; Germany".
_ORGANISATION = re.compile(
    r"GmbH|\bAG\b|Verlag|Redaktion|Online|\bKG\b|Zeitung|Nachrichten|Rundfunk|;|\.de\b|\.net\b",
    re.IGNORECASE,
)


def named(part: str) -> str:
    """An XPath test: the element's class, id or data-area holds `part`, in any case."""
    lower = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    return " or ".join(
        f"contains({lower.format(a)}, '{part}')" for a in ("@class", "@id", "@data-area")
    )


_BYLINE_XPATHS = (
    '//*[@rel="author"]',
    '//*[@itemprop="author"]//*[@itemprop="name"]',
    '//*[@itemprop="author"]',
    f"//*[{named('byline')}]",
    f"//*[{named('author')} or {named('autor')}][not(self::meta)]",
)
_TIME_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//*[@itemprop="datePublished"]/@datetime',
    '//meta[@name="date"]/@content',
    '//meta[@name="DC.date.issued"]/@content',
    "//article//time/@datetime",
    "//time/@datetime",
)


@dataclass(frozen=True)
class Facts:
    """The article's metadata as the page gives it; None where it gives none."""

    kinds: frozenset[str]
    title: str | None
    author: str | None
    published: datetime | None
    url: str | None
    description: str | None
    publisher: str | None

    @property
    def is_article(self) -> bool | None:
        """True or False where the page says what it is, None where it does not."""
        if self.kinds & (ARTICLE_TYPES | {"article"}):
            return True
        return False if self.kinds else None


def page_facts(tree: lxml_html.HtmlElement) -> Facts:
    """The article's metadata from a parsed page."""
    nodes = list(_json_ld(tree))
    article = next((node for node in nodes if _types(node) & ARTICLE_TYPES), {})
    og_type = _meta(tree, "og:type")
    kinds = frozenset(t for node in nodes for t in _types(node)) | (
        {og_type.lower()} if og_type else set()
    )
    return Facts(
        kinds=kinds,
        title=_title(_text(article.get("headline")), _meta(tree, "og:title")),
        author=_persons(article.get("author")) or _byline(tree),
        published=_moment(article.get("datePublished")) or _time(tree),
        url=_canonical(tree) or _text(article.get("url")) or _entity(article),
        description=(
            _text(article.get("description"))
            or _meta(tree, "og:description")
            or _meta(tree, "description")
        ),
        publisher=_organisation(article.get("publisher")) or _meta(tree, "og:site_name"),
    )


def _title(headline: str | None, og_title: str | None) -> str | None:
    """The headline; with its kicker where the OpenGraph title runs them together
    (`Haushaltsstreit: Die Ampel ringt …`), which tells a listener what it is about."""
    if headline and og_title and og_title.endswith(headline) and og_title != headline:
        kicker = og_title[: -len(headline)].rstrip()
        return og_title if kicker.endswith(":") else headline
    return headline or og_title


def _json_ld(tree: lxml_html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, `@graph` and lists unfolded; broken blocks are skipped,
    as browsers skip them."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        yield from _objects(data)


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph", []))


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type", [])
    return {kind} if isinstance(kind, str) else {k for k in kind if isinstance(k, str)}


def _text(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _meta(tree: lxml_html.HtmlElement, name: str) -> str | None:
    for value in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content'):
        if text := _text(str(value)):
            return text
    return None


def _persons(value: Any) -> str | None:
    """The names of the persons among JSON-LD authors; organisations are no byline."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict) and "Organization" not in _types(item):
            name = _text(item.get("name"))
        else:
            name = _text(item) if isinstance(item, str) else None
        if name and not _ORGANISATION.search(name):
            names.append(name)
    return join_names(names)


def _byline(tree: lxml_html.HtmlElement) -> str | None:
    """A byline in the markup (`Von Anna Beispiel`), else a person's `<meta name="author">`."""
    for xpath in _BYLINE_XPATHS:
        for element in tree.xpath(xpath):
            text = " ".join(element.text_content().split())
            if name := parse_byline(text) or (text if is_name(text) else None):
                return name
    author = _meta(tree, "author")
    return author if author and is_name(author) and not _ORGANISATION.search(author) else None


def _time(tree: lxml_html.HtmlElement) -> datetime | None:
    for xpath in _TIME_XPATHS:
        for value in tree.xpath(xpath):
            if moment := _moment(str(value)):
                return moment
    return None


def _moment(value: Any) -> datetime | None:
    """An ISO 8601 moment (`2023-11-24T18:02:00+01:00`, `…Z`, `2023-11-24 18:02:00`); without a
    zone it is the newsroom's time."""
    if not isinstance(value, str) or not re.match(r"\s*\d{4}-\d{2}-\d{2}", value):
        return None
    text = value.strip().replace("Z", "+00:00")
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)  # +0100, which 3.10 cannot read
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=NEWSROOM_TZ)


def _canonical(tree: lxml_html.HtmlElement) -> str | None:
    links = tree.xpath('//link[@rel="canonical"]/@href')
    return _text(str(links[0])) if links else _meta(tree, "og:url")


def _entity(article: dict[str, Any]) -> str | None:
    entity = article.get("mainEntityOfPage")
    if isinstance(entity, dict):
        entity = entity.get("@id") or entity.get("url")
    return _text(entity)


def _organisation(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return _text(value.get("name")) if isinstance(value, dict) else _text(value)
