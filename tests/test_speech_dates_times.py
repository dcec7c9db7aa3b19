"""Dates with the day in the case its context asks for; clock times; scores."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Am 21. Januar 2022 trafen sie sich.",
         "Am einundzwanzigsten Januar zweitausend zweiundzwanzig trafen sie sich."),
        ("21. Januar 2022, 19:00 Uhr",
         "einundzwanzigster Januar zweitausend zweiundzwanzig, neunzehn Uhr"),
        ("Der 3. Oktober ist ein Feiertag.", "Der dritte Oktober ist ein Feiertag."),
        ("Die Messe läuft vom 1. bis 5. Juni.", "Die Messe läuft vom ersten bis fünften Juni."),
        ("Die Messe läuft vom 1.–5. Juni.", "Die Messe läuft vom ersten bis fünften Juni."),
        ("Am 3. und 4. Oktober wird gewählt.", "Am dritten und vierten Oktober wird gewählt."),
        ("Seit 1. Januar gilt das Gesetz.", "Seit erstem Januar gilt das Gesetz."),
        ("Bis zum 15. März muss das Geld da sein.",
         "Bis zum fünfzehnten März muss das Geld da sein."),
        ("Das war Ende der 2. Märzwoche.", "Das war Ende der zweiten Märzwoche."),
        ("Er kam am 24.02.2022 an.",
         "Er kam am vierundzwanzigsten Februar zweitausend zweiundzwanzig an."),
        ("Stichtag ist der 30.6.", "Stichtag ist der dreißigste Juni."),
        ("Der Vertrag vom 2.3.2003 gilt.", "Der Vertrag vom zweiten März zweitausend drei gilt."),
        ("Er wurde am 2. Mär. 2003 geboren.",
         "Er wurde am zweiten März zweitausend drei geboren."),
        ("Am 7. Okt. begann der Angriff.", "Am siebten Oktober begann der Angriff."),
        ("Freitag, 13. Mai", "Freitag, dreizehnter Mai"),
        ("Die Datei ist vom 2003-03-02.", "Die Datei ist vom zweiten März zweitausend drei."),
        ("Stand: 2003-03", "Stand: März zweitausend drei"),
        ("Die Frist endete im Dezember 1999.",
         "Die Frist endete im Dezember neunzehnhundert neunundneunzig."),
    ],
)  # fmt: skip
def test_dates(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Die Sitzung beginnt um 19:30 Uhr.", "Die Sitzung beginnt um neunzehn Uhr dreißig."),
        ("Er kam um 19:00 Uhr.", "Er kam um neunzehn Uhr."),
        ("Der Zug fährt um 8.30 Uhr ab.", "Der Zug fährt um acht Uhr dreißig ab."),
        ("Das Spiel endet gegen 23:45 Uhr.",
         "Das Spiel endet gegen dreiundzwanzig Uhr fünfundvierzig."),
        ("Um 1 Uhr nachts wurde es still.", "Um ein Uhr nachts wurde es still."),
        ("Um 01:05 Uhr fiel der Strom aus.", "Um ein Uhr fünf fiel der Strom aus."),
        ("Ab 00:15 Uhr gilt die Sperre.", "Ab null Uhr fünfzehn gilt die Sperre."),
        ("Die Läden öffnen von 9–17 Uhr.", "Die Läden öffnen von neun bis siebzehn Uhr."),
        ("Treffpunkt ist um 18:45.", "Treffpunkt ist um achtzehn Uhr fünfundvierzig."),
        ("Die Uhr zeigte 02:02:23 Uhr.",
         "Die Uhr zeigte zwei Uhr zwei Minuten dreiundzwanzig Sekunden."),
        ("Bayern gewann 2:1 gegen Dortmund.", "Bayern gewann zwei zu eins gegen Dortmund."),
        ("Nach dem 0:3 war alles klar.", "Nach dem null zu drei war alles klar."),
        ("Das Bild hat das Format 16:9.", "Das Bild hat das Format sechzehn zu neun."),
    ],
)  # fmt: skip
def test_times_and_scores(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
