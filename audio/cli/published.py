"""The commands on a published folder: serve it, check it, list its editions."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from audio.cli.app import (
    BaseUrlOption,
    command,
    out,
    settings_with,
)
from audio.errors import SettingsError
from audio.settings import Settings


@command
def serve(
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output folder (default: output/).")
    ] = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; 0.0.0.0 means every network.")
    ] = "0.0.0.0",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    host_header: Annotated[
        bool,
        typer.Option(
            "--host-header",
            help="Feeds name the address each request came in on (its Host header), for a "
            "server reached by several names; default: the address printed at the start.",
        ),
    ] = False,
) -> None:
    """Serve the output folder on the local network, with a feed a phone there can subscribe to.

    Example: audio-edition serve --port 8000
    """
    from audio.hosting.serve import WILDCARDS, listening_on, published_editions, start

    settings = settings_with(output=out_dir)
    output = settings.output
    editions = functools.partial(published_editions, output)
    server, url = start(output, settings, host, port, editions, host_header=host_header)
    addresses = ", ".join(listening_on(host))
    if host in WILDCARDS:
        out.say(
            f"Listening on every network this machine is on ({host or '0.0.0.0'}, port "
            f"{server.port}): {addresses}; --host 127.0.0.1 keeps it to this machine"
        )
    else:
        out.say(f"Listening on {addresses}, port {server.port}, only")
    out.say(f"Serving {output} at {url}")
    out.say(f"Subscribe in a podcast app: {url}feed.xml  (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


OutputArgument = Annotated[
    Path | None, typer.Argument(help="The published folder (default: output/).")
]


@command
def check(
    out_dir: OutputArgument = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Files checked at once.")
    ] = None,
    remote: Annotated[
        bool,
        typer.Option(
            "--remote",
            help="Check the deployed feed at base_url instead, over HTTP(S): every enclosure's "
            "status, length, type and ranges.",
        ),
    ] = False,
    base_url: BaseUrlOption = None,
) -> None:
    """Check a published folder: MP3s decode with complete tags, feeds parse, files match; or,
    with --remote, the deployed feed as podcast apps fetch it.

    Example: audio-edition check output
    """
    from audio.builds.build import default_jobs

    settings = settings_with(output=out_dir, base_url=base_url)
    if remote:
        _check_remote(settings, jobs)
        return
    from audio.builds.check import check as check_folder
    from audio.builds.check import targets

    folder = settings.output
    problems = check_folder(folder, targets(settings), jobs=jobs or default_jobs())
    _tell(problems, f"in {folder}", f"{folder}: every edition, feed and file checks out")


def _check_remote(settings: Settings, jobs: int | None) -> None:
    from audio.builds.validate import check_base_url
    from audio.hosting.remote_check import check_remote

    for mistake in check_base_url(settings):
        raise SettingsError(mistake)
    feed_url = settings.feed_url
    problems = check_remote(feed_url, jobs=jobs or 8)
    _tell(problems, f"at {feed_url}", f"{feed_url}: the feed and every enclosure check out")


def _tell(problems: Sequence[object], where: str, whole: str) -> None:
    """Each problem, then how many (exit code 1); or that everything checks out."""
    for problem in problems:
        out.say(("problem:", "red"), f" {problem}")
    if problems:
        out.say(f"{len(problems)} problem(s) {where}")
        raise typer.Exit(1)
    out.say(whole)


@command(name="list")
def list_editions(
    out_dir: OutputArgument = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """The published editions, newest first: date, title, duration, engine, size of the MP3.

    Example: audio-edition list --json
    """
    import json

    from rich.table import Table
    from rich.text import Text

    from audio.builds.listing import editions

    listed = editions(settings_with(output=out_dir).output)
    if as_json:
        print(json.dumps([e.to_json() for e in listed], ensure_ascii=False, indent=1))
        return
    table = Table("date", "duration", "MP3 size", "engine")
    # The title takes what the other columns (about 70 characters) leave of the line.
    width = max(20, out.console.width - 75)
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=width)
    for edition in listed:
        minutes, seconds = divmod(round(edition.duration), 60)
        table.add_row(
            edition.published[:16].replace("T", " "),
            f"{minutes}:{seconds:02d}",
            f"{edition.mp3_size / 1e6:.1f} MB",
            edition.engine,
            Text(edition.title),
        )
    out.show(table)
