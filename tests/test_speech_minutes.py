"""Rule family `minutes`: the minute of a goal or card in match reports."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize_lines


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Das Tor schoss Müller (50.).", "Das Tor schoss Müller, in der fünfzigsten Minute."),
        ("Tor: 55. Nielsen", "Tor: fünfundfünfzigste Minute Nielsen"),
        ("Der Ausgleich fiel (45.+2).",
         "Der Ausgleich fiel, in der Minute fünfundvierzig plus zwei."),
        ("Bebou traf doppelt (40., 86.).",
         "Bebou traf doppelt, in der vierzigsten und sechsundachtzigsten Minute."),
        ("Ein Doppelpack von Müller (18./70.) entschied das Spiel.",
         "Ein Doppelpack von Müller, in der achtzehnten und siebzigsten Minute, entschied das "
         "Spiel."),
        ("Jonathas (20., Foulelfmeter) traf zuerst.",
         "Jonathas, in der zwanzigsten Minute, Foulelfmeter, traf zuerst."),
        ("Der Joker spielte (ab 77.) links.",
         "Der Joker spielte, ab der siebenundsiebzigsten Minute, links."),
        ("Auch Kroos (10.) versuchte es aus der Distanz.",
         "Auch Kroos, in der zehnten Minute, versuchte es aus der Distanz."),
        ("Binnen zehn Minuten trafen Crone (70.) und Haym ( 74., 79.).",
         "Binnen zehn Minuten trafen Crone, in der siebzigsten Minute, und Haym, in der "
         "vierundsiebzigsten und neunundsiebzigsten Minute."),
        ("Preuß (87./Foulelfmeter) traf.",
         "Preuß, in der siebenundachtzigsten Minute, Foulelfmeter, traf."),
        ("Er wechselte zwei Spieler ein (61.).",
         "Er wechselte zwei Spieler ein, in der einundsechzigsten Minute."),
        ("Tore: 1:0 Müller (12.), 1:1 Meier (90.+3)",
         "Tore: eins zu null Müller, in der zwölften Minute, eins zu eins Meier, in der Minute "
         "neunzig plus drei"),
        ("Er traf (45.+1, 88.).",
         "Er traf, in der Minute fünfundvierzig plus eins und in der achtundachtzigsten Minute."),
        # Without a word of the game a number in brackets is no minute.
        ("Die Stadt (50.000 Einwohner) wächst.",
         "Die Stadt, fünfzigtausend Einwohner, wächst."),
    ],
)  # fmt: skip
def test_minutes(written: str, spoken: str) -> None:
    assert normalize_lines(written) == spoken


def test_a_ranking_in_brackets_is_no_minute() -> None:
    assert "Minute" not in normalize_lines("Im Slalom wurde Neureuther (3.) gefeiert.")
