"""Addresses: web, e-mail, handles, hashtags and telephone numbers, read the way radio reads them.

"www.tagesschau.de" → w w w Punkt tagesschau Punkt D E. The scheme ("https://") is left out, as
speakers do; short labels without a vowel and two-letter domains are spelled.
"""

from __future__ import annotations

import re

from audio.text.speech import numerals

_DOMAINS = "de|com|org|net|eu|at|ch|info|io|gov|edu|fr|uk|it|es|nl|pl|ru|ua|me|tv|biz|online"
_HOST = rf"(?:[\w-]+\.)+(?:{_DOMAINS})"
# Domains are matched in small letters only: "Ukraine.Es" is a missing space, not Spain.
_URL = re.compile(
    rf"(?<![\w@./])(?:https?://)?(?:{_HOST}|www\.[\w-]+(?:\.[\w-]+)+)(?![\w])(?:/[^\s]*[\w/=])?"
)
_MAIL = re.compile(r"(?<![\w.])[\w.+-]+@(?:[\w-]+\.)+[a-z]{2,}(?![\w])", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w])@(\w+(?:\.\w+)*)")
# "+49 30 1234-567", "(030) 1234567", "0800 123456": a country code is a number, the rest digits.
_PHONE = re.compile(
    r"(?<![\w+.,:-])(?:\+(\d{1,3})|\(0\d{1,5}\)|0\d{1,5})(?:[ /-]?\d{2,}){1,4}(?!\w|[.,]\d)"
)
_HASHTAG = re.compile(r"(?<![\w&])#(\w+)")
_SEPARATORS = {
    ".": "Punkt", "/": "Schrägstrich", "-": "Bindestrich", "_": "Unterstrich", "@": "ät",
    "?": "Fragezeichen", "=": "gleich", "&": "und", ":": "Doppelpunkt", "+": "plus",
    "#": "Raute", "~": "Tilde", "%": "Prozent",
}  # fmt: skip
_PIECE = re.compile(r"[^\W\d_]+|\d+|.", re.UNICODE)


def read_web(text: str) -> str:
    text = _MAIL.sub(lambda m: _say(m[0]), text)
    text = _URL.sub(lambda m: _say(re.sub(r"^https?://", "", m[0])), text)
    text = _HANDLE.sub(lambda m: f"ät {_say(m[1])}", text)
    text = _PHONE.sub(_phone, text)
    return _HASHTAG.sub(lambda m: f"Hashtag {m[1]}", text)


def _say(address: str) -> str:
    pieces = _PIECE.findall(address)
    top_level = max((i for i, piece in enumerate(pieces) if piece.isalpha()), default=-1)
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
    country = match[1]
    rest = match[0][len(country) + 1 :] if country else match[0]
    spoken = " ".join(numerals.digits(group) for group in re.findall(r"\d+", rest))
    return f"plus {numerals.cardinal(int(country))} {spoken}" if country else spoken
