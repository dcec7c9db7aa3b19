"""`check --remote` against a real HTTP server whose answers can be made wrong one way at a time:
a missing enclosure, another length, another type, no ranges, a feed that does not parse."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from audio.cli import app
from audio.hosting.remote_check import check_remote
from tests.publishing import SETTINGS, make_edition, publish_with_manifest

FAULTS: dict[str, str] = {}
"""URL path → what is wrong with its answers."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The published folder of two hand-made editions, served at http://127.0.0.1:PORT/podcast/
    with the feed's URLs pointing there."""
    output = tmp_path_factory.mktemp("site") / "output"
    output.mkdir()
    server = make_server("127.0.0.1", 0, _app(output), threaded=True)
    base = f"http://127.0.0.1:{server.port}/podcast/"
    settings = SETTINGS.replace(base_url=base)
    publish_with_manifest(output, [make_edition(output, n) for n in (1, 2)], settings)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def _app(output: Path) -> Callable[..., object]:
    @Request.application
    def serve(request: Request) -> Response:
        relative = request.path.removeprefix("/podcast/")
        fault = FAULTS.get(relative, "")
        path = output / relative
        if fault == "missing" or not path.is_file():
            return Response("not here", status=404)
        data = path.read_bytes() + (b"x" if fault == "longer" else b"")
        kind = {"mp3": "audio/mpeg", "xml": "application/rss+xml"}.get(path.suffix[1:], "")
        kind = "application/octet-stream" if fault == "type" else kind or "text/plain"
        response = Response(data, mimetype=kind)
        if fault != "no ranges":
            response.make_conditional(request, accept_ranges=True, complete_length=len(data))
        return response

    return serve


@pytest.fixture(autouse=True)
def _no_faults() -> Iterator[None]:
    FAULTS.clear()
    yield
    FAULTS.clear()


def enclosure(number: int) -> str:
    """The podcast rendition of hand-made edition `number` (tests/publishing.py)."""
    slug = f"2022-01-{10 + number:02d}-kommentar-{number}"
    return f"{slug}/{slug}.mp3"


def test_a_whole_deployed_feed_checks_out(site: str) -> None:
    base = site
    assert check_remote(base + "feed.xml") == []


@pytest.mark.parametrize(
    ("fault", "problem"),
    [
        ("missing", "answered 404, not 200"),
        ("longer", "is 4004 bytes, the feed announces 4003"),
        ("type", "served as application/octet-stream, the feed says audio/mpeg"),
        ("no ranges", "answered 200 to a range request, not 206: apps cannot seek"),
    ],
)
def test_each_fault_of_an_enclosure_is_told(site: str, fault: str, problem: str) -> None:
    base = site
    path = enclosure(2)
    FAULTS[path] = fault
    assert check_remote(base + "feed.xml") == [f"{base}{path}: {problem}"]


def test_a_feed_that_is_not_there_or_does_not_parse(site: str) -> None:
    base = site
    assert check_remote(base + "nothing.xml") == [f"{base}nothing.xml: answered 404, not 200"]
    (problem,) = check_remote(base + "index.html")[-1:]
    assert "does not parse" in problem


def test_an_unreachable_host_is_told() -> None:
    from tests.servers import free_port

    url = f"http://127.0.0.1:{free_port()}/feed.xml"
    (problem,) = check_remote(url)
    assert problem.startswith(f"{url}: did not answer (") and "refused" in problem


def test_the_command_checks_base_url_s_feed(site: str, project: Path) -> None:
    base = site
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--remote", "--base-url", base])
    assert result.exit_code == 0, result.output
    assert result.output == f"{base}feed.xml: the feed and every enclosure check out\n"
    FAULTS[enclosure(1)] = "missing"
    result = runner.invoke(app, ["check", "--remote", "--base-url", base])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"problem: {base}{enclosure(1)}: answered 404, not 200",
        f"1 problem(s) at {base}feed.xml",
    ]
