"""A local stand-in for Google's speech endpoint, reached the way gTTS reaches the real one.

gTTS always calls `https://translate.google.<tld>/…` and hands `urllib.request.getproxies()` to
requests. So nothing needs patching: with `HTTPS_PROXY=http://127.0.0.1:PORT` in the environment,
gTTS (in this process or in a `gtts-cli` subprocess) opens a CONNECT tunnel to this server, which
ends the tunnel's TLS itself with a throwaway certificate (gTTS sends `verify=False`) and answers
every request like Google after a fixed latency, with espeak-ng speech of the text asked for
(`tests/google.py`). The server never connects anywhere.

It runs in a process of its own, so that it takes no CPU time or GIL from the client measured:

    python -m bench.fake_google --latency 0.2      # prints: proxy http://127.0.0.1:PORT

A plain `GET http://127.0.0.1:PORT/requests` answers how many speech requests it has answered.
"""

from __future__ import annotations

import argparse
import ssl
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import trustme

from tests.google import reply, speech_mp3, spoken_text


class FakeGoogle:
    """Counts requests; `latency` seconds pass before each answer."""

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.requests = 0
        self.lock = threading.Lock()
        authority = trustme.CA()
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        authority.issue_cert("translate.google.de", "translate.google.com").configure_cert(self.tls)

    def answer(self, body: bytes) -> bytes:
        with self.lock:
            self.requests += 1
        text = spoken_text(body)
        started = time.monotonic()
        answer = reply(speech_mp3(text)).encode()
        # The latency is the round trip; making the speech (first time only) counts towards it.
        time.sleep(max(0.0, self.latency - (time.monotonic() - started)))
        return answer


def _handler(google: FakeGoogle) -> type[BaseHTTPRequestHandler]:
    class Inner(BaseHTTPRequestHandler):
        """One HTTP request inside the TLS tunnel."""

        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            answer = google.answer(body)
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(answer)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(answer)
            self.close_connection = True

        def log_message(self, *_: object) -> None:
            pass

    class Tunnel(BaseHTTPRequestHandler):
        """The proxy side: CONNECT opens a tunnel whose TLS ends here."""

        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            count = str(google.requests).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(count)))
            self.end_headers()
            self.wfile.write(count)

        def do_CONNECT(self) -> None:
            self.send_response(200, "Connection established")
            self.end_headers()
            self.wfile.flush()
            try:
                secure = google.tls.wrap_socket(self.connection, server_side=True)
                Inner(secure, self.client_address, self.server)
            except (ssl.SSLError, OSError):
                pass
            self.close_connection = True

        def log_message(self, *_: object) -> None:
            pass

    return Tunnel


def serve(latency: float) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(FakeGoogle(latency)))
    server.daemon_threads = True
    host, port = server.server_address[:2]
    print(f"proxy http://{host}:{port}", flush=True)
    server.serve_forever()


@contextmanager
def fake_google(latency: float = 0.2) -> Iterator[str]:
    """A fake Google in its own process, while the block runs; yields the proxy URL."""
    command = [sys.executable, "-m", "bench.fake_google", "--latency", str(latency)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        if not line.startswith("proxy "):
            raise RuntimeError(f"the fake Google did not start: {line!r}")
        yield line.split()[1]
    finally:
        process.terminate()
        process.wait(timeout=10)


def answered(proxy: str) -> int:
    """How many speech requests the fake Google at `proxy` has answered."""
    with urllib.request.urlopen(f"{proxy}/requests", timeout=5) as response:
        return int(response.read())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="A local stand-in for Google's speech endpoint.")
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per answer")
    serve(parser.parse_args().latency)
