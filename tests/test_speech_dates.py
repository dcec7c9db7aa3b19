"""Rule family `dates`: the day as an ordinal in the case its context asks for, the year as a
year, numeric, ISO and abbreviated forms."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize_lines


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
        ("Gesperrt bis einschließlich 22. November.",
         "Gesperrt bis einschließlich zweiundzwanzigsten November."),
        ("Zahlbar bis spätestens 30. Juni.", "Zahlbar bis spätestens dreißigsten Juni."),
        ("Das war Ende der 2. Märzwoche.", "Das war Ende der zweiten Märzwoche."),
        ("Er kam am 24.02.2022 an.",
         "Er kam am vierundzwanzigsten Februar zweitausend zweiundzwanzig an."),
        ("Stichtag ist der 30.6.", "Stichtag ist der dreißigste Juni."),
        ("Der Vertrag vom 2.3.2003 gilt.", "Der Vertrag vom zweiten März zweitausend drei gilt."),
        ("Er wurde am 2. Mär. 2003 geboren.",
         "Er wurde am zweiten März zweitausend drei geboren."),
        ("Am 7. Okt. begann der Angriff.", "Am siebten Oktober begann der Angriff."),
        ("Freitag, 13. Mai", "Freitag, dreizehnter Mai"),
        ("Gewählt wurde am 26. Jänner.", "Gewählt wurde am sechsundzwanzigsten Jänner."),
        # A life's dates.
        ("Sie (* 12.3.1940 † 5.6.2023) lehrte.",
         "Sie, geboren am zwölften März neunzehnhundert vierzig gestorben am fünften Juni "
         "zweitausend dreiundzwanzig, lehrte."),
        ("Goethe (* 1749) schrieb.", "Goethe, geboren siebzehnhundert neunundvierzig, schrieb."),
        ("Die Datei ist vom 2003-03-02.", "Die Datei ist vom zweiten März zweitausend drei."),
        ("Stand: 2003-03", "Stand: März zweitausend drei"),
        ("21-02-2017 23:40",
         "einundzwanzigster Februar zweitausend siebzehn dreiundzwanzig Uhr vierzig"),
        ("Die Frist endete im Dezember 1999.",
         "Die Frist endete im Dezember neunzehnhundert neunundneunzig."),
        # A weekday in apposition: the date takes the case of what governs the weekday.
        ("Am Donnerstag, 18. Februar, findet die Versammlung statt.",
         "Am Donnerstag, achtzehnten Februar, findet die Versammlung statt."),
        ("Er kam am Donnerstagmorgen, 14. Dezember, an.",
         "Er kam am Donnerstagmorgen, vierzehnten Dezember, an."),
        ("Es begann am heutigen Dienstag (5. Juli).",
         "Es begann am heutigen Dienstag, fünften Juli."),
        ("Sie tagten am Donnerstag, 13. November, und Freitag, 14. November 2014.",
         "Sie tagten am Donnerstag, dreizehnten November, und Freitag, vierzehnten November "
         "zweitausend vierzehn."),
        ("Es geschah zwischen Freitag, 28. Januar, 12.00 Uhr, und Samstag, 29. Januar, 8.40 Uhr.",
         "Es geschah zwischen Freitag, achtundzwanzigstem Januar, zwölf Uhr, und Samstag, "
         "neunundzwanzigstem Januar, acht Uhr vierzig."),
        ("Samstag, 25. November", "Samstag, fünfundzwanzigster November"),
        # Dates in a row share what governs the first.
        ("Er kam am 23.9. und 7.10. 2006.",
         "Er kam am dreiundzwanzigsten September und siebten Oktober zweitausend sechs."),
        ("Der Basar ist am 4.+5. Dezember.", "Der Basar ist am vierten und fünften Dezember."),
        # After "bis" the day takes the case of "bis".
        ("Es lief von 22.4. bis 26.4.2020.",
         "Es lief von zweiundzwanzigstem April bis sechsundzwanzigsten April zweitausend "
         "zwanzig."),
        # An abbreviated month before its year, and at a sentence end.
        ("Das Buch erschien im Jan. 2009 neu.",
         "Das Buch erschien im Januar zweitausend neun neu."),
        ("Er starb am 24. Jul. 2013.", "Er starb am vierundzwanzigsten Juli zweitausend dreizehn."),
    ],
)  # fmt: skip
def test_dates(written: str, spoken: str) -> None:
    assert normalize_lines(written) == spoken
