"""Numbers that are codes, read digit by digit: emergency numbers, postcodes, ISBNs.

"die 112" → die eins eins zwei, "10178 Berlin" → eins null eins sieben acht Berlin.

Read as amounts they become "einhundertzwölf" or "zehntausendeinhundertachtundsiebzig", which
no one says. A code is told by the words around it: "112" after "Notruf", "die" or "unter", or
before "wählen"; five digits after an address or "in" and before a place name. Telephone numbers
are read in `web`.
"""

from __future__ import annotations

import re

from audio.text.speech import numerals

# Germany's emergency and service numbers (Bundesnetzagentur's list of short numbers).
EMERGENCY = {"110", "112", "115", "116116", "116117", "116111", "116006", "116123", "19222"}
_SERVICE = re.compile(r"(?<![\w.,:/+-])(1(?:10|12|15|16\d{3})|19222)(?![\w]|[.,]\d)")
# The words before ("Notruf 110", "die 112") or after ("110 wählen") that make one of them a
# number to dial rather than an amount; after "die", "der" or "unter" only when no noun follows
# ("die 110 Abgeordneten" are counted).
_BEFORE = re.compile(
    r"\b(?:notruf\w*|rufnummer|telefon\w*|tel|nummer|hotline|behördennummer|polizei|feuerwehr"
    r"|rettungsdienst|wählen|wählt|sofort|lautet)\W*$",
    re.IGNORECASE,
)
_BEFORE_UNLESS_NOUN = re.compile(r"\b(?:unter|die|der)\s*$", re.IGNORECASE)
_NOUN = re.compile(r"\s+[A-ZÄÖÜ][a-zäöüß]")
_AFTER = re.compile(r"\W*(?:wählen|wählt|anrufen|an\b|rufen|alarmieren)", re.IGNORECASE)
_POSTCODE = re.compile(r"(?<![\w.,:/+-])(\d{5})(?=\s+[A-ZÄÖÜ][a-zäöüß])")
# Before a postcode: an address's house number and comma, "in", "Anschrift", a line start.
_ADDRESS = re.compile(
    r"(?:^|\d+[a-z]?,\s*|\b(?:[Ii]n|Anschrift|Adresse|PLZ|Postleitzahl|D-)[:\s]\s*)$"
)
# Plural nouns that follow a count written without a thousands separator ("15000 Menschen").
_COUNTED = re.compile(
    r"\s+(?:Einwohner|Menschen|Besucher|Zuschauer|Euro|Dollar|Mitglieder|Stimmen|Haushalte"
    r"|Teilnehmer|Fans|Soldaten|Tonnen|Kilometer|Jahre|Fälle|Stellen|Arbeitsplätze)n?\b"
)
_ISBN = re.compile(r"\bISBN(?:-1[03])?:?\s*(\d[\d-]{8,15}[\dX])\b")


def read_codes(text: str) -> str:
    text = _ISBN.sub(lambda m: f"ISBN {_digits(m[1])}", text)
    text = _SERVICE.sub(_service, text)
    return _POSTCODE.sub(_postcode, text)


def _digits(written: str) -> str:
    return " ".join(
        numerals.digits(group) if group.isdigit() else group for group in written.split("-")
    )


def _service(match: re.Match[str]) -> str:
    before, after = match.string[: match.start()], match.string[match.end() :]
    weak = _BEFORE_UNLESS_NOUN.search(before) and not _NOUN.match(after)
    if _BEFORE.search(before) or weak or _AFTER.match(after):
        return numerals.digits(match[1])
    return match[0]


def _postcode(match: re.Match[str]) -> str:
    before, after = match.string[: match.start()], match.string[match.end() :]
    if _ADDRESS.search(before) and not _COUNTED.match(after):
        return numerals.digits(match[1])
    return match[0]
