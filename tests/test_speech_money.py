"""Rule family `money`: amounts with their currency after them."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Das Brot kostet 3,50 €.", "Das Brot kostet drei Euro fünfzig Cent."),
        ("Das Brot kostet 3,50 Euro.", "Das Brot kostet drei Euro fünfzig Cent."),
        ("Der Bund gibt 5 Mio. Euro.", "Der Bund gibt fünf Millionen Euro."),
        ("Die Länder zahlen 1,5 Mrd. Euro.", "Die Länder zahlen eins Komma fünf Milliarden Euro."),
        ("Die Kosten liegen bei 1 Mio. Euro.", "Die Kosten liegen bei einer Million Euro."),
        ("Ein Ticket kostet 1 Euro.", "Ein Ticket kostet ein Euro."),
        ("Der Eintritt kostet 5,- €.", "Der Eintritt kostet fünf Euro."),
        ("Ein Becher kostet 0,99 €.", "Ein Becher kostet neunundneunzig Cent."),
        ("Das Paket kostet 1.000 € bzw. ca. 1.100 Dollar.",
         "Das Paket kostet tausend Euro beziehungsweise zirka eintausendeinhundert Dollar."),
        ("Er zahlte $2,20.", "Er zahlte zwei Dollar zwanzig Cent."),
        ("Das Pfund fiel auf £2,01.", "Das Pfund fiel auf zwei Pfund ein Penny."),
        ("Der Fonds hat 300 Mio. US-Dollar.", "Der Fonds hat dreihundert Millionen U-S Dollar."),
        ("Die Uhr kostet 1.200 CHF.", "Die Uhr kostet eintausendzweihundert Franken."),
        ("Der Kurs lag bei 2,0001 $.", "Der Kurs lag bei zwei Komma null null null eins Dollar."),
        ("Der Verlust betrug -3,00 €.", "Der Verlust betrug minus drei Euro."),
        # A bracket starts a new phrase: no case from the word before it.
        ("Er lag bei ($1=0,98 €).", "Er lag bei, ein Dollar gleich achtundneunzig Cent."),
    ],
)  # fmt: skip
def test_money(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
