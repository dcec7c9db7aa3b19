"""What a build shows while it runs: a progress bar with one status line per article in work on a
terminal, one line per finished article otherwise, and a summary table at the end."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import TYPE_CHECKING, Any

from audio.builds.build import (
    BUILT,
    FAILED,
    KEPT,
    REMOVED,
    RETAGGED,
    UNCHANGED,
    Events,
    Outcome,
    Report,
)
from audio.builds.listing import mp3_size
from audio.cli.terminal import Part, Terminal

if TYPE_CHECKING:
    from rich.live import Live
    from rich.progress import Progress, TaskID

QUIET, NORMAL, VERBOSE = -1, 0, 1
_STYLE = {BUILT: "green", RETAGGED: "cyan", UNCHANGED: "dim", REMOVED: "yellow", KEPT: "dim"}


class Display(Events):
    """Shows a build on `terminal` (stderr: the results go to stdout). The progress bars are
    made, and rich's progress and live display imported, only for a terminal: a build
    run by cron or with --quiet never shows them."""

    def __init__(self, terminal: Terminal, verbosity: int = NORMAL) -> None:
        self.terminal = terminal
        self.verbosity = verbosity
        self.lock = threading.Lock()
        self.overall: Progress | None = None
        self.articles: Progress | None = None
        self.live: Live | None = None
        self.total: TaskID | None = None
        self.rows: dict[str, TaskID] = {}

    def __enter__(self) -> Display:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.live:
            self.live.stop()
            self.live = None

    def waiting(self, message: str) -> None:
        self.terminal.say((message, "yellow"))

    def started(self, sources: list[str]) -> None:
        if not sources or self.verbosity == QUIET or not self.terminal.is_terminal:
            return
        from rich.console import Group
        from rich.live import Live
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.overall = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.terminal.console,
        )
        self.articles = Progress(
            SpinnerColumn(),
            TextColumn("{task.description:32.32}"),
            TextColumn("[dim]{task.fields[status]}"),
            TimeElapsedColumn(),
            console=self.terminal.console,
        )
        self.total = self.overall.add_task("building", total=len(sources))
        self.live = Live(Group(self.overall, self.articles), console=self.terminal.console)
        self.live.start()

    def status(self, source: str, text: str) -> None:
        if not self.live or self.articles is None:
            return
        with self.lock:
            row = self.rows.get(source)
            if row is None:
                self.rows[source] = self.articles.add_task(source, status=text)
            else:
                self.articles.update(row, status=text)

    def finished(self, outcome: Outcome) -> None:
        with self.lock:
            row = self.rows.pop(outcome.source.name, None)
            if row is not None and self.articles is not None:
                self.articles.remove_task(row)
            done = outcome.action in (BUILT, RETAGGED, FAILED)
            if self.total is not None and self.overall is not None and done:
                self.overall.advance(self.total)
        name = outcome.source.name
        if outcome.action == FAILED:
            self.terminal.say(("error:", "bold red"), f" {outcome.error}")
            if outcome.detail and self.verbosity == VERBOSE:
                self.terminal.say(outcome.detail)
        elif self.verbosity >= (VERBOSE if outcome.action == UNCHANGED else NORMAL):
            line: list[Part] = [(f"{outcome.action:>9}", _STYLE[outcome.action]), f" {name}"]
            if outcome.record:
                line.append(f" → {outcome.record.slug}")
            if outcome.why and self.verbosity == VERBOSE:
                line.append((f" ({outcome.why})", "dim"))
            self.terminal.say(*line)
        if self.verbosity >= NORMAL:
            for warning in outcome.warnings:
                self.terminal.say(("warning:", "yellow"), f" {name}: {warning}")


def summary(
    report: Report, terminal: Terminal, verbosity: int = NORMAL, title: str = "audio-edition build"
) -> None:
    """A table of what the build did (unchanged editions only when verbose), then one line."""
    shown = [
        o for o in report.outcomes if verbosity == VERBOSE or o.action not in (UNCHANGED, KEPT)
    ]
    if shown and verbosity >= NORMAL:
        from rich.table import Table

        table = Table(title=title, title_justify="left")
        for column in ("article", "result", "edition", "duration", "MP3 size", "time"):
            table.add_column(column, justify="right" if column in _NUMBERS else "left")
        for outcome in sorted(shown, key=lambda o: o.source.name):
            table.add_row(*_row(outcome))
        terminal.show(table)
    counts = report.count()
    parts = [f"{counts[action]} {action}" for action in _ORDER if counts[action]]
    terminal.say(f"{', '.join(parts) or 'no articles'} → {report.output}")


_ORDER = (BUILT, RETAGGED, UNCHANGED, REMOVED, KEPT, FAILED)
_NUMBERS = ("duration", "MP3 size")


def _row(outcome: Outcome) -> tuple[Any, ...]:
    from rich.text import Text

    result = Text(outcome.action, _STYLE.get(outcome.action, "bold red"))
    name = Text(outcome.source.name)
    time = f"{outcome.seconds:.1f} s" if outcome.seconds else ""
    if outcome.record is None or outcome.action == FAILED:
        return name, result, "", "", "", time
    edition = outcome.record.edition
    minutes, seconds = divmod(round(edition["duration"]), 60)
    size = f"{mp3_size(outcome.record) / 1e6:.1f} MB"
    return name, result, Text(edition["slug"]), f"{minutes}:{seconds:02d}", size, time
