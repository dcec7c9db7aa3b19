"""Rule family `ranges`: a dash between numbers is "bis", a plus between ordinals or pages "und";
the numbers stay for the families after it."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize
from audio.text.speech.ranges import read_ranges


@pytest.mark.parametrize(
    ("written", "rewritten"),
    [
        ("von 9–17 Uhr", "von 9 bis 17 Uhr"),
        ("vom 1.–5. Juni", "vom 1. bis 5. Juni"),
        ("2019-2021", "2019 bis 2021"),
        ("am 4.+5. Dezember", "am 4. und 5. Dezember"),
        ("auf Seite 4+5", "auf Seite 4 und 5"),
        ("im Zeitraum April-Juni", "im Zeitraum April bis Juni"),
        ("am 5./6. Juni", "am 5. und 6. Juni"),
        ("Müller (18./70.)", "Müller (18./70.)"),
        # No range: an ISO date, a telephone number, a dateline's year before its time.
        ("2003-03-02", "2003-03-02"),
        ("0800-123456", "0800-123456"),
        ("25. September 2018 - 15:20 Uhr", "25. September 2018 - 15:20 Uhr"),
    ],
)
def test_read_ranges(written: str, rewritten: str) -> None:
    assert read_ranges(written) == rewritten


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Es waren 9 bis 10 Tonnen Stahl.", "Es waren neun bis zehn Tonnen Stahl."),
        ("Zwischen 2019-2021 wuchs die Zahl.",
         "Zwischen zweitausend neunzehn bis zweitausend einundzwanzig wuchs die Zahl."),
        ("Jugendliche von 13–18 Jahren.", "Jugendliche von dreizehn bis achtzehn Jahren."),
        ("Das steht auf Seite 4+5.", "Das steht auf Seite vier und fünf."),
    ],
)  # fmt: skip
def test_ranges_in_text(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
