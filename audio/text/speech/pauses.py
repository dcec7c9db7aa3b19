"""Punctuation → pauses. The output is plain text, so what a reader sees as a break must become a
mark every engine pauses at: dashes and parentheses turn into commas, quotation marks go (they
mark a quote, not a pause), and the commas are tidied so that none stands twice.
"""

from __future__ import annotations

import re

_QUOTES = re.compile(r"[„“”\"«»‚‘›‹]|(?<![\w])'|'(?![\w])")
_BRACKETS = re.compile(r"\s*[()\[\]{}]\s*")
# "Vor- und Nachteile": the hyphen stands for a word part that follows.
_OPEN_HYPHEN = re.compile(r"(?<=\w)-(?=\s*(?:und|oder|bis|sowie|bzw\.?|,)\s)")
_SPACED_DASH = re.compile(r"(?:^|\s)[-–—]+(?:\s|$)")
_EM_DASH = re.compile(r"—")
_EN_DASH = re.compile(r"(?<=\w)–(?=\w)")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)")
# A news ticker's "+++" separates its items: a full stop at the end, a pause inside.
_TICKER = re.compile(r"\s*\+{3,}\s*")
# "John F. Kennedy", "Peter S. aus Berlin": the dot after an initial ends no sentence, so no
# engine should hear one.
_INITIAL = re.compile(r"(?<![\w.])([A-ZÄÖÜ])\.(?=\s+[\wÄÖÜäöü])")
_TIDY = (
    (re.compile(r"\s+"), " "),
    (re.compile(r"\s+(?=[,.;:!?])"), ""),
    (re.compile(r",+(?=\s*[,.;:!?])"), ""),
    (re.compile(r"(?<=[.;:!?]),+"), ""),
    (re.compile(r"([,;:!?])(?=[^\s\d.,;:!?])"), r"\1 "),
    (re.compile(r"^[\s,;:]+|[\s,;:]+$"), ""),
)


def to_pauses(text: str) -> str:
    text = _QUOTES.sub("", text)
    text = _BRACKETS.sub(", ", text)
    text = _OPEN_HYPHEN.sub("", text)
    text = _SPACED_DASH.sub(", ", text)
    text = _EM_DASH.sub(", ", text)
    text = _EN_DASH.sub(" ", text)
    text = _ELLIPSIS.sub(lambda m: "." if not m.string[m.end() :].strip() else ",", text)
    text = _TICKER.sub(_ticker, text)
    text = _INITIAL.sub(r"\1", text)
    for pattern, replacement in _TIDY:
        text = pattern.sub(replacement, text)
    return text


def _ticker(match: re.Match[str]) -> str:
    if not match.string[match.end() :].strip():
        return "."
    return ", " if match.start() else ""
