"""`serve` under a flood of clients that never finish a request (issue 20: 6,000 such connections
made the server take 119 s to answer a feed request).

The server runs in a process of its own on a published folder of two editions, allowed
`--files` open files (1024, as `ulimit -n` is on most systems: a server without a cap on its
connections runs out of them). This process opens `--slow` connections to it, each sending half a
request line and then nothing, spread over `--addresses` loopback addresses from 127.0.0.2 on,
then times a request for the feed from 127.0.0.1, the listener's phone. Run it from a checkout:
the server is the checkout's.

    python -m bench.serve_flood [--slow 6000] [--addresses 1] [--files 1024]
"""

from __future__ import annotations

import argparse
import http.client
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import machine, save, table

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120
"""Seconds the feed request waits for its answer."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=int, default=6000)
    parser.add_argument("--addresses", type=int, default=1)
    parser.add_argument("--files", type=int, default=1024)
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve:
        _serve(options.serve)
        return
    with tempfile.TemporaryDirectory() as scratch:
        server = subprocess.Popen(
            [sys.executable, "-m", "bench.serve_flood", "--serve", scratch],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: _limit_files(options.files),
        )
        try:
            port = int(server.stdout.readline()) if server.stdout else 0
            rows = [("no other client", *_feed_request(port))]
            held = _flood(port, options.slow, options.addresses)
            rows.append((f"{len(held)} slow connections taken", *_feed_request(port)))
            for connection in held:
                connection.close()
        finally:
            server.terminate()
            server.wait()
    print(f"{options.slow} slow connections from {options.addresses} address(es), ", end="")
    print(f"the server allowed {options.files} open files")
    print(table(("feed request from 127.0.0.1", "seconds", "status"), rows))
    results = {
        "slow": options.slow,
        "addresses": options.addresses,
        "files": options.files,
        "rows": [list(row) for row in rows],
        "machine": machine(),
    }
    print(f"→ {save('serve_flood', results)}")


def _serve(folder: Path) -> None:
    """In the child: publish two editions into `folder` and serve them on a free port."""
    from audio.hosting.serve import published_editions, start
    from tests.publishing import SETTINGS, make_edition, publish_with_manifest

    output = folder / "output"
    output.mkdir()
    publish_with_manifest(output, [make_edition(output, number) for number in (1, 2)])
    server, _ = start(output, SETTINGS, "127.0.0.1", 0, lambda: published_editions(output))
    print(server.port, flush=True)
    server.serve_forever()


def _limit_files(count: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_NOFILE, (count, count))


def _flood(port: int, count: int, addresses: int) -> list[socket.socket]:
    """Up to `count` connections that never finish their request; the flood stops where the
    server no longer takes connections (its backlog full for 2 s)."""
    held = []
    for number in range(count):
        connection = socket.socket()
        connection.settimeout(2)
        connection.bind((f"127.0.0.{2 + number % addresses}", 0))
        try:
            connection.connect(("127.0.0.1", port))
            connection.send(b"GET /feed.xml HT")
        except OSError:
            connection.close()
            break
        held.append(connection)
    return held


def _feed_request(port: int) -> tuple[float, int | str]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request("GET", "/feed.xml")
        status: int | str = connection.getresponse().status
    except OSError as error:
        status = type(error).__name__
    finally:
        connection.close()
    return round(time.perf_counter() - started, 3), status


if __name__ == "__main__":
    main()
