"""The command line's frame: the typer app, how every command reports an error, and the options
several commands share."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from audio import __version__
from audio.cli.terminal import Terminal
from audio.errors import AudioEditionError, system_problem
from audio.settings import Settings, load_settings

if TYPE_CHECKING:
    pass

app = typer.Typer(
    name="audio-edition",
    help="Turn German newspaper commentaries into narrated, published audio editions.",
    no_args_is_help=True,
    add_completion=False,
)
out = Terminal()
err = Terminal(stderr=True)

Command = TypeVar("Command", bound=Callable[..., Any])


def command(function: Command | None = None, *, name: str | None = None) -> Any:
    """Register a command whose AudioEditionErrors and OSErrors end as one plain message and exit
    code 1."""

    def register(function: Command) -> Command:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except AudioEditionError as error:
                problem(str(error))
                raise typer.Exit(1) from None
            except OSError as error:
                # A full disk, a read-only folder, a file where a folder belongs: the user's
                # to mend, so a line that says which, not a traceback.
                problem(system_problem(error))
                raise typer.Exit(1) from None

        app.command(name=name)(run)
        return function

    return register(function) if function else register


def _version(show: bool) -> None:
    if show:
        out.say(f"audio-edition {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Settings come from [tool.audio-edition] in ./pyproject.toml, AUDIO_EDITION_* variables
    and the options below, in that order."""


SPEECH = "Speech"
EngineOption = Annotated[
    str | None,
    typer.Option(
        "--engine",
        help="auto (gTTS when Google answers, else espeak), gtts, espeak or piper.",
        rich_help_panel=SPEECH,
    ),
]
CacheOption = Annotated[
    bool | None,
    typer.Option(
        "--cache/--no-cache",
        help="Reuse synthesized sentences (gtts, piper).",
        rich_help_panel=SPEECH,
    ),
]
VoiceOption = Annotated[
    str | None,
    typer.Option("--voice", help="espeak-ng voice, e.g. de or de+m3.", rich_help_panel=SPEECH),
]
RateOption = Annotated[
    int | None,
    typer.Option("--rate", help="espeak-ng words per minute.", rich_help_panel=SPEECH),
]
PitchOption = Annotated[
    int | None, typer.Option("--pitch", help="espeak-ng pitch, 0 to 100.", rich_help_panel=SPEECH)
]
WordGapOption = Annotated[
    int | None,
    typer.Option(
        "--word-gap", help="espeak-ng pause between words, in 10 ms.", rich_help_panel=SPEECH
    ),
]
TempoOption = Annotated[
    float | None,
    typer.Option(
        "--tempo", help="gTTS speed factor, 0.5 to 2, pitch kept.", rich_help_panel=SPEECH
    ),
]
PiperModelOption = Annotated[
    Path | None,
    typer.Option("--piper-model", help="piper voice model (.onnx).", rich_help_panel=SPEECH),
]


def settings_with(**overrides: Any) -> Settings:
    return load_settings().replace(**overrides)


def speech_options(
    engine: str | None,
    cache: bool | None,
    voice: str | None,
    rate: int | None,
    pitch: int | None,
    word_gap: int | None,
    tempo: float | None,
    piper_model: Path | None,
) -> dict[str, Any]:
    """The speech options of build and render, as settings."""
    return {
        "engine": engine,
        "cache": cache,
        "espeak_voice": voice,
        "espeak_rate": rate,
        "espeak_pitch": pitch,
        "espeak_word_gap": word_gap,
        "gtts_tempo": tempo,
        "piper_model": piper_model,
    }


def warn(message: str) -> None:
    err.say(("warning:", "yellow"), f" {message}")


ArticlesArgument = Annotated[
    Path | None, typer.Argument(help="Folder of articles (default: articles/).")
]
OutOption = Annotated[
    Path | None, typer.Option("--out", "-o", help="Output folder (default: output/).")
]
BaseUrlOption = Annotated[
    str | None, typer.Option("--base-url", help="Public URL the output folder is served at.")
]
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Articles rendered at once (default: cores)."),
]
KeepOption = Annotated[
    bool,
    typer.Option("--keep", help="Keep editions whose article was removed from the folder."),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Only errors and the final count.")
]
VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="Also unchanged editions and reasons.")
]


def problem(message: str) -> None:
    err.say(("error:", "bold red"), f" {message}")
