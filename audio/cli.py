"""The `audio-edition` command line: flags in, calls into the library, messages out."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from audio import __version__
from audio.errors import AudioEditionError
from audio.settings import Settings, load_settings

app = typer.Typer(
    name="audio-edition",
    help="Turn German newspaper commentaries into narrated, published audio editions.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

Command = TypeVar("Command", bound=Callable[..., Any])


def command(function: Command) -> Command:
    """Register a command whose AudioEditionErrors end as one plain message and exit code 1."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except AudioEditionError as error:
            err.print(f"[bold red]error:[/] {error}", highlight=False)
            raise typer.Exit(1) from None

    app.command()(run)
    return function


def _version(show: bool) -> None:
    if show:
        out.print(f"audio-edition {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Settings come from [tool.audio-edition] in ./pyproject.toml, AUDIO_EDITION_* variables
    and the options below, in that order."""


EngineOption = Annotated[
    str | None, typer.Option("--engine", help="Speech engine: auto or espeak.")
]


def _settings(**overrides: Any) -> Settings:
    return load_settings().replace(**overrides)


@command
def build(
    articles: Annotated[
        Path | None, typer.Argument(help="Folder of articles (default: articles/).")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output folder (default: output/).")
    ] = None,
    engine: EngineOption = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Public URL the output folder is served at.")
    ] = None,
) -> None:
    """Build an audio edition of every article and publish the feed."""
    from audio.build import build as build_all

    settings = _settings(engine=engine, base_url=base_url, articles=articles, output=out_dir)

    def show(outcome: Any) -> None:
        name = outcome.source.name
        for warning in outcome.warnings:
            err.print(f"[yellow]warning:[/] {name}: {warning}", highlight=False)
        if outcome.error:
            err.print(f"[bold red]error:[/] {outcome.error}", highlight=False)
        else:
            edition = outcome.edition
            out.print(
                f"[green]built[/] {edition.audio}  {edition.duration:.0f} s  "
                f"{edition.size / 1e6:.1f} MB",
                highlight=False,
            )

    report = build_all(settings, settings.articles, settings.output, notify=show)
    built = len(report.outcomes) - len(report.failures)
    out.print(f"{built} edition(s) built, {len(report.failures)} failed → {settings.output}")
    if report.failures:
        raise typer.Exit(1)


@command
def render(
    source: Annotated[Path, typer.Argument(help="The article file.")],
    target: Annotated[Path, typer.Option("--output", "-o", help="The MP3 to write.")],
    engine: EngineOption = None,
) -> None:
    """Narrate one article into one MP3, without publishing anything."""
    from audio.build import render_file

    timeline = render_file(source, target, _settings(engine=engine))
    out.print(f"{target}  {timeline.duration:.1f} s, {len(timeline.cues)} sentences")


def main() -> None:
    app()
