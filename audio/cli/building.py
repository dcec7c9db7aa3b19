"""The commands that narrate: build, watch and render."""

from __future__ import annotations

import signal
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from audio.builds.watch import INTERVAL
from audio.cli.app import (
    ArticlesArgument,
    BaseUrlOption,
    CacheOption,
    EngineOption,
    JobsOption,
    KeepOption,
    OutOption,
    PiperModelOption,
    PitchOption,
    QuietOption,
    RateOption,
    TempoOption,
    VerboseOption,
    VoiceOption,
    WordGapOption,
    command,
    err,
    out,
    problem,
    settings_with,
    speech_options,
    warn,
)
from audio.cli.deploying import DeployAfter, DeployOption, target_of
from audio.settings import Settings

if TYPE_CHECKING:
    from audio.builds.build import Report


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
    deploy: DeployOption = False,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="Read every published file and build again what no longer matches its digest.",
        ),
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
    import_first: Annotated[
        bool,
        typer.Option(
            "--import", help="First import what is new from the sources setting (pages, feeds)."
        ),
    ] = False,
) -> None:
    """Bring the audio editions, the feeds and the site up to date with the articles.

    Example: audio-edition build --jobs 2 --base-url https://example.org/kommentare/
    """
    settings = settings_with(
        base_url=base_url,
        articles=articles,
        output=out_dir,
        **speech_options(engine, cache, voice, rate, pitch, word_gap, tempo, piper_model),
    )
    # The deploy target is checked before anything is imported or built.
    deploying = DeployAfter(settings, target_of(settings), quiet) if deploy else None
    failed_imports = 0
    if import_first:
        from audio.builds.validate import validate
        from audio.cli.importing import run_import

        validate(settings)  # before the import writes anything, as before a build
        failed_imports = run_import(settings, [], force=False, quiet=quiet, verbose=verbose)
    report = _build_round(
        settings,
        quiet,
        verbose,
        deploying=deploying,
        jobs=jobs,
        keep=keep,
        force=force,
        wait=wait,
        verify=verify,
    )
    if report.failures or failed_imports:
        raise typer.Exit(1)


def _build_round(
    settings: Settings,
    quiet: bool,
    verbose: bool,
    title: str = "audio-edition build",
    deploying: DeployAfter | None = None,
    **options: Any,
) -> Report:
    """One build with its progress, summary (its table titled `title`) and warnings shown as
    `build` shows them; then `deploying`'s deploy, made under the build's lock."""
    from audio.builds.build import build_output
    from audio.cli.progress import NORMAL, QUIET, VERBOSE, Display, summary

    verbosity = QUIET if quiet else VERBOSE if verbose else NORMAL
    with Display(err, verbosity) as display:
        report = build_output(settings, events=display, after=deploying, **options)
    summary(report, out, verbosity, title)
    for warning in report.warnings:
        warn(warning)
    if deploying is not None:
        deploying.show()
    return report


@command
def watch(
    articles: ArticlesArgument = None,
    out_dir: OutOption = None,
    engine: EngineOption = None,
    base_url: BaseUrlOption = None,
    jobs: JobsOption = None,
    keep: KeepOption = False,
    deploy: DeployOption = False,
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
    Ctrl-C stops.

    Example: audio-edition watch -q
    """
    from audio.builds.watch import watch as watch_files

    speech = speech_options(engine, cache, voice, rate, pitch, word_gap, tempo, piper_model)

    def load() -> Settings:
        return settings_with(base_url=base_url, articles=articles, output=out_dir, **speech)

    def build_round(settings: Settings) -> Report:
        # A build holding the lock (cron's) is waited for: the round comes after it.
        # Each round's table says when it ran: a watch's output is a log of many rounds.
        title = f"audio-edition watch, {datetime.now():%H:%M:%S}"
        # The target as the settings name it now: they may have changed since the last round.
        deploying = DeployAfter(settings, target_of(settings), quiet) if deploy else None
        options = {"jobs": jobs, "keep": keep, "wait": True}
        return _build_round(settings, quiet, verbose, title, deploying, **options)

    if deploy:
        target_of(load())
    if not quiet:
        err.say("Building, then watching for changes (Ctrl-C stops)")
    # A service manager stops with SIGTERM: the same clean end as Ctrl-C (a round it cuts short
    # is finished by the next build, as after any killed build).
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        watch_files(load, build_round, problem, interval=interval)
    except KeyboardInterrupt:
        err.say("Stopped watching.")
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@command
def render(
    source: Annotated[Path, typer.Argument(help="The article file.")],
    target: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The file to write: .mp3 (tagged, with chapters) or .wav (that MP3 decoded).",
        ),
    ],
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
    """Narrate one article into one MP3 or WAV, without publishing anything.

    Example: audio-edition render articles/kommentar.txt -o kommentar.mp3
    """
    from audio.cache import notices
    from audio.edition.stages import render_file

    settings = settings_with(
        **speech_options(engine, cache, voice, rate, pitch, word_gap, tempo, piper_model)
    )
    timeline = render_file(source, target, settings, warn=warn, wav=wav)
    for notice in notices():
        warn(notice)
    out.say(f"{target}  {timeline.duration:.1f} s, {len(timeline.cues)} sentences")
