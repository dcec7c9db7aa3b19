"""The commands around the editions: what the narrator says, the engines, the cache."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from audio.cli.app import (
    command,
    out,
    settings_with,
)

if TYPE_CHECKING:
    from audio.cache import Usage


@command(name="normalize")
def normalize_text(
    text: Annotated[
        str | None, typer.Argument(help="German text (default: read from standard input).")
    ] = None,
    lexicon: Annotated[
        Path | None,
        typer.Option("--lexicon", help="Pronunciation lexicon (default: the lexicon setting)."),
    ] = None,
) -> None:
    """Print what the narrator says for German text, one output line per input line.

    Example: echo "Am 21. Januar 2022" | audio-edition normalize
    """
    import sys

    from audio.text.speech import load_lexicon, normalize_lines

    path = settings_with(lexicon=lexicon).lexicon
    written = sys.stdin.read() if text is None else text
    typer.echo(normalize_lines(written, load_lexicon(path) if path else None))


@command
def engines() -> None:
    """Each speech engine, its voices, and whether it can be used right now.

    Example: audio-edition engines
    """
    from audio.voice.engines import engine_statuses

    settings = settings_with()
    statuses = engine_statuses(settings)
    for status in statuses:
        if status.problem is None:
            out.say((status.name, "bold"), "  ", ("usable", "green"))
        else:
            out.say((status.name, "bold"), "  ", ("not usable:", "red"), f" {status.problem}")
        out.say(f"  voices: {status.voices}")
    usable = {status.name for status in statuses if status.problem is None}
    auto = "gtts" if "gtts" in usable else "espeak"
    out.say(f"auto would use: {auto}   (engine setting: {settings.engine})")


@command
def cache(
    max_size: Annotated[
        str | None,
        typer.Option(
            "--max-size",
            help="Prune the least recently used takes and segments down to this, e.g. 500MB.",
        ),
    ] = None,
) -> None:
    """Show the cache: where, how many takes and encoded segments, how large; prune it with
    --max-size.

    Example: audio-edition cache --max-size 500MB
    """
    from audio.cache import cache_location, prune
    from audio.cache import usage as cache_usage
    from audio.settings import parse_size

    settings = settings_with()
    folder = cache_location(settings)
    if max_size is not None:
        removed = prune(folder, parse_size(max_size))
        size = removed.size / 1e6
        out.say(f"removed {removed.takes} take(s), {size:.1f} MB; {_segments(removed)}")
    usage = cache_usage(folder)
    out.say(f"{folder}: {usage.takes} take(s), {usage.size / 1e6:.1f} MB; {_segments(usage)}")


def _segments(usage: Usage) -> str:
    return f"{usage.segments} encoded segment(s) and narration, {usage.segments_size / 1e6:.1f} MB"
