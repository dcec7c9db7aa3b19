"""Article bytes → text: encodings and line ends newsroom systems export, and what is no text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from audio.errors import ArticleError
from audio.text.readers.decode import decode

SHORT = "Größe"
SENTENCE = "Äußerst übel: „Die Straße ist naß“ – sagt er über Müller. 5 € für Bäume."
# Latin-9 has the euro sign but no typographic quotes or dashes.
PLAIN = "Äußerst übel, sagt er über Müller: 5 € für Bäume."
PATH = Path("articles/kommentar.txt")


# Every encoding the README names, without a byte order mark unless it says "with".
ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-32",
    "utf-16-le",
    "utf-16-be",
    "cp1252",
    "latin-1",
    "iso8859_15",
    "mac_roman",
    "cp850",
    "cp437",
)
# Short texts whose umlauts another encoding reads as other letters or marks: Mac Roman's "ö"
# is DOS's "Ü", DOS's "ß" is Windows' "á", Mac Roman's "ß" is Windows' "§", DOS's "ä" and "ö"
# are Windows' "„" and "”".
TEXTS = (
    SHORT,
    "Straße",
    "Über",
    "Übel",
    "öffentlich",
    "Öl",
    "Äpfel",
    "Möbel",
    "Dörfer",
    "Fußgänger",
    "GRÖSSE",
    "ÄRGER",
    "MENÜ",
    "Grüße aus Köln",
    "Müller schreibt über Bäume.",
    "Wir übergeben Straßen.",
    "Übermorgen öffnet das Rathaus.",
    "Das Café am Fluss",
    PLAIN,
    SENTENCE,
)


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(
    ("encoding", "text"),
    [(e, t) for e in ENCODINGS for t in TEXTS if _encodable(t, e)],
)
def test_short_german_text_reads_back_in_every_encoding(encoding: str, text: str) -> None:
    assert decode(PATH, text.encode(encoding)) == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_wide_encoding_without_byte_order_mark_is_text(encoding: str) -> None:
    text = "Titel\n\nDie Brücke über den Fluss ist gesperrt – für drei Wochen."
    assert decode(PATH, text.encode(encoding)) == text


def test_a_windows_paste_in_a_utf8_file() -> None:
    data = "Die Brücke ist gesperrt. ".encode() + "Größere Umwege drohen.".encode("cp1252")
    assert decode(PATH, data) == "Die Brücke ist gesperrt. Größere Umwege drohen."


def test_cp1252_quotes_after_sharp_s_are_not_taken_for_utf8() -> None:
    # "ß" (DF) before "“" (93) is a valid two-byte UTF-8 sequence for an N'Ko letter.
    text = "Er sagte „Gruß“ und ging."
    assert decode(PATH, text.encode("cp1252")) == text


@pytest.mark.parametrize("ending", ["\r\n", "\r", "\n"])
def test_line_ends_become_newlines(ending: str) -> None:
    data = ending.join(["Titel", "", "Absatz über Äpfel."]).encode("cp1252")
    assert decode(PATH, data) == "Titel\n\nAbsatz über Äpfel."


def test_decomposed_umlauts_are_composed() -> None:
    assert decode(PATH, "Mu\u0308ller".encode()) == "Müller"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "the file is empty"),
        (b" \r\n\t\n", "the file is empty"),
        (codecs.BOM_UTF8 + b"\n", "the file is empty"),
        (b"%PDF-1.7\n\x00\x01\x02\x03", "this is a binary file, not text"),
        (bytes(range(128, 256)) * 20, "the file holds no readable text"),
        (b"#!@$%^&*{}|<>~`" * 40, "the file holds no readable text"),
        (codecs.BOM_UTF16_LE + b"T\x00\xd8", "this is a binary file, not text"),
        # Even-length binary data decodes as UTF-16, to characters from all over Unicode.
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02X", "this is a binary file, not text"),
        (bytes(range(256)) * 4, "this is a binary file, not text"),
    ],
)
def test_what_is_no_text_is_named(data: bytes, problem: str) -> None:
    with pytest.raises(ArticleError) as caught:
        decode(PATH, data)
    assert str(caught.value).startswith(f"{PATH}: {problem}")
