"""`audio-edition check --remote`: the deployed feed as podcast apps fetch it, over HTTP(S).

The feed must come back (200) and parse; each enclosure must answer a HEAD with 200, the length
the feed announces and the type it names, and a request for its first two bytes with 206 and a
Content-Range giving the same length (podcast apps seek with ranges, and Apple requires them);
each transcript and chapters file must be there. Redirects are followed, as apps
follow them. The standard library's urllib does the HTTP: it verifies certificates, follows
redirects and keeps the check free of another dependency.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.message import Message

from audio import __version__
from audio.errors import AudioEditionError
from audio.hosting.enclosures import Enclosure, feed_links
from audio.hosting.media import FEED_TYPE

TIMEOUT = 20.0
"""Seconds to wait for one answer."""
FEED_TYPES = (FEED_TYPE, "application/xml", "text/xml")
"""What a feed may be served as; apps take any XML type."""
_AGENT = f"audio-edition/{__version__} (check --remote)"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Message
    body: bytes = b""

    def media_type(self) -> str:
        return self.headers.get_content_type() if self.headers.get("Content-Type") else ""

    def said(self) -> str:
        if self.status == 0:
            return f"did not answer ({self.body.decode(errors='replace')})"
        return f"answered {self.status}"


def check_remote(feed_url: str, jobs: int = 8) -> list[str]:
    """Every problem a listener's app would meet with the feed at `feed_url`."""
    feed = fetch(feed_url, "GET")
    if feed.status != 200:
        return [f"{feed_url}: {feed.said()}, not 200"]
    problems = []
    if feed.media_type() not in FEED_TYPES:
        problems.append(f"{feed_url}: served as {feed.media_type() or 'nothing'}, not {FEED_TYPE}")
    try:
        links = feed_links(feed.body, feed_url)
    except AudioEditionError as error:
        return [*problems, str(error)]
    if not links.enclosures:
        problems.append(f"{feed_url}: has no enclosure")
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for found in pool.map(lambda e: list(_enclosure(e)), links.enclosures):
            problems += found
        for found in pool.map(lambda link: list(_linked(link[0])), links.linked):
            problems += found
    return problems


def _enclosure(enclosure: Enclosure) -> Iterator[str]:
    url = enclosure.url
    head = fetch(url, "HEAD")
    if head.status != 200:
        yield f"{url}: {head.said()}, not 200"
        return
    length = head.headers.get("Content-Length")
    if length != str(enclosure.length):
        size = f"{length} bytes" if length else "of unknown length"
        yield f"{url}: is {size}, the feed announces {enclosure.length}"
    if head.media_type() != enclosure.type:
        yield f"{url}: served as {head.media_type() or 'nothing'}, the feed says {enclosure.type}"
    part = fetch(url, "GET", Range="bytes=0-1")
    wanted = f"bytes 0-1/{length}"  # a wrong length was told above
    if part.status != 206:
        yield f"{url}: {part.said()} to a range request, not 206: apps cannot seek"
    elif part.headers.get("Content-Range") != wanted or len(part.body) != 2:
        yield f"{url}: answered bytes 0-1 with {part.headers.get('Content-Range')}, not {wanted}"


def _linked(url: str) -> Iterator[str]:
    """A transcript or chapters file: there or not. The type the feed gives it names a format of
    the podcast namespace (`application/srt`, `application/json+chapters`), not an HTTP type."""
    head = fetch(url, "HEAD")
    if head.status != 200:
        yield f"{url}: {head.said()}, not 200"


def fetch(url: str, method: str, **headers: str) -> Answer:
    """One request; a status of 0 when no answer came, with the reason in `body`."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": _AGENT, **headers})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers)
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return Answer(0, Message(), str(reason).encode())
