"""Bytes of an article file → text: the encodings newsroom systems export, any line ends.

UTF-8 is tried first: a text in another encoding is practically never valid UTF-8. A byte order
mark names its encoding outright; UTF-16 and UTF-32 without one give themselves away by their NUL
bytes. Everything else is one of the Western single-byte encodings, or UTF-8 with pasted-in Windows
bytes, and the reading that reads most like German wins: each character outside ASCII is scored
where it stands, an umlaut beside letters German puts there, a quote or a dash between words, in
the case its word is written in. General detectors (charset-normalizer) guess wrong on short
German texts: they read "Größe" in cp1252 as EBCDIC (cp037). Measured: docs/encodings.md.
"""

from __future__ import annotations

import codecs
import re
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
# Without a byte order mark, UTF-32 before UTF-16: UTF-32 text also reads as UTF-16 with NULs.
_WIDE_ENCODINGS = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
_UMLAUTS = frozenset("äöüßÄÖÜẞ")
# What a character outside ASCII adds to a reading's score: an umlaut (or "ß") most, then the
# letters of names and the marks of German prose, each where it belongs; anything else counts
# against. An umlaut gains or loses one more for each neighbour (_neighbour_fit).
_UMLAUT, _PROSE, _ODD = 4, 1, -4
# Letters of names and loanwords in German prose (Café, Señora, Łódź, Šešelj).
_FOREIGN_LETTERS = frozenset("àáâãåæçèéêëìíîïñòóôõøùúûýÿœšžčćřłńśźżğışőű").union(
    "ÀÁÂÃÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕØÙÚÛÝŒŠŽČĆŘŁŃŚŹŻĞİŞŐŰ"
)
_MARKS = frozenset("„“”‚‘’–—…€«»›‹·°§²³½¼¾×")
# Marks that stand between two letters in German prose: the apostrophe ("geht’s") and dashes.
_INSIDE_WORD_MARKS = frozenset("’–—")
# Opening quotes, which stand before a word, never right after a letter.
_OPENING_MARKS = frozenset("„‚")
# The letters seen beside each umlaut in at least 1 % of its uses ("_": no letter), in the 50,000
# most frequent German words weighted by use (wordfreq 3.1; `python -m bench.encodings
# --neighbours` derives them again): "Üb" is German, "öb" hardly.
_BEFORE = {"ä": "hltwrfmn_pszkgjb", "ö": "khmr_ltvwnsfbzg", "ü": "f_rwmtlkbhndsg"}
_AFTER = {"ä": "nthrclusgdfm", "ö": "nrsgfhlctd", "ü": "rbhcnstgld"}
# "ß" stands only after a long vowel or a diphthong (wordfreq folds it into "ss", so no share).
_BEFORE_SHARP_S = frozenset("aeiouäöü")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
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
    if text is None and b"\x00" in data:
        text = _wide(data)
        if text is None:
            raise ArticleError(path, "this is a binary file, not text")
    if text is None:
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


def _wide(data: bytes) -> str | None:
    """The text of UTF-16 or UTF-32 without a byte order mark, whose NUL bytes give it away."""
    for encoding in _WIDE_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text):
            return text
    return None


def _reads_as_text(text: str) -> bool:
    """True when no character is a control character and most are ASCII, as in German prose.

    Binary data read as UTF-16 turns into characters from all over Unicode.
    """
    controls = any(unicodedata.category(ch) == "Cc" and not ch.isspace() for ch in text)
    return not controls and sum(ch.isascii() for ch in text) >= 0.5 * len(text)


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
    """How German a reading is: every character outside ASCII scored in its place."""
    padded = f"  {text} "
    return sum(_fit(padded, match.start()) for match in _NOT_ASCII.finditer(padded))


def _fit(text: str, i: int) -> int:
    """What the character at `i` adds to the score of its reading."""
    before, ch, after = text[i - 1 : i + 2]
    if ch in _MARKS:
        return _ODD if _misplaced(before, ch, after) else _PROSE
    if ch in _UMLAUTS and not _miscased(text, i):
        return _UMLAUT + _neighbour_fit(before, ch.lower(), after)
    if ch in _FOREIGN_LETTERS and not _miscased(text, i):
        return _PROSE
    return _ODD


def _miscased(text: str, i: int) -> bool:
    """A capital inside a word ("kÜnnen", "MÜbel"), or a small letter among capitals ("MENö")."""
    before2, before, letter, after = text[i - 2 : i + 2]
    if letter.isupper():
        return before.isalpha() and (before.islower() or after.islower())
    return before.isupper() and (after.isupper() or (before2.isupper() and not after.islower()))


def _neighbour_fit(before: str, letter: str, after: str) -> int:
    """+1 for each neighbour often seen on that side of this umlaut, -1 for one rarely seen."""
    if letter == "ß":
        return 0 if before.lower() in _BEFORE_SHARP_S else _ODD
    return sum(
        1 if _letter(side) in seen[letter] else -1
        for side, seen in ((before, _BEFORE), (after, _AFTER))
    )


def _misplaced(before: str, mark: str, after: str) -> bool:
    """A mark between two letters ("Stra§e"), or an opening quote right after one ("Caf‚")."""
    if mark in _OPENING_MARKS and before.isalpha():
        return True
    return before.isalpha() and after.isalpha() and mark not in _INSIDE_WORD_MARKS


def _letter(ch: str) -> str:
    return ch.lower() if ch.isalpha() else "_"


def _looks_like_garbage(text: str) -> bool:
    """True when the text is not mostly letters with the punctuation prose uses."""
    visible = [ch for ch in text[:20000] if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    odd = sum(not ch.isalnum() and ch not in _PROSE_PUNCTUATION for ch in visible)
    return letters < 0.5 * len(visible) or odd > 0.1 * len(visible)
