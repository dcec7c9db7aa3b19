"""Symbols the number rules left, and gender marks: "&" → und, "§" → Paragraf, "Bürger*innen"."""

from __future__ import annotations

import re

# "Bürger*innen", "Bürger:innen", "Bürger_innen", "Bürger/-innen", "BürgerInnen": a speaker
# reads one word with a short break the engines do not make; the word itself they read right.
_GENDER_MARK = re.compile(r"(?<=[a-zäöüß])[*:_/]-?(?=[iI]n(?:nen)?\b)")
_GENDER_CAPITAL = re.compile(r"(?<=[a-zäöüß])I(?=n(?:nen)?\b)")
# "(m/w/d)" after a job: the sexes the post is open to, in the order written.
_SEXES = {"m": "männlich", "w": "weiblich", "d": "divers"}
_SEX_LIST = re.compile(r"(?<![\w/])([mwd])/([mwd])(?:/([mwd]))?(?![\w/])")
_WORDS = (
    (re.compile(r"§§"), " Paragrafen "),
    (re.compile(r"§"), " Paragraf "),
    (re.compile(r"&"), " und "),
    # Between names a plus is "und" ("Gruner + Jahr", "G+J"), between numbers "plus".
    (re.compile(r"(?<=[A-ZÄÖÜa-zäöüß])\s*\+\s*(?=[A-ZÄÖÜ])"), " und "),
    (re.compile(r"(?<=[a-zäöüß])\+(?=[a-zäöüß])"), " plus "),
    (re.compile(r"(?<![\w+])\+(?![+\w]*\+)"), " plus "),
    (re.compile(r"±"), " plus minus "),
    (re.compile(r"\s=\s|(?<=\w)=(?=\w)"), " gleich "),
    (re.compile(r"(?<!\w)~"), " zirka "),  # not "circa": espeak-ng says "kirka"
    (re.compile(r"[×]"), " mal "),
    (re.compile(r"%"), " Prozent "),
    (re.compile(r"‰"), " Promille "),
    (re.compile(r"°"), " Grad "),
    (re.compile(r"€"), " Euro "),
    (re.compile(r"\$"), " Dollar "),
    (re.compile(r"£"), " Pfund "),
    (re.compile(r"@"), " ät "),
    (re.compile(r"[/\\_]"), " "),
    (re.compile(r"[|•·→⇒]"), ", "),
    (re.compile(r"[*#^]"), ""),
)


def read_symbols(text: str) -> str:
    text = _GENDER_CAPITAL.sub("i", _GENDER_MARK.sub("", text))
    text = _SEX_LIST.sub(_sexes, text)
    for pattern, spoken in _WORDS:
        text = pattern.sub(spoken, text)
    return text


def _sexes(match: re.Match[str]) -> str:
    letters = [letter for letter in match.groups() if letter]
    if not {"m", "w"} <= set(letters) or len(set(letters)) != len(letters):
        return match[0]
    return ", ".join(_SEXES[letter] for letter in letters)
