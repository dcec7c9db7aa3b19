"""Rule family `weekdays`: abbreviated weekdays in opening hours and event notices."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize_lines


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Geöffnet Mo.–Fr. 8–12 Uhr.", "Geöffnet Montag bis Freitag acht bis zwölf Uhr."),
        ("Geöffnet Mo.-Sa. von 9 bis 20 Uhr.",
         "Geöffnet Montag bis Samstag von neun bis zwanzig Uhr."),
        ("Das Fest beginnt am Fr., 7. Juli.", "Das Fest beginnt am Freitag, siebten Juli."),
        ("So. 10 Uhr Gottesdienst", "Sonntag zehn Uhr Gottesdienst"),
        ("Sprechstunde Do. 14:30 Uhr.", "Sprechstunde Donnerstag vierzehn Uhr dreißig."),
        # Without a weekday, date or time beside it the abbreviation is something else.
        ("Es sprach Fr. Müller.", "Es sprach Frau Müller."),
        ("So kam es.", "So kam es."),
    ],
)  # fmt: skip
def test_weekdays(written: str, spoken: str) -> None:
    assert normalize_lines(written) == spoken
