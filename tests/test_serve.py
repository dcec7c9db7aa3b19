"""`serve` over real HTTP: a server thread on a free loopback port, requests through http.client
(which sends paths exactly as written, `..` included)."""

from __future__ import annotations

import contextlib
import http.client
import logging
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from typer.testing import CliRunner
from werkzeug.serving import ThreadedWSGIServer

from audio.cli import app
from audio.edition.model import Edition
from audio.errors import AudioEditionError
from audio.hosting.serve import public_url, published_editions, start
from audio.publish.feed import podcast_guid
from tests.publishing import SETTINGS, make_edition, publish_with_manifest


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("newsroom") / "output"
    folder.mkdir()
    # An MP3 stand-in whose every byte tells its position, so ranges can be checked exactly.
    counting = bytes(range(256)) * 40
    editions = [make_edition(folder, n, audio=counting) for n in (1, 2)]
    publish_with_manifest(folder, editions)
    (folder / ".manifest.json.1234.tmp").write_text("half written", encoding="utf-8")
    (folder.parent / "secret.txt").write_text("not for the network", encoding="utf-8")
    (folder / "outside").symlink_to(folder.parent)
    return folder


@pytest.fixture(scope="module")
def server(output: Path) -> Iterator[tuple[str, int]]:
    server, _ = start(output, SETTINGS, "127.0.0.1", 0, lambda: published_editions(output))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "127.0.0.1", server.port
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def edition(output: Path) -> Edition:
    return published_editions(output)[0]


def request(
    server: tuple[str, int], path: str, method: str = "GET", **headers: str
) -> tuple[http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection(*server, timeout=10)
    connection.request(method, path, headers={k.replace("_", "-"): v for k, v in headers.items()})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_a_byte_range_gets_206_and_exactly_those_bytes(
    server: tuple[str, int], edition: Edition
) -> None:
    response, body = request(server, f"/{edition.audio}", Range="bytes=100-199")
    assert response.status == 206
    assert body == bytes(range(100, 200))
    assert response.getheader("Content-Range") == "bytes 100-199/10240"
    assert response.getheader("Content-Type") == "audio/mpeg"
    assert response.getheader("Accept-Ranges") == "bytes"


def test_an_open_range_and_a_suffix_range(server: tuple[str, int], edition: Edition) -> None:
    _, tail = request(server, f"/{edition.audio}", Range="bytes=10200-")
    assert tail == bytes(range(216, 256))
    _, last = request(server, f"/{edition.audio}", Range="bytes=-3")
    assert last == bytes([253, 254, 255])


def test_an_unsatisfiable_range_gets_416(server: tuple[str, int], edition: Edition) -> None:
    response, _ = request(server, f"/{edition.audio}", Range="bytes=20000-20100")
    assert response.status == 416
    assert response.getheader("Content-Range") == "bytes */10240"


def test_head_sends_the_headers_of_get_without_a_body(
    server: tuple[str, int], edition: Edition
) -> None:
    response, body = request(server, f"/{edition.audio}", method="HEAD")
    assert response.status == 200
    assert body == b""
    assert response.getheader("Content-Length") == "10240"
    response, body = request(server, "/feed.xml", method="HEAD")
    assert (response.status, body) == (200, b"")
    assert int(response.getheader("Content-Length")) > 1000


@pytest.mark.parametrize(
    ("kind", "content_type", "cors"),
    [
        ("vtt", "text/vtt; charset=utf-8", True),
        ("srt", "application/x-subrip; charset=utf-8", True),
        ("transcript", "application/json", True),
        ("chapters", "application/json", True),
        ("speaker", "audio/mpeg", False),
        ("page", "text/html; charset=utf-8", False),
    ],
)
def test_content_types_and_cors(
    server: tuple[str, int], edition: Edition, kind: str, content_type: str, cors: bool
) -> None:
    response, _ = request(server, f"/{edition.files[kind]}")
    assert response.status == 200
    assert response.getheader("Content-Type") == content_type
    assert (response.getheader("Access-Control-Allow-Origin") == "*") is cors


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/assets/../../secret.txt",
        "/outside/secret.txt",
        "/.manifest.json.1234.tmp",
        "/nothing-here.mp3",
    ],
)
def test_nothing_outside_the_output_folder_is_served(server: tuple[str, int], path: str) -> None:
    response, body = request(server, path)
    assert response.status in (403, 404)
    assert b"not for the network" not in body


def test_folders_serve_their_index_page(server: tuple[str, int], edition: Edition) -> None:
    response, body = request(server, "/")
    assert response.status == 200
    assert b"Kommentar Nummer 2" in body
    response, _ = request(server, f"/{edition.slug}")
    assert response.status == 301
    assert response.getheader("Location").endswith(f"/{edition.slug}/")
    response, body = request(server, f"/{edition.slug}/")
    assert response.status == 200
    assert b'<audio id="player"' in body


def test_only_get_and_head(server: tuple[str, int]) -> None:
    response, _ = request(server, "/feed.xml", method="POST")
    assert response.status == 405


def test_the_served_feed_points_at_the_server_and_keeps_its_identity(
    server: tuple[str, int], output: Path
) -> None:
    response, body = request(server, "/feed.xml")
    assert response.getheader("Content-Type") == "application/rss+xml; charset=utf-8"
    assert response.getheader("Access-Control-Allow-Origin") == "*"
    feed = feedparser.parse(body)
    assert not feed.bozo
    here = f"http://127.0.0.1:{server[1]}/"
    enclosures = [entry.enclosures[0].href for entry in feed.entries]
    assert len(enclosures) == 2
    assert all(url.startswith(here) for url in enclosures)
    assert feed.feed.podcast_guid == podcast_guid(SETTINGS.feed_url)
    # The file on disk still names the public address.
    assert b"https://example.org/podcast/" in (output / "feed.xml").read_bytes()
    assert here.encode() not in (output / "feed.xml").read_bytes()
    _, flash = request(server, "/flash-briefing.json")
    assert here.encode() in flash


def test_a_feed_reader_can_fetch_every_enclosure_it_is_given(server: tuple[str, int]) -> None:
    _, body = request(server, "/feed.xml")
    for entry in feedparser.parse(body).entries:
        enclosure = entry.enclosures[0]
        path = enclosure.href.split(str(server[1]), 1)[1]
        response, data = request(server, path)
        assert response.status == 200
        assert len(data) == int(enclosure.length)


def test_starting_without_a_build_or_on_a_taken_port_is_an_error(
    tmp_path: Path, server: tuple[str, int], output: Path
) -> None:
    with pytest.raises(AudioEditionError, match="run `audio-edition build` first"):
        start(tmp_path, SETTINGS, "127.0.0.1", 0, list)
    with pytest.raises(AudioEditionError, match=f"cannot listen on 127.0.0.1:{server[1]}"):
        start(output, SETTINGS, "127.0.0.1", server[1], list)


def test_the_address_shown_to_other_devices() -> None:
    assert public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert public_url("::1", 8000) == "http://[::1]:8000/"
    assert public_url("0.0.0.0", 8000).endswith(":8000/")


def test_the_serve_command_prints_the_feed_url(
    output: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from werkzeug.serving import BaseWSGIServer

    def interrupted(self: BaseWSGIServer) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(BaseWSGIServer, "serve_forever", interrupted)
    monkeypatch.chdir(output.parent)
    result = CliRunner().invoke(app, ["serve", "--host", "127.0.0.1", "--port", "0"])
    assert result.exit_code == 0, result.output
    assert re.search(r"Listening on 127\.0\.0\.1, port \d+, only\n", result.output)
    assert "Serving output at http://127.0.0.1:" in result.output
    assert "Subscribe in a podcast app: http://127.0.0.1:" in result.output
    assert "/feed.xml" in result.output
    result = CliRunner().invoke(app, ["serve", "--port", "0"])
    said = " ".join(result.output.split())
    assert re.search(
        r"Listening on every network this machine is on \(0\.0\.0\.0, port \d+\): "
        r"(\S+, )*127\.0\.0\.1(, \S+)*; --host 127\.0\.0\.1 keeps it to this machine",
        said,
    ), said


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/%00", 400),
        ("/feed%00.xml", 400),
        ("/a%0d%0aSet-Cookie:x", 400),
        ("/" + "a" * 8000, 414),
        ("/" + "a" * 300 + ".mp3", 404),  # longer than a file name may be
        ("/" + "a/" * 100 + "b", 404),
    ],
)
def test_a_malformed_path_is_the_clients_error(
    server: tuple[str, int], path: str, status: int
) -> None:
    response, _ = request(server, path)
    assert response.status == status


@pytest.mark.parametrize(
    "path", ["/manifest.json", "/.audio-edition.lock", "/.staging/", "/.staging/x/y.mp3"]
)
def test_the_builds_own_files_are_not_served(server: tuple[str, int], path: str) -> None:
    response, body = request(server, path)
    assert response.status == 404
    assert b"editions" not in body


@contextlib.contextmanager
def served(output: Path, **options: Any) -> Iterator[tuple[ThreadedWSGIServer, int]]:
    server, _ = start(
        output, SETTINGS, "127.0.0.1", 0, lambda: published_editions(output), **options
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, server.port
    finally:
        server.shutdown()
        server.server_close()


def enclosures(body: bytes) -> list[str]:
    return [entry.enclosures[0].href for entry in feedparser.parse(body).entries]


def test_the_feed_names_the_servers_address_whatever_the_host_header_says(
    server: tuple[str, int], output: Path
) -> None:
    _, body = request(server, "/feed.xml", Host="evil.example")
    assert all(url.startswith(f"http://127.0.0.1:{server[1]}/") for url in enclosures(body))
    with served(output, host_header=True) as (_, port):
        _, body = request(("127.0.0.1", port), "/feed.xml", Host="zeitung.lan:8000")
        assert all(url.startswith("http://zeitung.lan:8000/") for url in enclosures(body))


def test_a_client_that_sends_nothing_is_let_go(output: Path) -> None:
    with (
        served(output, timeout=0.3) as (_, port),
        socket.create_connection(("127.0.0.1", port), timeout=5) as idle,
    ):
        idle.sendall(b"GET /feed.xml HTTP/1.1\r\nHost: x")  # and then nothing
        started = time.monotonic()
        assert idle.recv(1024) == b""  # closed by the server
        assert time.monotonic() - started < 4


def connect_from(address: str, port: int) -> socket.socket:
    connection = socket.socket()
    connection.settimeout(5)
    connection.bind((address, 0))
    connection.connect(("127.0.0.1", port))
    return connection


def held(server: Any, count: int) -> None:
    """Wait until the server holds `count` connections (a finished one is let go on its
    thread, a moment after the client has its answer)."""
    deadline = time.monotonic() + 5
    while sum(server.held.values()) != count:
        assert time.monotonic() < deadline, f"{dict(server.held)} held, not {count}"
        time.sleep(0.01)


def test_one_address_cannot_hold_every_connection(output: Path) -> None:
    with served(output) as (server, port):
        server.per_client, server.connections = 3, 8
        hogs = [connect_from("127.0.0.2", port) for _ in range(3)]
        for hog in hogs:
            hog.sendall(b"GET / HTTP/1.1\r\n")  # a request that never ends
        held(server, 3)
        turned_away = connect_from("127.0.0.2", port)
        assert turned_away.recv(1024).startswith(b"HTTP/1.1 503 Service Unavailable\r\n")
        response, _ = request(("127.0.0.1", port), "/feed.xml")
        assert response.status == 200  # another device is served meanwhile
        held(server, 3)
        more = [connect_from(f"127.0.0.{n}", port) for n in range(3, 8)]
        held(server, 8)
        full = connect_from("127.0.0.9", port)
        assert full.recv(1024).startswith(b"HTTP/1.1 503")  # 8 held in all
        for connection in [*hogs, *more, turned_away, full]:
            connection.close()
        held(server, 0)
        with connect_from("127.0.0.2", port) as again:  # served again once it lets go
            again.sendall(b"GET /feed.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert again.recv(1024).startswith(b"HTTP/1.1 200 OK\r\n")


def test_the_request_log_has_no_colour_codes_off_a_terminal(
    server: tuple[str, int], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        request(server, "/nothing-here.mp3")
        request(server, "/%00")
        time.sleep(0.1)
    lines = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert any('"GET /nothing-here.mp3 HTTP/1.1" 404' in line for line in lines)
    assert not any("\x1b[" in line for line in lines)
