"""`serve` over real HTTP: a server thread on a free loopback port, requests through http.client
(which sends paths exactly as written, `..` included)."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from typer.testing import CliRunner

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
    assert "Serving output at http://127.0.0.1:" in result.output
    assert "Subscribe in a podcast app: http://127.0.0.1:" in result.output
    assert "/feed.xml" in result.output
