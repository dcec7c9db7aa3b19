"""Rule family `symbols`: signs said as words, gender marks."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Bürger*innen und Politiker:innen diskutierten.",
         "Bürgerinnen und Politikerinnen diskutierten."),
        ("Alle Verkehrsteilnehmer/Innen sind gefragt.",
         "Alle Verkehrsteilnehmerinnen sind gefragt."),
        ("Gesucht wird ein Redakteur (m/w/d) in Teilzeit.",
         "Gesucht wird ein Redakteur, männlich, weiblich, divers, in Teilzeit."),
        ("Der Fahrer (m/w) floh.", "Der Fahrer, männlich, weiblich, floh."),
        ("Er fuhr 30 km/h und 5 m/s.",
         "Er fuhr dreißig Kilometer pro Stunde und fünf Meter pro Sekunde."),
        ("Die LehrerInnen streiken.", "Die Lehrerinnen streiken."),
        ("Eltern & Kinder zahlen nach § 5.", "Eltern und Kinder zahlen nach Paragraf fünf."),
        ("Nach § 219a StGB ist das strafbar.",
         "Nach Paragraf zweihundertneunzehn a Strafgesetzbuch ist das strafbar."),
        ("Es geht um Ja/Nein.", "Es geht um Ja Nein."),
        ("Der Preis stieg um ~10 Euro.", "Der Preis stieg um zirka zehn Euro."),
        # A plus between names is "und", between numbers "plus".
        ("Der Verlag Gruner + Jahr wird umgebaut.", "Der Verlag Gruner und Jahr wird umgebaut."),
        ("Die Titel von Gruner+Jahr und G+J.", "Die Titel von Gruner und Jahr und G und J."),
        ("Es gilt 3+4 gleich 7.", "Es gilt drei plus vier gleich sieben."),
        ("Kurs: 1 Dollar=0,98 Euro", "Kurs: ein Dollar gleich achtundneunzig Cent"),
    ],
)  # fmt: skip
def test_symbols(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
