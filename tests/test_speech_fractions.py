"""Rule family `fractions`: written fractions and mixed numbers."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Ein Drittel, also 1/3, war dagegen.", "Ein Drittel, also ein Drittel, war dagegen."),
        ("Zwei Drittel, 2/3 der Abgeordneten, stimmten zu.",
         "Zwei Drittel, zwei Drittel der Abgeordneten, stimmten zu."),
        ("Das Spiel dauert 1 1/2 Stunden.", "Das Spiel dauert eineinhalb Stunden."),
        ("Es fehlen 2½ Prozentpunkte.", "Es fehlen zweieinhalb Prozentpunkte."),
        ("Nötig ist eine 3/4-Mehrheit.", "Nötig ist eine drei Viertel-Mehrheit."),
        ("Nur 1/100 der Proben war belastet.", "Nur ein Hundertstel der Proben war belastet."),
        ("Die Hotline ist 24/7 erreichbar.", "Die Hotline ist vierundzwanzig sieben erreichbar."),
        # Two-digit numerators are file numbers, not fractions.
        ("Das Verfahren 10/20 läuft.", "Das Verfahren zehn zwanzig läuft."),
        ("Das Protokoll 16/45 liegt vor.", "Das Protokoll sechzehn fünfundvierzig liegt vor."),
    ],
)  # fmt: skip
def test_fractions(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
