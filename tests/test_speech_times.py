"""Rule family `times`: clock times with and without "Uhr", durations and scores."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize, normalize_lines


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
        # A ticker line's time before its colon, with a dot or a colon, or with no "Uhr".
        ("22.56 Uhr: Die Polizei meldet einen Unfall.",
         "zweiundzwanzig Uhr sechsundfünfzig: Die Polizei meldet einen Unfall."),
        ("0:33 Uhr: Ein Zeuge ruft an.", "null Uhr dreiunddreißig: Ein Zeuge ruft an."),
        ("18.32: Die Kardinäle versammeln sich.",
         "achtzehn Uhr zweiunddreißig: Die Kardinäle versammeln sich."),
        ("+++ 23:27 Der Präsident spricht +++",
         "dreiundzwanzig Uhr siebenundzwanzig Der Präsident spricht."),
        ("16:30", "sechzehn Uhr dreißig"),
        ("Abfahrt 7:45, Ankunft 9:15.",
         "Abfahrt sieben Uhr fünfundvierzig, Ankunft neun Uhr fünfzehn."),
        ("Die Prognose kam am Abend (20.00).", "Die Prognose kam am Abend, zwanzig Uhr."),
        ("Sie sahen gegen 23:00 h Flammen.", "Sie sahen gegen dreiundzwanzig Uhr Flammen."),
        # "h" after a bare number is the unit.
        ("Das 24 h Rennen beginnt.", "Das vierundzwanzig Stunden Rennen beginnt."),
        # Durations.
        ("Sie warteten 3:57 Minuten.", "Sie warteten drei Minuten siebenundfünfzig Sekunden."),
        ("Der Film dauert 2:30 Stunden.", "Der Film dauert zwei Stunden dreißig Minuten."),
        # Race times.
        ("Sie siegte mit 1:43,12 min.",
         "Sie siegte mit einer Minute dreiundvierzig Komma eins zwei Sekunden."),
        ("Er lief 2:05,3.", "Er lief zwei Minuten fünf Komma drei Sekunden."),
        # Scores: a colon without "Uhr" and without a time word before it.
        ("Bayern gewann 2:1 gegen Dortmund.", "Bayern gewann zwei zu eins gegen Dortmund."),
        ("Nach dem 0:3 war alles klar.", "Nach dem null zu drei war alles klar."),
        ("Das Bild hat das Format 16:9.", "Das Bild hat das Format sechzehn zu neun."),
        ("Kiel gewann mit 40:32 (22:19).",
         "Kiel gewann mit vierzig zu zweiunddreißig, zweiundzwanzig zu neunzehn."),
        ("Es war eine 18:11-Führung.", "Es war eine achtzehn zu elf-Führung."),
    ],
)  # fmt: skip
def test_times(written: str, spoken: str) -> None:
    assert normalize_lines(written) == spoken


def test_the_dateline_year_before_a_time_is_no_range() -> None:
    assert normalize("25. September 2018 - 15:20 Uhr") == (
        "fünfundzwanzigster September zweitausend achtzehn, fünfzehn Uhr zwanzig"
    )
