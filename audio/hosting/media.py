"""What a web host says about each published file: its Content-Type, and how long a browser, a
podcast app or a CDN may keep it (Cache-Control). `serve` and the deploy both say it.

A file named by its content (`<slug>/<slug>.<digest><suffix>`, audio/edition/model.py) never
changes: it may be kept for a year without asking again. Every other file (the feed, the flash
briefing, the pages, the cover, the stylesheet) keeps its name across builds: kept five minutes,
so that a new edition reaches listeners within minutes of its deploy.
"""

from __future__ import annotations

import posixpath
import re

from audio.edition.model import DIGEST_LENGTH
from audio.publish.feed import FEED

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
CONTENT_TYPES = {
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip; charset=utf-8",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}
FEED_TYPE = "application/rss+xml"
_CONTENT_NAMED = re.compile(rf"^(?P<slug>[^/]+)/(?P=slug)\.[0-9a-f]{{{DIGEST_LENGTH}}}\.[^/]+$")


def content_named(path: str) -> bool:
    """True for an edition's file whose name carries its content's digest."""
    return _CONTENT_NAMED.match(path) is not None


def edition_folder(path: str) -> str | None:
    """The edition folder a content-named file lies in, else None."""
    match = _CONTENT_NAMED.match(path)
    return match["slug"] if match else None


def content_type(path: str) -> str:
    """The Content-Type of a published file; "" where the host may guess."""
    if path == FEED:
        return FEED_TYPE
    return CONTENT_TYPES.get(posixpath.splitext(path)[1].lower(), "")


def cache_control(path: str) -> str:
    return IMMUTABLE if content_named(path) else SHORT
