"""Rule family `cardinals`: every number the other families left."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Rund 100.000 Soldaten stehen an der Grenze.",
         "Rund hunderttausend Soldaten stehen an der Grenze."),
        ("Die Stadt hat 1.200 Einwohner.", "Die Stadt hat eintausendzweihundert Einwohner."),
        ("Es geht um 20.000.000 Menschen.", "Es geht um zwanzig Millionen Menschen."),
        ("Das Wachstum lag bei 5,3 Punkten.",
         "Das Wachstum lag bei fünf Komma drei Punkten."),
        ("Die Quote sank auf 0,25.", "Die Quote sank auf null Komma zwei fünf."),
        ("Nachts fielen die Werte auf -12.", "Nachts fielen die Werte auf minus zwölf."),
        ("Der Index stieg von 10 auf 12.", "Der Index stieg von zehn auf zwölf."),
        ("Es kamen 5 Mio. Besucher.", "Es kamen fünf Millionen Besucher."),
        ("Das Land hat 1 Mio. Einwohner.", "Das Land hat eine Million Einwohner."),
        ("Die Schulden betragen 2,5 Billionen.",
         "Die Schulden betragen zwei Komma fünf Billionen."),
        ("Der 21-Jährige wurde festgenommen.", "Der Einundzwanzigjährige wurde festgenommen."),
        ("Eine 3-fache Mehrheit ist nötig.", "Eine dreifache Mehrheit ist nötig."),
        ("Die 18-jährige Schülerin gewann.", "Die achtzehnjährige Schülerin gewann."),
        ("Er nimmt das Mittel 3x täglich.", "Er nimmt das Mittel dreimal täglich."),
        ("Sie wohnt in der Hauptstraße 12a.", "Sie wohnt in der Hauptstraße zwölf a."),
        ("Nach 1 Jahr kam er zurück.", "Nach einem Jahr kam er zurück."),
        ("Er blieb für 1 Woche.", "Er blieb für eine Woche."),
        ("Es sprach 1 Frau.", "Es sprach eine Frau."),
        ("Die Covid-19-Pandemie dauerte.", "Die Covid neunzehn-Pandemie dauerte."),
        ("Die 2D-Grafik war alt.", "Die zwei D-Grafik war alt."),
        ("Version 3.1 ist erschienen.", "Version drei Punkt eins ist erschienen."),
        ("Der Geheimcode lautet 007.", "Der Geheimcode lautet null null sieben."),
        ("Es waren 9 bis 10 Tonnen Stahl.", "Es waren neun bis zehn Tonnen Stahl."),
        ("Zwischen 2019-2021 wuchs die Zahl.",
         "Zwischen zweitausend neunzehn bis zweitausend einundzwanzig wuchs die Zahl."),
    ],
)  # fmt: skip
def test_cardinals_in_text(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
