"""`audio-edition serve`: the output folder over HTTP, for listening and subscribing on the LAN.

Werkzeug does the HTTP: request parsing, HEAD, conditional requests and byte ranges (206, 416)
through `send_file(conditional=True)`, and `safe_join` against `..` in paths. Podcast apps seek
with ranges and Apple requires them, so they are not something to write by hand.

While it serves, `feed.xml` and `flash-briefing.json` are rendered per request from the manifest,
with base_url set to the address the request came in on: a phone on the same network subscribes to
a feed whose enclosures it can reach. Nothing on disk is rewritten.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

from werkzeug.exceptions import Forbidden, HTTPException, MethodNotAllowed, NotFound
from werkzeug.security import safe_join
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.utils import redirect, send_file
from werkzeug.wrappers import Request, Response

from audio.builds.manifest import load_manifest
from audio.edition.model import Edition
from audio.errors import AudioEditionError
from audio.hosting.media import CONTENT_TYPES, FEED_TYPE, content_type
from audio.publish.feed import FEED, render_feed
from audio.publish.flash import FLASH_BRIEFING, render_flash_briefing
from audio.publish.site import INDEX
from audio.settings import Settings

# Web players fetch transcripts, chapters and feeds from other origins.
CORS_SUFFIXES = (".vtt", ".srt", ".json", ".xml")


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
    shown = lan_address() if host in ("", "0.0.0.0", "::") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def application(
    output: Path, settings: Settings, editions: Callable[[], list[Edition]]
) -> Callable[..., object]:
    """The WSGI app serving `output`; `editions` is asked for the manifest on every feed request."""
    root = output.resolve()

    def live(relative: str, base_url: str) -> tuple[bytes, str]:
        if relative == FEED:
            return render_feed(editions(), settings, served_from=base_url), FEED_TYPE
        here = settings.replace(base_url=base_url)
        return render_flash_briefing(editions(), here).encode(), CONTENT_TYPES[".json"]

    @Request.application
    def app(request: Request) -> Response:
        try:
            if request.method not in ("GET", "HEAD"):
                raise MethodNotAllowed(valid_methods=["GET", "HEAD"])
            relative = request.path.lstrip("/")
            if relative in (FEED, FLASH_BRIEFING):
                data, kind = live(relative, request.host_url)
                response = Response(data, mimetype=kind)
                response.add_etag()
                response.make_conditional(request, accept_ranges=True, complete_length=len(data))
            else:
                target = _resolve(root, relative)
                if target.is_dir():
                    if not request.path.endswith("/"):
                        return redirect(request.path + "/", code=301)
                    target = target / INDEX
                if not target.is_file():
                    raise NotFound()
                kind = content_type(target.name) or "application/octet-stream"
                response = send_file(target, request.environ, mimetype=kind, max_age=0)
                response.content_type = kind  # as given: werkzeug adds a second charset
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


def _resolve(root: Path, relative: str) -> Path:
    """The file a URL path names, never outside `root` (no `..`, no symlink out)."""
    joined = safe_join(str(root), relative) if relative else str(root)
    if joined is None or any(part.startswith(".") for part in Path(relative).parts):
        raise NotFound()
    target = Path(joined).resolve()
    if not target.is_relative_to(root):
        raise Forbidden()
    return target


def start(
    output: Path, settings: Settings, host: str, port: int, editions: Callable[[], list[Edition]]
) -> tuple[BaseWSGIServer, str]:
    """A threaded server bound to host:port (0 picks a free port), and the URL others reach it
    at. Call `serve_forever()` on it."""
    if not (output / INDEX).is_file():
        raise AudioEditionError(f"{output}: nothing to serve; run `audio-edition build` first")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        # Bound here rather than by werkzeug, which answers a taken port with sys.exit().
        listener = socket.create_server((host, port), family=family)
    except OSError as error:
        raise AudioEditionError(f"cannot listen on {host}:{port}: {error.strerror}") from error
    with listener:
        app = application(output, settings, editions)
        server = make_server(host, port, app, threaded=True, fd=listener.fileno())
    return server, public_url(host, server.port)
