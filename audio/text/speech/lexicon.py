"""The user's pronunciation lexicon: names the rules cannot know ("Lawrow" → "Lawroff").

The file is plain UTF-8 text, one entry per line, written form and spoken form around "=":

    # Russische Namen
    Lawrow = Lawroff
    Sergej Lawrow = Sergej Lawroff

Blank lines and lines starting with "#" are skipped. Entries match whole words, case-sensitive,
the longest entry first; a genitive "s" after an entry stays ("Lawrows" → "Lawroffs").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from audio.errors import SettingsError


class Lexicon(Mapping[str, str]):
    """Written word or phrase → how to say it. Immutable; apply() is a pure function."""

    def __init__(self, entries: Mapping[str, str] | None = None) -> None:
        self._entries = dict(entries or {})
        written = sorted(self._entries, key=len, reverse=True)
        self._pattern = (
            re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, written))})(s?)(?![\w])")
            if written
            else None
        )

    def __getitem__(self, written: str) -> str:
        return self._entries[written]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Lexicon({self._entries!r})"

    def apply(self, text: str) -> str:
        """`text` with every entry replaced by its spoken form."""
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self._entries[m[1]] + m[2], text)


def load_lexicon(path: Path) -> Lexicon:
    """Read a lexicon file; a SettingsError names the file and line of anything wrong in it."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: cannot read the pronunciation lexicon: {error}") from error
    entries: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        written, equals, spoken = (part.strip() for part in text.partition("="))
        if not equals:
            raise SettingsError(f'{path}:{number}: expected "written = spoken", got {text!r}')
        if not written or not spoken:
            side = "written" if not written else "spoken"
            raise SettingsError(f"{path}:{number}: the {side} form is empty")
        if entries.get(written, spoken) != spoken:
            raise SettingsError(
                f"{path}:{number}: {written!r} is already said as {entries[written]!r}"
            )
        entries[written] = spoken
    return Lexicon(entries)
