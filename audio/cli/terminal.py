"""Where the command line's lines go: through rich on a terminal, as plain text anywhere else.

Cron jobs, pipes and log files get the same words without colour, and a build run that way never
imports rich (a sixth of a build with nothing to do: docs/performance.md). Text that comes from
outside (file names, error messages, titles) is never read as markup: rich would take `[entwurf]` in
`[entwurf] kommentar.txt` for a style and drop it from the message.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console

Part = str | tuple[str, str]
"""Text as it is, or (text, style): a rich style that a terminal shows, e.g. "bold red"."""


class Terminal:
    """Standard output, or standard error with `stderr`, as the stream is at the time of writing
    (typer's test runner swaps them); or `file`, which is a terminal if `force_terminal` says."""

    def __init__(
        self, stderr: bool = False, file: TextIO | None = None, force_terminal: bool = False
    ) -> None:
        self.stderr = stderr
        self.file = file
        self.force_terminal = force_terminal

    @property
    def stream(self) -> TextIO:
        if self.file is not None:
            return self.file
        return sys.stderr if self.stderr else sys.stdout

    @property
    def is_terminal(self) -> bool:
        """Whether colours and live displays make sense; FORCE_COLOR asks for them anyway, as it
        does of rich."""
        forced = self.force_terminal or bool(os.environ.get("FORCE_COLOR"))
        return forced or self.stream.isatty()

    @functools.cached_property
    def console(self) -> Console:
        """rich's console on the same stream, for tables and progress displays."""
        from rich.console import Console

        return Console(
            file=self.file, stderr=self.stderr, soft_wrap=True, force_terminal=self.is_terminal
        )

    def say(self, *parts: Part) -> None:
        """One line made of `parts`."""
        if not self.is_terminal:
            self.stream.write("".join(p if isinstance(p, str) else p[0] for p in parts) + "\n")
            self.stream.flush()
            return
        from rich.text import Text

        self.console.print(Text.assemble(*parts), highlight=False)

    def show(self, renderable: Any) -> None:
        """Something rich draws: a table."""
        self.console.print(renderable)
