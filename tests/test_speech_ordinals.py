"""Rule family `ordinals`: a number with a dot, in the case its context asks for."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Im 20. Jahrhundert gab es zwei Weltkriege.",
         "Im zwanzigsten Jahrhundert gab es zwei Weltkriege."),
        ("Der 3. Platz ging an Norwegen.", "Der dritte Platz ging an Norwegen."),
        ("Sie belegte den 3. Platz.", "Sie belegte den dritten Platz."),
        ("Er kam zum 2. Mal.", "Er kam zum zweiten Mal."),
        ("In der 3. Runde fiel die Entscheidung.",
         "In der dritten Runde fiel die Entscheidung."),
        ("Am Ende der 2. Halbzeit fiel ein Tor.",
         "Am Ende der zweiten Halbzeit fiel ein Tor."),
        ("Heute beginnt der 3. Tag der Verhandlungen.",
         "Heute beginnt der dritte Tag der Verhandlungen."),
        ("Die 2. Liga startet.", "Die zweite Liga startet."),
        ("Das 5. Sanktionspaket liegt vor.", "Das fünfte Sanktionspaket liegt vor."),
        ("Sie feiert ihren 100. Geburtstag.", "Sie feiert ihren hundertsten Geburtstag."),
        ("100. Geburtstag", "hundertster Geburtstag"),
        ("2. Liga", "zweite Liga"),
        ("Er gewann zum 1. und 2. Mal.", "Er gewann zum ersten und zweiten Mal."),
        ("Die 3. und 4. Klasse fahren mit.", "Die dritte und vierte Klasse fahren mit."),
        ("Er wurde 2. und jubelte.", "Er wurde zweiter und jubelte."),
        ("Es war seinem 3. Buch zu verdanken.", "Es war seinem dritten Buch zu verdanken."),
        ("Ein 2. Referendum ist möglich.", "Ein zweites Referendum ist möglich."),
        ("Das geschah im Jahr 2021. Danach nicht mehr.",
         "Das geschah im Jahr zweitausend einundzwanzig. Danach nicht mehr."),
        ("Es ist der 3.", "Es ist der dritte."),
        ("Er wurde 3ter.", "Er wurde dritter."),
        ("2.", "zweiter"),
    ],
)  # fmt: skip
def test_ordinals_agree_with_their_context(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
