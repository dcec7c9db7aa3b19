"""Unicode clean-up first, so that every later rule sees one spelling of each character."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Reference marks copied with an encyclopedia's text ("Quellen.[1][2]") are not read.
_FOOTNOTES = re.compile(r"(?:\[\d{1,3}\])+")
# A narrow or no-break space between digit groups is a thousands separator ("100 000").
_GROUPED = re.compile(r"(?<=\d)[\u00a0\u2007\u2009\u202f](?=\d{3}(?!\d))")
# So is a plain space in "400 000" or "11 404,01" (Duden's grouping, common in agency copy): one
# to three digits, then groups of exactly three. Not in telephone numbers, which start with 0 or
# "+" ("069 755 41008", "+49 345 2203326"), nor after a longer number ("im Jahr 2020 100 Tage").
# Swiss copy groups with an apostrophe: "110'955", "4'999'618".
_SWISS = re.compile(r"(?<=\d)['’](?=\d{3}(?!\d))")
# A decimal point before a percent sign is a decimal comma: "57.73%" (Swiss and English copy);
# a German thousands dot always has three digits after it.
_POINT = re.compile(r"(?<![\d.,])(\d{1,3})\.(\d{1,2})(?=\s?%)")
_SPACED = re.compile(r"(?<![\d+.,])(?<!\+ )[1-9]\d{0,2}(?: \d{3})+(?![\d]| \d)")
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_CHARACTERS = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2212": "-", "\u2012": "–", "\u2019": "'", "\u02bc": "'",
        "\u00b4": "'", "\u2044": "/", "\u03bc": "µ",
        # Subscript digits: "CO₂" is CO2 to every rule after this.
        "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7",
        "₈": "8", "₉": "9",
    }
)  # fmt: skip
# "(- 11,42 Prozent)", "(+ 4)": a sign a space apart from its number in a bracketed change.
_SIGN = re.compile(r"(?<=\()\s*([-+])\s+(?=\d)")
_VULGAR = re.compile("(\\d?)([\u00bc-\u00be\u2150-\u215e])")


def unify(text: str) -> str:
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = _FOOTNOTES.sub("", text)
    text = _GROUPED.sub(".", text)
    text = _SWISS.sub(".", text)
    text = _POINT.sub(r"\1,\2", text)
    text = _SPACED.sub(lambda m: m[0].replace(" ", "."), text)
    text = _VULGAR.sub(_vulgar, text)
    text = _SIGN.sub(r"\1", text)
    return _SPACES.sub(" ", text.translate(_CHARACTERS)).strip()


def _vulgar(match: re.Match[str]) -> str:
    """ "1½" → "1 1/2": the fraction rule reads written fractions."""
    whole, fraction = match.groups()
    written = unicodedata.normalize("NFKC", fraction).replace("\u2044", "/")
    return f"{whole} {written}" if whole else written
