"""Rule family `years`: years, decades, seasons and life dates."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("1990 fiel die Mauer.", "neunzehnhundert neunzig fiel die Mauer."),
        ("Er lebte von 1643 bis 1715.",
         "Er lebte von sechzehnhundert dreiundvierzig bis siebzehnhundert fünfzehn."),
        ("In den 1990er-Jahren wuchs die Stadt.",
         "In den neunzehnhundertneunziger Jahren wuchs die Stadt."),
        ("Die 90er Jahre waren wild.", "Die neunziger Jahre waren wild."),
        ("Die 68er protestierten.", "Die achtundsechziger protestierten."),
        ("In der Saison 2021/22 stieg der Verein ab.",
         "In der Saison zweitausend einundzwanzig zweiundzwanzig stieg der Verein ab."),
        ("Goethe (* 1749) schrieb.", "Goethe, geboren siebzehnhundert neunundvierzig, schrieb."),
        ("Das Gesetz von 2005 gilt noch.", "Das Gesetz von zweitausend fünf gilt noch."),
        ("In der Saison 1956/1957 stieg er auf.",
         "In der Saison neunzehnhundert sechsundfünfzig neunzehnhundert siebenundfünfzig stieg er "
         "auf."),
    ],
)  # fmt: skip
def test_years_and_decades(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # A year gets a word break where the voice dips...
        ("Seit 2024 wartet die Stadt.", "Seit zweitausend vierundzwanzig wartet die Stadt."),
        ("Die Mauer fiel 1989.", "Die Mauer fiel neunzehnhundert neunundachtzig."),
        ("Im Jahr 2000 nicht.", "Im Jahr zweitausend nicht."),
        # ...an amount and a number that a word continues stay one word.
        ("Es kamen 18.500 Zuschauer.", "Es kamen achtzehntausendfünfhundert Zuschauer."),
        ("Es kostet 2.750 Euro.", "Es kostet zweitausendsiebenhundertfünfzig Euro."),
        ("Der 2024. Tag.", "Der zweitausendvierundzwanzigste Tag."),
        ("Die 2010er-Jahre.", "Die zweitausendzehner Jahre."),
        ("Die 1990er-Jahre.", "Die neunzehnhundertneunziger Jahre."),
    ],
)
def test_a_year_gets_a_word_break_an_amount_none(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
