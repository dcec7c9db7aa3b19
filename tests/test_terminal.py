"""The command line's lines: plain text off a terminal, rich on one, outside text never markup."""

from __future__ import annotations

import io
import subprocess
import sys

from rich.console import Console

from audio.cli.terminal import Terminal

NAMED = ("error:", "bold red"), " articles/[entwurf] kommentar.txt: the file is empty"


def test_off_a_terminal_lines_are_plain_and_names_intact() -> None:
    file = io.StringIO()
    Terminal(file=file).say(*NAMED)
    assert file.getvalue() == "error: articles/[entwurf] kommentar.txt: the file is empty\n"


def test_on_a_terminal_the_label_is_styled_and_names_intact() -> None:
    file = io.StringIO()
    screen = Terminal(file=file, force_terminal=True)
    screen.console = Console(file=file, width=100, force_terminal=True, color_system="standard")
    screen.say(*NAMED)
    text = file.getvalue()
    assert text.startswith("\x1b[1;31merror:\x1b[0m")
    assert text.endswith(" articles/[entwurf] kommentar.txt: the file is empty\n")


def test_the_command_line_prints_to_a_pipe_without_rich() -> None:
    printed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, audio.cli; from audio.cli.app import out; out.say('1 built → output');"
            "print('rich' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert printed.stdout == "1 built → output\nFalse\n"
