"""Acronyms, spelled ("US-Außenminister" → U-S Außenminister) or spoken ("NATO" → Nato).

Spelled acronyms come out as capital letters joined by hyphens: both espeak-ng and Google read a
lone capital as its letter name, whereas "EU" as one word becomes the diphthong of "Euter" and
"USA" "Usa". A spoken acronym is written like a word, so no engine spells it. Neither table can be
complete: an unknown acronym of up to three letters is spelled, a longer one spoken when German
could pronounce it as a word.
"""

from __future__ import annotations

import re

from audio.text.speech import numerals

# Acronyms said as words, and abbreviations said in full; both win over the guess.
SPOKEN = {
    "NATO": "Nato", "UNO": "Uno", "UNESCO": "Unesco", "UNICEF": "Unicef", "OPEC": "Opec",
    "NASA": "Nasa", "ESA": "Esa", "FIFA": "Fifa", "UEFA": "Uefa", "DAX": "Dax", "MDAX": "M-Dax",
    "TÜV": "Tüf", "AIDS": "Aids", "BAföG": "Bafög", "BaFin": "Bafin", "BAMF": "Bamf",
    "ASEAN": "Asean", "BRICS": "Brics", "WLAN": "W-Lan", "KFOR": "K-For", "ISAF": "Isaf",
    "COVID": "Covid", "SARS": "Sars", "PISA": "Pisa", "IBAN": "Iban", "PIN": "Pin",
    "NAFTA": "Nafta", "DIN": "Din", "GAU": "Gau", "UFO": "Ufo", "KITA": "Kita",
    "GG": "Grundgesetz", "StGB": "Strafgesetzbuch", "StPO": "Strafprozessordnung",
    "BVerfG": "Bundesverfassungsgericht", "OT": "Ortsteil",
    "KW": "Kalenderwoche",
}  # fmt: skip
# Acronyms spelled letter by letter although the guess would speak them, or written with
# small letters. The common short ones are listed too: the table documents what we read how.
SPELLED = {
    "ADAC", "OSZE", "OECD", "AfD", "GmbH", "KfW", "Lkw", "Pkw", "Kfz", "EU", "USA", "US", "UK",
    "UN", "SPD", "CDU", "CSU", "FDP", "ARD", "ZDF", "BND", "BKA", "EZB", "IWF", "WHO", "DGB",
    "BGH", "IS", "KI", "TV", "PC", "EM", "WM", "DFB", "ÖVP", "SPÖ", "FPÖ", "SVP", "BBC", "CNN",
    "CIA", "FBI", "NSA", "KGB", "FSB", "DDR", "BRD", "NRW", "SUV", "ICE", "ÖPNV", "AKW", "NGO",
    "BIP", "BMW", "VW", "IHK", "DIHK", "UNHCR", "MdB", "MdL", "BfV", "ABC",
}  # fmt: skip
# The name of a letter, for a spelled plural: "SUVs" → S U Vaus, as said.
_LETTER_NAMES = {
    "B": "Be", "C": "Ze", "D": "De", "F": "Eff", "G": "Ge", "H": "Ha", "J": "Jott", "K": "Ka",
    "L": "Ell", "M": "Emm", "N": "Enn", "P": "Pe", "Q": "Ku", "R": "Err", "S": "Ess", "T": "Te",
    "V": "Vau", "W": "We", "X": "Ix", "Z": "Zett",
}  # fmt: skip
_VOWELS = "aeiouäöüy"
# Consonant pairs German starts or carries a syllable with; others ("OSZE") get spelled.
_CLUSTERS = {
    "bl", "br", "ch", "dr", "fl", "fr", "gl", "gr", "kl", "kr", "pl", "pr", "sp", "st", "sk", "tr",
    "nd", "nt", "ng", "nk", "ns", "rt", "rd", "rn", "rs", "rm", "lt", "ld", "ls", "ck", "ss", "tt",
    "ff", "ll", "mm", "nn", "pp", "rr", "bb", "sc",
}  # fmt: skip
_TOKEN = re.compile(r"(?<![\w.])([A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*?)(\d*)(?![\w])(-(?=[\wÄÖÜäöü]))?")


def spell(letters: str) -> str:
    """Letter by letter, joined by hyphens: "SPD" → "S-P-D". espeak-ng reads each capital as its
    letter name either way, but the product's word gap (60 ms) fell between spaced letters, and
    Whisper heard "K.E." for "K I" or gave up on a run of them; joined, the letters are one word
    (docs/normalization.md)."""
    return "-".join(letters.upper())


def is_pronounceable(word: str) -> bool:
    """Whether an all-capital word reads as a German word ("NATO") rather than letters ("OSZE")."""
    lower = word.lower()
    if len(lower) >= 6:
        return True
    if len(lower) <= 3:
        return False
    runs = re.findall(rf"[^{_VOWELS}]+", lower)
    return all(len(run) == 1 or run in _CLUSTERS for run in runs)


# Agencies that sign in small letters; read as written, "dpa" is a syllable.
_LOWER_CASE = re.compile(r"(?<![\w.-])(dpa|epd|kna|ddp|dapd|ots)(?![\w-])")


def read_acronyms(text: str) -> str:
    text = _LOWER_CASE.sub(lambda m: spell(m[1]), text)
    return _TOKEN.sub(_token, text)


def _token(match: re.Match[str]) -> str:
    letters, digits, hyphen = match.groups()
    spoken = _say(letters, bool(digits))
    if spoken is None:
        return match[0]
    if digits:
        spoken += " " + numerals.amount(digits)
    # A spelled acronym joins its compound with a space: "U-S Außenminister", not "S-Außen…".
    spelled = spoken[:1].isupper() and spoken[1:2] in (" ", "-")
    return spoken + (" " if hyphen and (spelled or digits) else hyphen or "")


def _say(letters: str, has_digits: bool) -> str | None:
    """The spoken form of a word, or None when it is no acronym."""
    if letters in SPOKEN:
        return SPOKEN[letters]
    if letters in SPELLED:
        return spell(letters)
    plural = len(letters) > 2 and letters.endswith("s") and letters[:-1].isupper()
    stem = letters[:-1] if plural else letters
    if not stem.isupper() or (len(stem) < 2 and not has_digits):
        return None
    if stem in SPOKEN or (stem not in SPELLED and is_pronounceable(stem)):
        word = SPOKEN.get(stem, stem.capitalize())
        return word + "s" if plural else word
    if plural:
        return f"{spell(stem[:-1])}-{_LETTER_NAMES.get(stem[-1], stem[-1])}s".lstrip("-")
    return spell(stem)
