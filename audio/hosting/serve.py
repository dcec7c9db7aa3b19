"""`audio-edition serve`: the output folder over HTTP, for listening and subscribing on the LAN.

Werkzeug does the HTTP: request parsing, HEAD, conditional requests and byte ranges (206, 416)
through `send_file(conditional=True)`, and `safe_join` against `..` in paths. Podcast apps seek
with ranges and Apple requires them, so they are not something to write by hand.

While it serves, `feed.xml` and `flash-briefing.json` are rendered per request from the manifest,
with base_url set to the address the server was started on (or, when asked, to the address in each
request's Host header): a phone on the same network subscribes to a feed whose enclosures it can
reach. Nothing on disk is rewritten, and nothing but the publication is served: no dot-file (the
lock, the staging folder, temporary files) and no manifest.

A server on the network meets clients that never finish a request: each connection waits at most
TIMEOUT for the client, one address holds at most PER_CLIENT connections and all together at most
CONNECTIONS; a connection beyond either is answered 503 at once.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from werkzeug.exceptions import (
    BadRequest,
    Forbidden,
    HTTPException,
    MethodNotAllowed,
    NotFound,
    RequestURITooLarge,
)
from werkzeug.security import safe_join
from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler
from werkzeug.utils import redirect, send_file
from werkzeug.wrappers import Request, Response

from audio.builds.manifest import MANIFEST, load_manifest
from audio.edition.model import Edition
from audio.errors import AudioEditionError
from audio.hosting.media import CONTENT_TYPES, FEED_TYPE, content_type
from audio.publish.feed import FEED, render_feed
from audio.publish.flash import FLASH_BRIEFING, render_flash_briefing
from audio.publish.site import INDEX
from audio.settings import Settings

# Web players fetch transcripts, chapters and feeds from other origins.
CORS_SUFFIXES = (".vtt", ".srt", ".json", ".xml")
PRIVATE = frozenset({MANIFEST})
"""Files in the output folder that are the build's, not the listeners'."""
LONGEST_PATH = 1024
"""Characters: no published file has a path near this long (a slug is at most 59)."""
TIMEOUT = 20.0
"""Seconds a connection waits for the client to send (a request, the next bytes of it)."""
CONNECTIONS = 64
"""Connections served at once; a player needs one or two."""
PER_CLIENT = 16
"""Connections one address may hold: one device cannot take them all."""
WILDCARDS = ("", "0.0.0.0", "::")
"""Hosts that bind every network the machine is on."""


def published_editions(output: Path) -> list[Edition]:
    """The editions the manifest in `output` lists, read afresh: a build may run meanwhile."""
    return [record.to_edition() for record in load_manifest(output).records.values()]


def lan_address() -> str:
    """This machine's address on the network its default route leads to, or loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            # Connecting a UDP socket sends nothing; it only makes the kernel choose a route.
            probe.connect(("192.0.2.1", 9))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def public_url(host: str, port: int) -> str:
    """The URL other devices reach the server at."""
    shown = lan_address() if host in WILDCARDS else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def listening_on(host: str) -> list[str]:
    """The addresses a server bound to `host` answers on: for a wildcard, every address of this
    machine that can be found (loopback, the address on the default route, the host name's)."""
    if host not in WILDCARDS:
        return [host]
    found = {"127.0.0.1", lan_address()}
    with contextlib.suppress(OSError):
        found |= {str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
    # "::" binds IPv6 and, on most systems, IPv4 as well; the others IPv4 alone.
    return sorted(address for address in found if host == "::" or ":" not in address)


def application(
    output: Path,
    settings: Settings,
    editions: Callable[[], list[Edition]],
    base_url: str | None = None,
) -> Callable[..., object]:
    """The WSGI app serving `output`; `editions` is asked for the manifest on every feed request.
    The feeds name `base_url`, or with None the address in each request's Host header."""
    root = output.resolve()

    def live(relative: str, request: Request) -> tuple[bytes, str]:
        here = base_url or request.host_url
        if relative == FEED:
            return render_feed(editions(), settings, served_from=here), FEED_TYPE
        served = settings.replace(base_url=here)
        return render_flash_briefing(editions(), served).encode(), CONTENT_TYPES[".json"]

    @Request.application
    def app(request: Request) -> Response:
        try:
            if request.method not in ("GET", "HEAD"):
                raise MethodNotAllowed(valid_methods=["GET", "HEAD"])
            relative = request.path.lstrip("/")
            if relative in (FEED, FLASH_BRIEFING):
                data, kind = live(relative, request)
                response = Response(data, mimetype=kind)
                response.add_etag()
                response.make_conditional(request, accept_ranges=True, complete_length=len(data))
            else:
                response = _file(root, relative, request)
            if relative.endswith(CORS_SUFFIXES):
                response.headers["Access-Control-Allow-Origin"] = "*"
            # Rebuilt files must reach the listener: revalidate every time (ETags make it cheap).
            response.headers["Cache-Control"] = "no-cache"
            # The HTTP server sends its own Date; a second one would repeat the header.
            response.headers.pop("Date", None)
            return response
        except HTTPException as error:
            return error.get_response(request.environ)

    return app


def _file(root: Path, relative: str, request: Request) -> Response:
    target = _resolve(root, relative)
    try:
        if target.is_dir():
            if not request.path.endswith("/"):
                return redirect(request.path + "/", code=301)
            target = target / INDEX
        if not target.is_file():
            raise NotFound()
    except OSError:
        raise NotFound() from None
    kind = content_type(target.name) or "application/octet-stream"
    response = send_file(target, request.environ, mimetype=kind, max_age=0)
    response.content_type = kind  # as given: werkzeug adds a second charset
    return response


def _resolve(root: Path, relative: str) -> Path:
    """The file a URL path names, never outside `root` (no `..`, no symlink out), never one of
    the build's own files."""
    if len(relative) > LONGEST_PATH:
        raise RequestURITooLarge()
    if any(ord(character) < 32 or ord(character) == 127 for character in relative):
        raise BadRequest("control characters in the path")
    parts = Path(relative).parts
    if relative in PRIVATE or any(part.startswith(".") for part in parts):
        raise NotFound()
    joined = safe_join(str(root), relative) if relative else str(root)
    if joined is None:
        raise NotFound()
    try:
        target = Path(joined).resolve()
    except (OSError, RuntimeError):  # too long a name, a loop of links
        raise NotFound() from None
    if not target.is_relative_to(root):
        raise Forbidden()
    return target


class _Handler(WSGIRequestHandler):
    """Werkzeug's handler with a timeout on the client, and a log without colour codes unless it
    goes to a terminal."""

    timeout = TIMEOUT

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if sys.stderr.isatty():
            super().log_request(code, size)
            return
        line = getattr(self, "requestline", "")
        printable = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in line)
        self.log("info", '"%s" %s %s', printable, code, size)


class _Server(ThreadedWSGIServer):
    """A thread per connection, as werkzeug's, with at most CONNECTIONS of them and PER_CLIENT
    from one address."""

    connections = CONNECTIONS
    per_client = PER_CLIENT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.held: Counter[str] = Counter()
        self.lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        client = str(client_address[0]) if isinstance(client_address, tuple) else ""
        with self.lock:
            full = sum(self.held.values()) >= self.connections
            admitted = not full and self.held[client] < self.per_client
            if admitted:
                self.held[client] += 1
        if admitted:
            super().process_request(request, client_address)
        else:
            _turn_away(request)
            self.shutdown_request(request)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            client = str(client_address[0]) if isinstance(client_address, tuple) else ""
            with self.lock:
                self.held[client] -= 1
                if self.held[client] <= 0:
                    del self.held[client]


_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Length: 0\r\n"
    b"Connection: close\r\n\r\n"
)


def _turn_away(connection: socket.socket) -> None:
    """Answer 503 without waiting on the client: the accepting thread must go straight on."""
    with contextlib.suppress(OSError):
        connection.setblocking(False)
        connection.send(_BUSY)


def start(
    output: Path,
    settings: Settings,
    host: str,
    port: int,
    editions: Callable[[], list[Edition]],
    host_header: bool = False,
    timeout: float = TIMEOUT,
) -> tuple[ThreadedWSGIServer, str]:
    """A threaded server bound to host:port (0 picks a free port), and the URL others reach it
    at. Call `serve_forever()` on it. With `host_header`, the feeds name the address in each
    request's Host header instead of that URL."""
    if not (output / INDEX).is_file():
        raise AudioEditionError(f"{output}: nothing to serve; run `audio-edition build` first")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        # Bound here rather than by werkzeug, which answers a taken port with sys.exit().
        listener = socket.create_server((host, port), family=family)
    except OSError as error:
        raise AudioEditionError(f"cannot listen on {host}:{port}: {error.strerror}") from error
    with listener:
        url = public_url(host, listener.getsockname()[1])
        app = application(output, settings, editions, None if host_header else url)
        handler = type("Handler", (_Handler,), {"timeout": timeout})
        server = _Server(host, port, app, handler, fd=listener.fileno())
    return server, url
