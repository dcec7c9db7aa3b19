"""What stands around a match: the rules decide by the words before and after a number."""

from __future__ import annotations

import re

_NEXT_WORD = re.compile(r"\s*([\wäöüÄÖÜß][\w.äöüÄÖÜß-]*)")
_CLOSING = "\"'“”‘’»«›‹)]"


def before(match: re.Match[str]) -> str:
    return match.string[: match.start()]


def after(match: re.Match[str]) -> str:
    return match.string[match.end() :]


def next_word(text: str) -> str | None:
    """The word `text` starts with (after spaces), keeping an abbreviation's dot."""
    found = _NEXT_WORD.match(text)
    return found.group(1) if found else None


def ends_text(match: re.Match[str]) -> bool:
    """Whether only closing quotes and brackets follow: a dot there also ends the sentence."""
    return not after(match).strip().strip(_CLOSING)


def final_dot(match: re.Match[str]) -> str:
    """The full stop a consumed dot (of "usw.", "am 3.") also stood for when it ended a sentence.

    A lone "2." or "30.6." is a numbering or a date, not a sentence.
    """
    return "." if ends_text(match) and before(match).strip() else ""
