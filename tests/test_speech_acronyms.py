"""Rule family `acronyms`: spelled with hyphens or spoken as words."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize
from audio.text.speech.acronyms import SPELLED, SPOKEN


def test_acronym_tables_do_not_contradict_each_other() -> None:
    assert not SPELLED & SPOKEN.keys()


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("US-Außenminister Blinken reiste ab.", "U-S Außenminister Blinken reiste ab."),
        ("Die USA und die EU verhandeln.", "Die U-S-A und die E-U verhandeln."),
        ("Die SPD-Fraktion tagte.", "Die S-P-D Fraktion tagte."),
        ("Der NATO-Gipfel begann.", "Der Nato-Gipfel begann."),
        ("Die Nato-Verbündeten berieten.", "Die Nato-Verbündeten berieten."),
        ("Die UNESCO schützt das Erbe.", "Die Unesco schützt das Erbe."),
        ("Die G7-Staaten trafen sich.", "Die G sieben Staaten trafen sich."),
        ("Der A380 landete.", "Der A dreihundertachtzig landete."),
        ("Der CO2-Ausstoß sinkt.", "Der C-O zwei Ausstoß sinkt."),
        ("Die AfD verlor.", "Die A-F-D verlor."),
        ("Die OSZE beobachtet die Wahl.", "Die O-S-Z-E beobachtet die Wahl."),
        ("Der ADAC warnt.", "Der A-D-A-C warnt."),
        ("Viele NGOs protestierten.", "Viele N-G-Os protestierten."),
        ("Immer mehr SUVs fahren.", "Immer mehr S-U-Vaus fahren."),
        ("Das BAMF entscheidet.", "Das Bamf entscheidet."),
        ("Die CDU/CSU stimmte zu.", "Die C-D-U C-S-U stimmte zu."),
        ("Die ÖVP regiert.", "Die Ö-V-P regiert."),
        ("ACHTUNG: Straße gesperrt.", "Achtung: Straße gesperrt."),
        ("Der Lkw stand quer.", "Der L-K-W stand quer."),
        ("Es brannte im OT Hilbersdorf.", "Es brannte im Ortsteil Hilbersdorf."),
        ("Stand: KW 50", "Stand: Kalenderwoche fünfzig"),
        ("Das Foto stammt von der dpa.", "Das Foto stammt von der D-P-A."),
        ("Der CO₂-Preis steigt.", "Der C-O zwei Preis steigt."),
    ],
)  # fmt: skip
def test_acronyms(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
