"""Rule family `codes`: emergency and service numbers, postcodes and ISBNs, digit by digit."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize_lines


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Rufen Sie im Notfall die 112 an.", "Rufen Sie im Notfall die eins eins zwei an."),
        ("Bei Gefahr wählen Sie sofort 110.", "Bei Gefahr wählen Sie sofort eins eins null."),
        ("Die 112 der Feuerwehr ist kostenlos.",
         "Die eins eins zwei der Feuerwehr ist kostenlos."),
        ("Sie ist unter der Notrufnummer 112 zu erreichen.",
         "Sie ist unter der Notrufnummer eins eins zwei zu erreichen."),
        ("Die Rufnummer 19222 gilt auch.", "Die Rufnummer eins neun zwei zwei zwei gilt auch."),
        ("Sonst hilft die 116117.", "Sonst hilft die eins eins sechs eins eins sieben."),
        ("Behördennummer: 115", "Behördennummer: eins eins fünf"),
        # Amounts stay amounts.
        ("Es stimmten die 110 Abgeordneten zu.", "Es stimmten die einhundertzehn Abgeordneten zu."),
        ("Das steht auf Seite 112.", "Das steht auf Seite einhundertzwölf."),
        ("Er fuhr mit 110 km/h.", "Er fuhr mit einhundertzehn Kilometer pro Stunde."),
        # Postcodes after an address, "in" or a line start.
        ("Sie sitzt in 10178 Berlin.", "Sie sitzt in eins null eins sieben acht Berlin."),
        ("Post an die Pohlstraße 91, 10785 Berlin.",
         "Post an die Pohlstraße einundneunzig, eins null sieben acht fünf Berlin."),
        ("48127 Münster", "vier acht eins zwei sieben Münster"),
        ("Die Stadt hat 15000 Einwohner.", "Die Stadt hat fünfzehntausend Einwohner."),
        ("In 15000 Haushalten fiel der Strom aus.",
         "In fünfzehntausend Haushalten fiel der Strom aus."),
        ("ISBN 978-3-86859-673-1",
         "I-S-B-N neun sieben acht drei acht sechs acht fünf neun sechs sieben drei eins"),
    ],
)  # fmt: skip
def test_codes(written: str, spoken: str) -> None:
    assert normalize_lines(written) == spoken
