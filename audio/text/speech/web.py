"""Addresses: web, e-mail, handles, hashtags and telephone numbers, read the way radio reads them.

"www.tagesschau.de" → w w w Punkt tagesschau Punkt D E. The scheme ("https://") is left out, as
speakers do; short labels without a vowel and two-letter domains are spelled.
"""

from __future__ import annotations

import re

from audio.text.speech import numerals
from audio.text.speech.codes import EMERGENCY

_DOMAINS = "de|com|org|net|eu|at|ch|info|io|gov|edu|fr|uk|it|es|nl|pl|ru|ua|me|tv|biz|online"
_HOST = rf"(?:[\w-]+\.)+(?:{_DOMAINS})"
# Domains are matched in small letters only: "Ukraine.Es" is a missing space, not Spain.
_URL = re.compile(
    rf"(?<![\w@./])(?:https?://)?(?:{_HOST}|www\.[\w-]+(?:\.[\w-]+)+)(?![\w])(?:/[^\s]*[\w/=])?"
)
_MAIL = re.compile(r"(?<![\w.])[\w.+-]+@(?:[\w-]+\.)+[a-z]{2,}(?![\w])", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w])@(\w+(?:\.\w+)*)")
# "+49 30 1234-567", "(030) 1234567", "0 70 21/97 30 30", "0202 / 284-0": a country code is a
# number, the rest digits. Six digits or more, so that "0 3" or "03/04" stay for later rules.
_PHONE = re.compile(
    r"(?<![\w+.,:/-])(?:\+(\d{1,3})|\(0\d{1,5}\)|0\d{0,5})(?:(?:\s?[/-]\s?|\s)?\d+){1,8}"
    r"(?!\w|[.,]\d)"
)
_HASHTAG = re.compile(r"(?<![\w&])#([^\W\d_]\w*|\d+[^\W\d_]\w*)")
# "#1 2015": a number sign before digits alone is "Nummer".
_NUMBER_SIGN = re.compile(r"(?<![\w&])(Nummer\s*)?#(?=\d+\b)")
# A hashtag's words: "#NoNotruf" → No Notruf, "#Polizei110" → Polizei 110, "#24hPolizei".
_HASHTAG_PARTS = re.compile(r"[A-ZÄÖÜ]{2,}(?![a-zäöüß])|[A-ZÄÖÜ]?[a-zäöüß]+|\d+|[A-ZÄÖÜ]")
# Addresses written against spam: "presse(at)justiz.de", "vhs(at)adelsdorf(dot)de".
_OBFUSCATED = re.compile(r"\s?[(\[](at|dot)[)\]]\s?", re.IGNORECASE)
_SEPARATORS = {
    ".": "Punkt", "/": "Schrägstrich", "-": "Bindestrich", "_": "Unterstrich", "@": "ät",
    "?": "Fragezeichen", "=": "gleich", "&": "und", ":": "Doppelpunkt", "+": "plus",
    "#": "Raute", "~": "Tilde", "%": "Prozent",
}  # fmt: skip
_PIECE = re.compile(r"[^\W\d_]+|\d+|.", re.UNICODE)


def read_web(text: str) -> str:
    text = _OBFUSCATED.sub(lambda m: "@" if m[1].lower() == "at" else ".", text)
    text = _MAIL.sub(lambda m: _say(m[0]), text)
    text = _URL.sub(lambda m: _say(re.sub(r"^https?://", "", m[0])), text)
    text = _HANDLE.sub(_handle, text)
    text = _PHONE.sub(_phone, text)
    text = _HASHTAG.sub(_hashtag, text)
    return _NUMBER_SIGN.sub("Nummer ", text)


def _hashtag(match: re.Match[str]) -> str:
    """ "#Polizei110" → Hashtag Polizei eins eins null; after the word "Hashtag" no second one."""
    words = []
    for part in _HASHTAG_PARTS.findall(match[1]):
        if part.isdigit():
            words.append(numerals.digits(part) if part in EMERGENCY else numerals.amount(part))
        elif part.isupper() and len(part) > 1:
            words.append(part)  # an acronym, for the acronym rule: "#12hPEZ"
        else:
            words.append(part)
    spoken = " ".join(words)
    said = re.search(r"Hashtag\W*$", match.string[: match.start()])
    return spoken if said else f"Hashtag {spoken}"


def _say(address: str) -> str:
    pieces = _PIECE.findall(address)
    # The top-level domain is the host's last label, before any path: "polizei-bw.de/ulm".
    host = pieces[: pieces.index("/")] if "/" in pieces else pieces
    top_level = max((i for i, piece in enumerate(host) if piece.isalpha()), default=-1)
    spoken = (_say_piece(piece, i == top_level) for i, piece in enumerate(pieces))
    return " ".join(word for word in spoken if word)


def _say_piece(piece: str, top_level: bool) -> str:
    if piece.isdigit():
        return numerals.digits(piece)
    if not piece.isalpha():
        return _SEPARATORS.get(piece, "")
    # Labels without a vowel ("www", "gmx") and country domains ("de") are spelled.
    if not re.search("[aeiouyäöü]", piece, re.IGNORECASE) or (top_level and len(piece) == 2):
        return " ".join(piece.upper() if top_level else piece)
    return piece


def _phone(match: re.Match[str]) -> str:
    if sum(char.isdigit() for char in match[0]) < 6:
        return match[0]
    country = match[1]
    rest = match[0][len(country) + 1 :] if country else match[0]
    spoken = " ".join(numerals.digits(group) for group in re.findall(r"\d+", rest))
    return f"plus {numerals.cardinal(int(country))} {spoken}" if country else spoken


def _handle(match: re.Match[str]) -> str:
    """ "@PolizeiHamburg" → ät Polizei Hamburg: a handle's words as a hashtag's."""
    if "." in match[1] or "_" in match[1]:
        return f"ät {_say(match[1])}"
    return "ät " + " ".join(_HASHTAG_PARTS.findall(match[1]))
