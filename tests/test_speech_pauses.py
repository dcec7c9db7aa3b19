"""Rule family `pauses`: quotes dropped, dashes, brackets and ticker marks made pauses, the
punctuation tidied."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize
from audio.text.speech.pauses import to_pauses


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Sie bemühten sich - mit mäßigem Erfolg.", "Sie bemühten sich, mit mäßigem Erfolg."),
        ("Ein Gespräch jagt das andere – und doch nichts.",
         "Ein Gespräch jagt das andere, und doch nichts."),
        ("„Wir kommen“, sagte er.", "Wir kommen, sagte er."),
        ("Er sagte: „Wir kommen.“", "Er sagte: Wir kommen."),
        ("Der Plan (ein Entwurf) liegt vor.", "Der Plan, ein Entwurf, liegt vor."),
        ("Er zögerte … und ging.", "Er zögerte, und ging."),
        ("Und dann...", "Und dann."),
        ("Vor- und Nachteile wurden abgewogen.", "Vor und Nachteile wurden abgewogen."),
        ("Die Strecke Berlin–Hamburg ist frei.", "Die Strecke Berlin Hamburg ist frei."),
        ("John F. Kennedy starb 1963.", "John F Kennedy starb neunzehnhundert dreiundsechzig."),
        ("Das   ist\tzu viel  Platz.", "Das ist zu viel Platz."),
    ],
)  # fmt: skip
def test_pauses_in_text(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "paused"),
    [
        ("+++ Die EU zahlt +++", "Die EU zahlt."),
        ("Archiv +++ Archiv +++ Archiv", "Archiv, Archiv, Archiv"),
        ("Ende +++", "Ende."),
    ],
)
def test_a_tickers_marks_are_pauses(written: str, paused: str) -> None:
    assert to_pauses(written) == paused
