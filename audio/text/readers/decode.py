"""Bytes of an article file → text: the encodings newsroom systems export, any line ends.

UTF-8 is tried first: a text in another encoding is practically never valid UTF-8. A byte order
mark names its encoding outright. Everything else is one of the Western single-byte encodings,
or UTF-8 with pasted-in Windows bytes; the reading with the most German letters and typographic
marks and the fewest odd characters wins. General detectors (charset-normalizer) guess wrong on
short German texts: they read "Größe" in cp1252 as EBCDIC (cp037), which a German score does not.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from audio.errors import ArticleError

# In order of preference when two readings score alike: Windows, Unix (latin-9, which has €),
# classic Mac OS, DOS.
SINGLE_BYTE_ENCODINGS = ("cp1252", "iso8859_15", "mac_roman", "cp850")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters outside ASCII that German prose uses; any other counts against a reading.
_GERMAN = frozenset("äöüÄÖÜßẞéèêëàáâçñíóôúûÉÈÀÇ„“”‚‘’–—…€«»›‹·°§²³½¼¾×")
_PROSE_PUNCTUATION = frozenset(".,;:!?-–—\"'„“”‚‘’»«()[]%€$£/&§+*#@°")
_WINDOWS_BYTES = "audio-edition-cp1252"


def _windows_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as cp1252: a Windows paste into a UTF-8 file."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error(_WINDOWS_BYTES, _windows_bytes)


def decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise ArticleError(path, "the file is empty")
    text = _with_bom(data)
    if text is None:
        if b"\x00" in data:
            raise ArticleError(path, "this is a binary file, not text")
        text = _without_bom(data)
    # Composed letters: macOS writes "ü" as "u" plus a combining diaeresis.
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ArticleError(path, "the file is empty")
    if _looks_like_garbage(text):
        raise ArticleError(path, "the file holds no readable text (binary or garbled content)")
    return text


def _with_bom(data: bytes) -> str | None:
    """The text, if the data starts with a byte order mark and decodes as it says."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                # A UTF-8 file with pasted-in Windows bytes is still text; a broken UTF-16 or
                # UTF-32 file is binary as far as anyone can tell.
                return _without_bom(data[len(bom) :]) if encoding == "utf-8-sig" else None
    return None


def _without_bom(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    readings = [data.decode("utf-8", errors=_WINDOWS_BYTES)]
    for encoding in SINGLE_BYTE_ENCODINGS:
        try:
            readings.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    # latin-1 decodes every byte, so there is always a reading.
    readings.append(data.decode("latin-1"))
    return max(readings, key=_germanness)


def _germanness(text: str) -> int:
    return sum(1 if ch in _GERMAN else -1 for ch in text if ord(ch) > 127)


def _looks_like_garbage(text: str) -> bool:
    """True when the text is not mostly letters with the punctuation prose uses."""
    visible = [ch for ch in text[:20000] if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    odd = sum(not ch.isalnum() and ch not in _PROSE_PUNCTUATION for ch in visible)
    return letters < 0.5 * len(visible) or odd > 0.1 * len(visible)
