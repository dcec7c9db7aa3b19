"""The `audio-edition` command line: flags in, calls into the library, messages out."""

from __future__ import annotations

import functools
import gc
import signal
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from audio import __version__
from audio.builds.allocator import keep_freed_memory
from audio.builds.watch import INTERVAL
from audio.cli.terminal import Terminal
from audio.errors import AudioEditionError
from audio.settings import Settings, load_settings

if TYPE_CHECKING:
    from audio.builds.build import Report
    from audio.cache import Usage

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
    """Register a command whose AudioEditionErrors end as one plain message and exit code 1."""

    def register(function: Command) -> Command:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except AudioEditionError as error:
                _problem(str(error))
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


def _settings(**overrides: Any) -> Settings:
    return load_settings().replace(**overrides)


def _speech(
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


def _warn(message: str) -> None:
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


@command
def build(
    articles: ArticlesArgument = None,
    out_dir: OutOption = None,
    engine: EngineOption = None,
    base_url: BaseUrlOption = None,
    jobs: JobsOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Render every edition again, changed or not.")
    ] = False,
    keep: KeepOption = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="If another build is running, wait for it.")
    ] = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    cache: CacheOption = None,
    voice: VoiceOption = None,
    rate: RateOption = None,
    pitch: PitchOption = None,
    word_gap: WordGapOption = None,
    tempo: TempoOption = None,
    piper_model: PiperModelOption = None,
) -> None:
    """Bring the audio editions, the feeds and the site up to date with the articles."""
    settings = _settings(
        base_url=base_url,
        articles=articles,
        output=out_dir,
        **_speech(engine, cache, voice, rate, pitch, word_gap, tempo, piper_model),
    )
    report = _build_round(settings, quiet, verbose, jobs=jobs, keep=keep, force=force, wait=wait)
    if report.failures:
        raise typer.Exit(1)


def _build_round(
    settings: Settings,
    quiet: bool,
    verbose: bool,
    title: str = "audio-edition build",
    **options: Any,
) -> Report:
    """One build with its progress, summary (its table titled `title`) and warnings shown as
    `build` shows them."""
    from audio.builds.build import build_output
    from audio.cli.progress import NORMAL, QUIET, VERBOSE, Display, summary

    verbosity = QUIET if quiet else VERBOSE if verbose else NORMAL
    with Display(err, verbosity) as display:
        report = build_output(settings, events=display, **options)
    summary(report, out, verbosity, title)
    for warning in report.warnings:
        _warn(warning)
    return report


@command
def watch(
    articles: ArticlesArgument = None,
    out_dir: OutOption = None,
    engine: EngineOption = None,
    base_url: BaseUrlOption = None,
    jobs: JobsOption = None,
    keep: KeepOption = False,
    interval: Annotated[
        float,
        typer.Option("--interval", min=0.01, help="Seconds between looks at the files."),
    ] = INTERVAL,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    cache: CacheOption = None,
    voice: VoiceOption = None,
    rate: RateOption = None,
    pitch: PitchOption = None,
    word_gap: WordGapOption = None,
    tempo: TempoOption = None,
    piper_model: PiperModelOption = None,
) -> None:
    """Build, then build again whenever an article, the settings or a file they name changes;
    Ctrl-C stops."""
    from audio.builds.watch import watch as watch_files

    speech = _speech(engine, cache, voice, rate, pitch, word_gap, tempo, piper_model)

    def load() -> Settings:
        return _settings(base_url=base_url, articles=articles, output=out_dir, **speech)

    def build_round(settings: Settings) -> Report:
        # A build holding the lock (cron's) is waited for: the round comes after it.
        # Each round's table says when it ran: a watch's output is a log of many rounds.
        title = f"audio-edition watch, {datetime.now():%H:%M:%S}"
        return _build_round(settings, quiet, verbose, title, jobs=jobs, keep=keep, wait=True)

    if not quiet:
        err.say("Building, then watching for changes (Ctrl-C stops)")
    # A service manager stops with SIGTERM: the same clean end as Ctrl-C (a round it cuts short
    # is finished by the next build, as after any killed build).
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        watch_files(load, build_round, _problem, interval=interval)
    except KeyboardInterrupt:
        err.say("Stopped watching.")
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _problem(message: str) -> None:
    err.say(("error:", "bold red"), f" {message}")


@command
def render(
    source: Annotated[Path, typer.Argument(help="The article file.")],
    target: Annotated[Path, typer.Option("--output", "-o", help="The MP3 to write.")],
    engine: EngineOption = None,
    cache: CacheOption = None,
    voice: VoiceOption = None,
    rate: RateOption = None,
    pitch: PitchOption = None,
    word_gap: WordGapOption = None,
    tempo: TempoOption = None,
    piper_model: PiperModelOption = None,
    wav: Annotated[
        Path | None,
        typer.Option("--wav", help="Also write the narration before mastering, as a WAV."),
    ] = None,
) -> None:
    """Narrate one article into one MP3, without publishing anything."""
    from audio.edition.stages import render_file

    settings = _settings(**_speech(engine, cache, voice, rate, pitch, word_gap, tempo, piper_model))
    timeline = render_file(source, target, settings, warn=_warn, wav=wav)
    out.say(f"{target}  {timeline.duration:.1f} s, {len(timeline.cues)} sentences")


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
    """Print what the narrator says for German text, one output line per input line."""
    import sys

    from audio.text.speech import load_lexicon, normalize_lines

    path = _settings(lexicon=lexicon).lexicon
    written = sys.stdin.read() if text is None else text
    typer.echo(normalize_lines(written, load_lexicon(path) if path else None))


@command
def serve(
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output folder (default: output/).")
    ] = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; 0.0.0.0 means every network.")
    ] = "0.0.0.0",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
) -> None:
    """Serve the output folder on the local network, with a feed a phone there can subscribe to."""
    from audio.hosting.serve import published_editions, start

    settings = _settings(output=out_dir)
    output = settings.output
    server, url = start(output, settings, host, port, lambda: published_editions(output))
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
) -> None:
    """Check a published folder: MP3s decode with complete tags, feeds parse, files match."""
    from audio.builds.build import default_jobs
    from audio.builds.check import check as check_folder
    from audio.builds.check import targets

    settings = _settings(output=out_dir)
    folder = settings.output
    problems = check_folder(folder, targets(settings), jobs=jobs or default_jobs())
    for problem in problems:
        out.say(("problem:", "red"), f" {problem}")
    if problems:
        out.say(f"{len(problems)} problem(s) in {folder}")
        raise typer.Exit(1)
    out.say(f"{folder}: every edition, feed and file checks out")


@command(name="list")
def list_editions(
    out_dir: OutputArgument = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """The published editions, newest first: date, title, duration, engine, size."""
    import json

    from rich.table import Table
    from rich.text import Text

    from audio.builds.listing import editions

    listed = editions(_settings(output=out_dir).output)
    if as_json:
        print(json.dumps([e.to_json() for e in listed], ensure_ascii=False, indent=1))
        return
    table = Table("date", "duration", "size", "engine")
    # The title takes what the other columns (about 70 characters) leave of the line.
    width = max(20, out.console.width - 75)
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=width)
    for edition in listed:
        minutes, seconds = divmod(round(edition.duration), 60)
        table.add_row(
            edition.published[:16].replace("T", " "),
            f"{minutes}:{seconds:02d}",
            f"{edition.size / 1e6:.1f} MB",
            edition.engine,
            Text(edition.title),
        )
    out.show(table)


@command
def engines() -> None:
    """Each speech engine, its voices, and whether it can be used right now."""
    from audio.voice.engines import engine_statuses

    settings = _settings()
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
    --max-size."""
    from audio.cache import cache_location, parse_size, prune
    from audio.cache import usage as cache_usage

    settings = _settings()
    folder = cache_location(settings)
    if max_size is not None:
        removed = prune(folder, parse_size(max_size))
        size = removed.size / 1e6
        out.say(f"removed {removed.takes} take(s), {size:.1f} MB; {_segments(removed)}")
    usage = cache_usage(folder)
    out.say(f"{folder}: {usage.takes} take(s), {usage.size / 1e6:.1f} MB; {_segments(usage)}")


def _segments(usage: Usage) -> str:
    return f"{usage.segments} encoded segment(s) and narration, {usage.segments_size / 1e6:.1f} MB"


def main() -> None:
    keep_freed_memory()
    try:
        app()
    finally:
        # The operating system frees the process's memory at exit: frozen, the objects of every
        # library a build imported are skipped by the interpreter's last garbage collections,
        # which otherwise cost 0.03-0.05 s of CPU at the end of each command.
        gc.freeze()
