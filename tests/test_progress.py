"""What a build shows: lines per article, warnings, errors, the summary table, -q and -v."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from rich.console import Console

from audio.builds.build import BUILT, FAILED, UNCHANGED, Outcome, Report
from audio.builds.manifest import Inputs, Record
from audio.cli.progress import NORMAL, QUIET, VERBOSE, Display, summary
from audio.cli.terminal import Terminal
from audio.edition.model import Edition


def record(slug: str) -> Record:
    """A record whose edition has an MP3 of 1.5 MB among 1.6 MB of files."""
    edition = Edition(
        *(f"guid-{slug}", slug, f"{slug}.txt", "Titel", None, datetime(2022, 1, 21), None, ()),
        url=None,
        audio=f"{slug}/{slug}.mp3",
        size=1_500_000,
        duration=125.4,
        engine="espeak",
        chapters=(),
    )
    files = {edition.audio: 1_500_000, f"{slug}/{slug}.speaker.mp3": 100_000}
    return Record(edition.to_json(), Inputs("c", "a", "t"), files)


def outcomes() -> list[Outcome]:
    return [
        Outcome(Path("articles/a.txt"), BUILT, record("2022-01-21-a"), why="new", seconds=2.5),
        Outcome(Path("articles/b.txt"), UNCHANGED, record("2022-01-22-b")),
        Outcome(
            Path("articles/c.txt"),
            FAILED,
            error="articles/c.txt: the file is empty",
            detail="Traceback: …",
            warnings=["its previous edition stays published"],
        ),
        Outcome(Path("articles/d.txt"), BUILT, record("d"), warnings=["no dateline found"]),
    ]


def shown(verbosity: int, terminal: bool = False) -> str:
    file = io.StringIO()
    screen = Terminal(file=file, force_terminal=terminal)
    screen.console = Console(file=file, width=100, force_terminal=terminal, color_system=None)
    report = Report(output=Path("output"))
    with Display(screen, verbosity) as display:
        display.started(["a.txt", "c.txt", "d.txt"])
        display.status("a.txt", "synthesizing 12 sentences")
        for outcome in outcomes():
            report.outcomes.append(outcome)
            display.finished(outcome)
    summary(report, screen, verbosity)
    return file.getvalue()


def test_normal_shows_what_changed_and_every_problem() -> None:
    text = shown(NORMAL)
    assert "    built a.txt → 2022-01-21-a\n" in text
    assert "b.txt" not in text.split("audio-edition build")[0]
    assert "error: articles/c.txt: the file is empty\n" in text
    assert "warning: c.txt: its previous edition stays published\n" in text
    assert "warning: d.txt: no dateline found\n" in text
    assert "Traceback" not in text
    assert "┃ article ┃ result ┃ edition      ┃ duration ┃ MP3 size ┃ time  ┃" in text
    assert "│ a.txt   │ built  │ 2022-01-21-a │     2:05 │   1.5 MB │ 2.5 s │" in text
    assert text.endswith("2 built, 1 unchanged, 1 failed → output\n")


def test_quiet_shows_errors_and_the_count_only() -> None:
    assert shown(QUIET) == (
        "error: articles/c.txt: the file is empty\n2 built, 1 unchanged, 1 failed → output\n"
    )


def test_verbose_adds_unchanged_editions_reasons_and_tracebacks() -> None:
    text = shown(VERBOSE)
    assert "unchanged b.txt → 2022-01-22-b\n" in text
    assert "    built a.txt → 2022-01-21-a (new)\n" in text
    assert "Traceback: …\n" in text
    assert "│ b.txt   │ unchanged │" in text


def test_a_terminal_gets_the_live_display_and_the_same_lines() -> None:
    text = shown(NORMAL, terminal=True)
    assert "built a.txt → 2022-01-21-a" in text
    assert "building" in text
    assert text.rstrip().endswith("2 built, 1 unchanged, 1 failed → output")
