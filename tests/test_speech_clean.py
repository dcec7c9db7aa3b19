"""Rule family `clean`: one spelling of every character before the rules run."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize
from audio.text.speech.clean import unify


@pytest.mark.parametrize(
    ("written", "unified"),
    [
        ("100\u202f000", "100.000"),
        ("100\u00a0000 Euro", "100.000 Euro"),
        # Digit groups with a plain space, as agencies and Duden write them.
        ("400 000 Menschen", "400.000 Menschen"),
        ("11 404,01 Punkte", "11.404,01 Punkte"),
        ("2 000 000", "2.000.000"),
        # Not telephone numbers, and not a number after a year.
        ("069 755 41008", "069 755 41008"),
        ("+49 345 2203326", "+49 345 2203326"),
        ("im Jahr 2020 100 Tage", "im Jahr 2020 100 Tage"),
        # Swiss groups with an apostrophe, and a decimal point before a percent sign.
        ("110'955 Stimmen", "110.955 Stimmen"),
        ("4’999’618", "4.999.618"),
        ("mit 57.73% angenommen", "mit 57,73% angenommen"),
        ("CO₂", "CO2"),
        ("Quellen.[1][2] Mehr nicht.", "Quellen. Mehr nicht."),
        ("Die Liste [3] und [a]", "Die Liste und [a]"),
        ("Die SPÖ verlor (- 11,42 Prozent).", "Die SPÖ verlor (-11,42 Prozent)."),
        ("Version 2.0 und 1.500 %", "Version 2.0 und 1.500 %"),
        ("Gro\u00adßer", "Großer"),
        ("1½ Stunden", "1 1/2 Stunden"),
        ("a\u2011b \u2212 c", "a-b - c"),
    ],
)
def test_unify(written: str, unified: str) -> None:
    assert unify(written) == unified


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Die Stadt zählt 400 000 Einwohner.", "Die Stadt zählt vierhunderttausend Einwohner."),
        ("Der Schaden beträgt 100 000 Euro.", "Der Schaden beträgt hunderttausend Euro."),
        ("Der Dax schloss bei 11 404,01 Punkten.",
         "Der Dax schloss bei elftausendvierhundertvier Komma null eins Punkten."),
    ],
)  # fmt: skip
def test_grouped_thousands_are_one_number(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
