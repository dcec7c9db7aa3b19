"""RSS and Atom feeds: told apart from web pages, and read for the pages their items link to."""

from __future__ import annotations

import re

from audio.errors import SourceError
from audio.web.fetch import Page

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
# The first element of the document, after an XML declaration, comments and a doctype.
_ROOT = re.compile(rb"<(?![?!])([A-Za-z][\w:.-]*)")
_FEED_ROOTS = {b"rss", b"feed", b"rdf:rdf", b"rdf"}


def is_feed(page: Page) -> bool:
    """Whether the page is an RSS or Atom feed, by its media type or its root element (servers
    often send feeds as text/xml, or even as text/html)."""
    if page.media_type in FEED_TYPES:
        return True
    root = _ROOT.search(page.content[:4096])
    return root is not None and root[1].lower() in _FEED_ROOTS


def feed_links(page: Page) -> list[str]:
    """The address of every item's page, in the feed's order, each once."""
    import feedparser

    headers = {"content-location": page.url, "content-type": page.media_type or "application/xml"}
    parsed = feedparser.parse(page.content, response_headers=headers)
    links = [entry.get("link") or _permalink(entry) for entry in parsed.entries]
    found = list(dict.fromkeys(link for link in links if link))
    if not found and not parsed.get("version"):
        raise SourceError(page.url, f"is not a readable feed: {parsed.get('bozo_exception')}")
    if not found:
        raise SourceError(page.url, "the feed lists no item with a link")
    return found


def _permalink(entry: dict) -> str | None:
    """An RSS item's guid, when it is a permalink: the only address some feeds give."""
    guid = entry.get("id") or ""
    return guid if entry.get("guidislink") or guid.startswith(("http://", "https://")) else None
