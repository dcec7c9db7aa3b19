"""The command that brings articles in from the web: import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from audio.cli.app import QuietOption, command, err, out, problem, settings_with, warn
from audio.errors import SettingsError
from audio.settings import Settings

if TYPE_CHECKING:
    from audio.web.importer import Result

# What each outcome shows: always, or only with --verbose.
_SHOWN = {"new": "green", "updated": "cyan", "kept": "yellow"}
_VERBOSE = {"unchanged": "dim", "skipped": "dim"}


@command(name="import")
def import_articles(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Article pages, RSS or Atom feeds (every item's page), saved .html files "
            "(default: the sources setting).",
            metavar="[SOURCE]...",
            show_default=False,
        ),
    ] = None,
    articles: Annotated[
        Path | None,
        typer.Option("--articles", help="Folder to write the articles to (default: articles/)."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Write articles again even if edited or removed here since import."
        ),
    ] = False,
    quiet: QuietOption = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also unchanged and skipped articles.")
    ] = False,
) -> None:
    """Import articles from web pages and feeds into the articles folder as Markdown files;
    what was imported before and has not changed is not written again.

    Example: audio-edition import https://example.org/kommentare/feed.rss
    """
    settings = settings_with(articles=articles)
    failed = run_import(settings, sources or [], force=force, quiet=quiet, verbose=verbose)
    if failed:
        raise typer.Exit(1)


def run_import(
    settings: Settings, sources: list[str], force: bool, quiet: bool, verbose: bool
) -> int:
    """Import `sources` (else the `sources` setting), showing each result; the number failed."""
    from audio.web.importer import import_sources

    chosen = sources or list(settings.sources)
    if not chosen:
        raise SettingsError(
            "nothing to import: name a page or feed, or list them in the sources setting "
            '(sources = ["https://…/feed.rss"] under [tool.audio-edition])'
        )
    results = import_sources(
        chosen,
        settings.articles,
        contact=settings.website or settings.base_url,
        force=force,
        report=lambda result: _show(result, quiet, verbose),
    )
    counts = {action: sum(r.action == action for r in results) for action in _ORDER}
    summary = ", ".join(f"{n} {action}" for action, n in counts.items() if n)
    (err if quiet else out).say(f"import: {summary or 'nothing found'}")
    return counts["failed"]


_ORDER = ("new", "updated", "unchanged", "kept", "skipped", "failed")


def _show(result: Result, quiet: bool, verbose: bool) -> None:
    if result.action == "failed":
        problem(result.reason or result.source)
        return
    style = _SHOWN.get(result.action) or (_VERBOSE.get(result.action) if verbose else None)
    if style and not quiet:
        where = f" → {result.path}" if result.path else ""
        out.say((f"{result.action:>9}", style), f" {result.source}{where}")
    if quiet or not (result.action in _SHOWN or verbose):
        return
    # What was guessed always; what was left out of the text (it is what import is for) only
    # when asked.
    for note in (result.reason, *result.guesses, *(result.notes if verbose else ())):
        if note:
            warn(f"{result.source}: {note}")
