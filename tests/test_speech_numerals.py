"""Number words (`numerals`, the helper every number family reads through)."""

from __future__ import annotations

import pytest

from audio.text.speech.numerals import cardinal, ordinal, year


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        (0, "null"),
        (1, "eins"),
        (17, "siebzehn"),
        (21, "einundzwanzig"),
        (100, "hundert"),
        (101, "einhunderteins"),
        (1000, "tausend"),
        (2100, "zweitausendeinhundert"),
        (100_000, "hunderttausend"),
        (1_000_000, "eine Million"),
        (2_000_003, "zwei Millionen drei"),
        (301_000_000_000, "dreihundertein Milliarden"),
        (-25_037, "minus fünfundzwanzigtausendsiebenunddreißig"),
    ],
)
def test_cardinal_words(number: int, spoken: str) -> None:
    assert cardinal(number) == spoken


@pytest.mark.parametrize(
    ("number", "ending", "spoken"),
    [
        (1, "en", "ersten"),
        (3, "e", "dritte"),
        (7, "er", "siebter"),
        (8, "es", "achtes"),
        (20, "en", "zwanzigsten"),
        (101, "er", "einhunderterster"),
        (1000, "e", "tausendste"),
        (1_000_000, "er", "millionster"),
        (2_000_000, "e", "zweimillionste"),
    ],
)
def test_ordinal_words(number: int, ending: str, spoken: str) -> None:
    assert ordinal(number, ending) == spoken


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        (1990, "neunzehnhundert neunzig"),
        (1905, "neunzehnhundert fünf"),
        (1100, "elfhundert"),
        (2022, "zweitausend zweiundzwanzig"),
        (1066, "eintausendsechsundsechzig"),
    ],
)
def test_year_words(number: int, spoken: str) -> None:
    assert year(number) == spoken
