"""What a published feed and flash briefing point to: every enclosure with the length and type
the feed announces, the other files the feed links, and the flash briefing's audio.

Read by the deploy, which sends a folder only when it is whole, and by `check --remote`, which
asks the web host for each of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import unquote
from xml.etree import ElementTree

from audio.errors import AudioEditionError
from audio.publish.feed import PODCAST_NS

ATOM = "{http://www.w3.org/2005/Atom}"
PODCAST = f"{{{PODCAST_NS}}}"
LINKED = (f"{PODCAST}transcript", f"{PODCAST}chapters")


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int
    type: str


@dataclass(frozen=True)
class FeedLinks:
    base: str
    """The folder the feed is published in, from its own address."""
    enclosures: list[Enclosure]
    linked: list[tuple[str, str]]
    """Transcripts and chapters: URL and announced type."""


def feed_links(feed: bytes, name: str = "feed.xml") -> FeedLinks:
    try:
        root = ElementTree.fromstring(feed)
    except ElementTree.ParseError as error:
        raise AudioEditionError(f"{name} does not parse: {error}") from error
    enclosures, linked = [], []
    for item in root.iter("item"):
        for element in item.iter():
            if element.tag == "enclosure":
                length = element.get("length", "")
                size = int(length) if length.isdigit() else -1
                enclosures.append(Enclosure(element.get("url", ""), size, element.get("type", "")))
            elif element.tag in LINKED and element.get("url"):
                linked.append((element.get("url", ""), element.get("type", "")))
    return FeedLinks(_base(root), enclosures, linked)


def flash_streams(flash: bytes) -> list[str]:
    """The audio URLs of a flash briefing; none when it does not parse (the feed is what counts)."""
    try:
        items = json.loads(flash)
    except ValueError:
        return []
    items = items if isinstance(items, list) else [items]
    return [str(i["streamUrl"]) for i in items if isinstance(i, dict) and i.get("streamUrl")]


def relative(url: str, base: str) -> str | None:
    """The path below `base` that `url` names, or None for a URL elsewhere."""
    if not url.startswith(base):
        return None
    return unquote(url[len(base) :].split("#", 1)[0].split("?", 1)[0])


def _base(root: ElementTree.Element) -> str:
    for link in root.iter(f"{ATOM}link"):
        if link.get("rel") == "self" and link.get("href"):
            return link.get("href", "").rsplit("/", 1)[0] + "/"
    return (root.findtext("channel/link") or "").rstrip("/") + "/"
