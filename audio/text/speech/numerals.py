"""Numbers as German words: cardinals, ordinal stems, years, decimals, digit strings.

Written here rather than taken from num2words, whose German misses what a speaker needs: it says
"einhunderttausend" where a speaker says "hunderttausend", "dreihunderteins Milliarden", "zwei
millionen dritte" for the 2,000,003rd and "einshundert" for the year 100, and has no case endings.
Every other rule family reads its numbers through this module, so all numbers sound alike.
"""

from __future__ import annotations

import re

from audio.text.speech import grammar

_UNITS = (
    "null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
    "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn",
    "neunzehn",
)  # fmt: skip
_TENS = (
    "", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig",
)  # fmt: skip
# Above a million every power of a thousand is its own noun, with singular and plural.
_SCALES = (
    (10**21, "Trilliarde", "Trilliarden"),
    (10**18, "Trillion", "Trillionen"),
    (10**15, "Billiarde", "Billiarden"),
    (10**12, "Billion", "Billionen"),
    (10**9, "Milliarde", "Milliarden"),
    (10**6, "Million", "Millionen"),
)
LARGEST = 10**24 - 1
"""Beyond this a number is read digit by digit."""

AMOUNT = r"(?:(?<![\w)\]])[-−](?=\d))?(?<![\w.])(?:\d{1,3}(?:\.\d{3})+|\d+)(?!\d|\.\d)(?:,\d+)?"
"""A written German amount: optional minus, thousands with dots, decimals after a comma."""


def _below_thousand(number: int, *, compound: bool) -> str:
    """1–999 as one word. `compound`: the number continues (a thousand, a noun), so 1 is "ein"."""
    hundreds, rest = divmod(number, 100)
    word = f"{'ein' if hundreds == 1 else _UNITS[hundreds]}hundert" if hundreds else ""
    if rest == 1:
        return word + ("ein" if compound else "eins")
    if rest < 20:
        return word + (_UNITS[rest] if rest else "")
    tens, ones = divmod(rest, 10)
    if ones:
        word += ("ein" if ones == 1 else _UNITS[ones]) + "und"
    return word + _TENS[tens]


def _below_million(number: int, *, compound: bool) -> str:
    thousands, rest = divmod(number, 1000)
    word = f"{_below_thousand(thousands, compound=True)}tausend" if thousands else ""
    return word + (_below_thousand(rest, compound=compound) if rest else "")


def cardinal(number: int, *, compound: bool = False) -> str:
    """`number` as a speaker says it: 100000 → hunderttausend, 2000003 → zwei Millionen drei.

    A power of ten is said as a magnitude, without its leading "ein" ("hundert Tage",
    "hunderttausend Soldaten"). Any other figure keeps it ("einhundertdrei"), as broadcasters
    read exact figures: "hundertdrei" can be heard as "hundert, drei".
    """
    if number < 0:
        return f"minus {cardinal(-number, compound=compound)}"
    if number == 0:
        return "null"
    if number > LARGEST:
        return digits(str(number))
    words = []
    rest = number
    for value, singular, plural in _SCALES:
        count, rest = divmod(rest, value)
        if count == 1:
            words.append(f"eine {singular}")
        elif count:
            words += [_below_million(count, compound=True), plural]
    if rest:
        words.append(_below_million(rest, compound=compound))
    spoken = " ".join(words)
    magnitude = str(number).rstrip("0") == "1"
    return spoken[3:] if magnitude and re.match(r"ein(hundert|tausend)", spoken) else spoken


def ordinal(number: int, ending: str) -> str:
    """`number` as an ordinal with `ending` (e, en, er, es, em): 21, "en" → einundzwanzigsten."""
    return ordinal_stem(number) + ending


def ordinal_stem(number: int) -> str:
    """The ordinal without its ending, as one word: 3 → dritt, 20 → zwanzigst, 10**6 → millionst."""
    word = cardinal(number).replace(" ", "").lower()
    if word.startswith("eine"):
        word = word[4:]
    for cardinal_end, ordinal_end in (("eins", "erst"), ("drei", "dritt"), ("sieben", "siebt")):
        if word.endswith(cardinal_end):
            return word[: -len(cardinal_end)] + ordinal_end
    if word.endswith("acht"):
        return word
    word = re.sub(r"(illion|illiard)(en|e)$", r"\1", word)
    if word.endswith(("zig", "ßig", "hundert", "tausend", "illion", "illiard")):
        return word + "st"
    return word + "t"


def year(number: int) -> str:
    """A year as a year, with a word break where a speaker's voice dips: 1990 → neunzehnhundert
    neunzig, 2024 → zweitausend vierundzwanzig; other years as cardinals. Said the same, but
    espeak-ng stresses the parts of one long word so that Whisper, and a listener, hear "2020"
    (docs/intelligibility.md); a counted amount keeps its one word, which is heard better."""
    if 1100 <= number <= 1999:
        centuries, rest = divmod(number, 100)
        return cardinal(centuries) + "hundert" + (f" {cardinal(rest)}" if rest else "")
    if 2000 < number < 2100:
        return f"zweitausend {cardinal(number - 2000)}"
    return cardinal(number)


def digits(written: str) -> str:
    """Digit by digit: 0411 → null vier eins eins."""
    return " ".join(_UNITS[int(digit)] for digit in written if digit.isdigit())


def amount(written: str) -> str:
    """A written amount (see AMOUNT) in words: -60,24 → minus sechzig Komma zwei vier."""
    sign, whole, fraction = split_amount(written)
    spoken = cardinal(int(whole)) if not (len(whole) > 1 and whole[0] == "0") else digits(whole)
    if fraction is not None:
        spoken += f" Komma {digits(fraction)}"
    return f"minus {spoken}" if sign else spoken


def split_amount(written: str) -> tuple[bool, str, str | None]:
    """(negative, integer digits, decimal digits or None) of a written amount."""
    negative = written[:1] in "-−"
    whole, _, fraction = written.lstrip("-−").partition(",")
    return negative, whole.replace(".", ""), fraction or None


def is_one(written: str) -> bool:
    """Whether a written amount is exactly 1, which takes a singular noun."""
    negative, whole, fraction = split_amount(written)
    return not negative and whole.lstrip("0") == "1" and fraction is None


SCALE = r"(?i:Mio\.|Mrd\.|Bio\.|Tsd\.|Millionen|Million|Milliarden|Milliarde|Billionen|Billion)"
"""A power of a thousand written after an amount, as a word or abbreviation (a regex)."""
_MILLION, _BILLION, _TRILLION = (
    ("Million", "Millionen"),
    ("Milliarde", "Milliarden"),
    ("Billion", "Billionen"),
)
_SCALE_WORDS = {
    "mio.": _MILLION, "million": _MILLION, "millionen": _MILLION,
    "mrd.": _BILLION, "milliarde": _BILLION, "milliarden": _BILLION,
    "bio.": _TRILLION, "billion": _TRILLION, "billionen": _TRILLION,
}  # fmt: skip


def scaled(written: str, scale: str, before: str = "") -> str:
    """An amount and its scale: 1 Mio. → eine Million, 1,5 Mrd. → eins Komma fünf Milliarden.

    `before` is the text in front, which declines the "eine" ("bei einer Million").
    """
    if scale.lower() == "tsd.":
        return f"{amount(written)} Tausend"
    singular, plural = _SCALE_WORDS[scale.lower()]
    if is_one(written):
        return f"{grammar.indefinite(before, grammar.FEMININE)} {singular}"
    return f"{amount(written)} {plural}"
