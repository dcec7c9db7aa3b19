"""Bytes of an article file → text: the encodings newsroom systems export, any line ends."""

from __future__ import annotations

import codecs
from pathlib import Path

from audio.errors import ArticleError

# Windows exports are cp1252; latin-1 only differs in C1 controls, which never occur in prose.
_FALLBACK_ENCODINGS = ("cp1252", "latin-1")
_PROSE_PUNCTUATION = frozenset(".,;:!?-–—\"'„“”‚‘’»«()[]%€$£/&§+*#@°")


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(path, f"cannot read the file: {error.strerror}") from error
    return decode(path, data)


def decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise ArticleError(path, "the file is empty")
    if b"\x00" in data:
        raise ArticleError(path, "this is a binary file, not text")
    text = _decode_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_like_garbage(text):
        raise ArticleError(path, "the file holds no readable text (binary or garbled content)")
    return text


def _decode_bytes(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in _FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")


def _looks_like_garbage(text: str) -> bool:
    """True when the text is not mostly letters with the punctuation prose uses."""
    visible = [ch for ch in text[:20000] if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    odd = sum(not ch.isalnum() and ch not in _PROSE_PUNCTUATION for ch in visible)
    return letters < 0.5 * len(visible) or odd > 0.1 * len(visible)
