"""A news site on 127.0.0.1 for the import tests: pages and feeds from tests/data/web at the paths
a test gives them, answers that fail or come late, and a record of every request (its path, its
User-Agent, and how many were in flight at once)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WEB = Path(__file__).parent / "data" / "web"
TYPES = {".html": "text/html; charset=utf-8", ".rss": "text/xml", ".atom": "application/atom+xml"}


@dataclass
class Route:
    """What one path answers: `body` with `content_type`; the first answers may be `failures`
    (status codes); every answer waits `delay` seconds first."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    failures: list[int] = field(default_factory=list)
    delay: float = 0.0


class NewsServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str]] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def serve(self, path: str, name: str, **options: object) -> str:
        """Serve tests/data/web/`name` at `path` (`{base}` in it filled in); its address."""
        data = (WEB / name).read_bytes().replace(b"{base}", self.base.encode())
        content_type = TYPES[Path(name).suffix]
        if "charset=iso-8859-1" in data[:600].decode("latin-1").lower():
            content_type = "text/html"  # the page alone names its encoding
        self.routes[path] = Route(data, content_type, **options)  # type: ignore[arg-type]
        return self.base + path

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.enter(self.path, self.headers.get("User-Agent", ""))
                try:
                    self.answer()
                finally:
                    server.leave()

            def answer(self) -> None:
                route = server.routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_error(404)
                    return
                time.sleep(route.delay)
                if route.failures:
                    self.send_error(route.failures.pop(0))
                    return
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def enter(self, path: str, agent: str) -> None:
        with self.lock:
            self.requests.append((path, agent))
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)

    def leave(self) -> None:
        with self.lock:
            self.in_flight -= 1

    def hits(self, path: str) -> int:
        return sum(1 for requested, _ in self.requests if requested == path)


@contextmanager
def news_server() -> Iterator[NewsServer]:
    site = NewsServer()
    thread = threading.Thread(target=site.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()
        thread.join()
