"""Web pages and feeds fetched politely: a User-Agent that names the tool, timeouts, retries with
backoff on 429, 5xx and lost connections, at most a few requests per host at once, and a cap on
the size of an answer. A saved file is read from disk instead."""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import urllib3
from urllib3.util import Retry

from audio import __version__
from audio.errors import SourceError

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
"""Seconds to wait for a connection, and between bytes of an answer."""
RETRIES = 3
"""Further tries after a 429, a 5xx or a lost connection."""
BACKOFF = 0.5
"""Seconds before the first retry, doubling with each."""
RETRY_AFTER_MAX = 30.0
"""Seconds: a server's Retry-After is obeyed up to this, so that a cron run cannot hang."""
RETRY_STATUS = (429, 500, 502, 503, 504)
PER_HOST = 2
"""Requests in flight to one host at once."""
MAX_BYTES = 10_000_000
"""The largest answer read: a news page is well under 2 MB, a feed under 1 MB."""


@dataclass(frozen=True)
class Page:
    """What a source answered: the address it came from in the end (after redirects), its bytes
    and its media type."""

    url: str
    content: bytes
    media_type: str


class _CappedRetry(Retry):
    def get_retry_after(self, response: urllib3.BaseHTTPResponse) -> float | None:
        seconds = super().get_retry_after(response)
        return None if seconds is None else min(seconds, RETRY_AFTER_MAX)


def user_agent(contact: str = "") -> str:
    """Who is asking, as crawlers say it; `contact` is the newsroom's site, if set."""
    site = f"; +{contact}" if contact else ""
    return f"Mozilla/5.0 (compatible; audio-edition/{__version__}{site})"


class Fetcher:
    """Fetches sources for several threads at once, a few per host."""

    def __init__(
        self, contact: str = "", backoff: float = BACKOFF, read_timeout: float = READ_TIMEOUT
    ) -> None:
        retry = _CappedRetry(
            total=RETRIES,
            backoff_factor=backoff,
            status_forcelist=RETRY_STATUS,
            allowed_methods=("GET",),
            raise_on_status=False,
        )
        self.pool = urllib3.PoolManager(
            headers={
                "User-Agent": user_agent(contact),
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                "application/atom+xml,application/xml;q=0.9,*/*;q=0.8",
                "Accept-Language": "de,en;q=0.5",
            },
            retries=retry,
            timeout=urllib3.Timeout(connect=CONNECT_TIMEOUT, read=read_timeout),
            maxsize=PER_HOST,
        )
        self.hosts: defaultdict[str, threading.Semaphore] = defaultdict(
            lambda: threading.BoundedSemaphore(PER_HOST)
        )
        self.lock = threading.Lock()

    def get(self, source: str) -> Page:
        """The page at `source`, an http(s) address or a saved file (a path or a file:// URL)."""
        parts = urlsplit(source)
        if parts.scheme == "file":
            return read_saved(Path(url2pathname(parts.path)))
        if parts.scheme not in ("http", "https"):
            if len(parts.scheme) > 1 and "://" in source:  # one letter is a Windows drive
                raise SourceError(
                    source, f"cannot fetch {parts.scheme}:// addresses; only http(s) and files"
                )
            return read_saved(Path(source))
        with self._slot(parts.netloc.lower()):
            return self._get(source)

    def _slot(self, host: str) -> threading.Semaphore:
        with self.lock:
            return self.hosts[host]

    def _get(self, url: str) -> Page:
        try:
            response = self.pool.request("GET", url, preload_content=False)
        except urllib3.exceptions.MaxRetryError as error:
            raise SourceError(url, f"cannot fetch it: {_reason(error)}") from None
        except (urllib3.exceptions.HTTPError, ValueError) as error:
            raise SourceError(url, f"cannot fetch it: {error}") from None
        try:
            if response.status >= 400:
                tries = f" ({RETRIES + 1} tries)" if response.status in RETRY_STATUS else ""
                raise SourceError(url, f"the server answered HTTP {response.status}{tries}")
            content = _read_capped(url, response)
        finally:
            response.release_conn()
        media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        # After redirects, urllib3 knows the last address as a path on the last host.
        return Page(urljoin(url, response.url or ""), content, media_type)


def _read_capped(url: str, response: urllib3.BaseHTTPResponse) -> bytes:
    chunks, size = [], 0
    try:
        for chunk in response.stream(65536):
            size += len(chunk)
            if size > MAX_BYTES:
                raise SourceError(url, f"the answer is larger than {MAX_BYTES // 1_000_000} MB")
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as error:
        raise SourceError(url, f"the answer broke off: {error}") from None
    return b"".join(chunks)


def _reason(error: urllib3.exceptions.MaxRetryError) -> str:
    """Why the last try failed, without urllib3's connection object in front."""
    reason, tries = error.reason, f"({RETRIES + 1} tries)"
    # NewConnectionError is a ConnectTimeoutError in urllib3: ask for it first.
    if isinstance(reason, urllib3.exceptions.NewConnectionError):
        return f"{str(reason).split('): ', 1)[-1]} {tries}"
    if isinstance(reason, urllib3.exceptions.TimeoutError):
        return f"no answer in time (timed out) {tries}"
    return f"{reason} {tries}"


def read_saved(path: Path) -> Page:
    """A page saved from a browser (`.html`) or a feed saved to disk."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise SourceError(str(path), f"cannot read it: {error.strerror or error}") from None
    suffix = path.suffix.lower()
    media_type = "text/html" if suffix in (".html", ".htm", ".xhtml") else "application/xml"
    return Page(path.resolve().as_uri(), content, media_type)
