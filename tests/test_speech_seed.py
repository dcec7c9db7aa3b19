"""The seed commentary read end to end, as the narration hears it."""

from __future__ import annotations

import re

from audio.text.speech import normalize_lines
from tests.conftest import SEED

SPOKEN = normalize_lines(SEED.read_text(encoding="utf-8"))


def test_teaser_spells_the_acronym_and_pauses_at_the_dash() -> None:
    assert SPOKEN.startswith(
        "U-S Außenminister Antony Blinken und sein russischer Amtskollege Sergej Lawrow haben "
        "sich im Streit zwischen Russland und der Nato über die Ukraine um Entspannung bemüht, "
        "mit mäßigem Erfolg.\n"
    )


def test_dateline_reads_as_a_date_and_a_time() -> None:
    assert "\neinundzwanzigster Januar zweitausend zweiundzwanzig, neunzehn Uhr\n" in SPOKEN


def test_body_reads_numbers_acronyms_and_dashes() -> None:
    assert "Wie überhaupt hunderttausend an der Grenze zur Ukraine stationierte" in SPOKEN
    assert "ein Gespräch jagt das andere, und doch bewegen sich Russland und die U-S-A" in SPOKEN
    assert "das Treffen von U-S Außenminister Antony Blinken" in SPOKEN


def test_nothing_is_left_for_an_engine_to_guess() -> None:
    assert not any(character.isdigit() for character in SPOKEN)
    # The only hyphens left join a compound and the letters of a spelled acronym ("U-S-A").
    left = re.sub(r"\b[A-ZÄÖÜ](?:-[A-ZÄÖÜ])+\b", "", SPOKEN.replace("Nato-Verbündeten", ""))
    assert not set('–—-„“"') & set(left)


def test_lines_and_empty_lines_are_kept() -> None:
    written = SEED.read_text(encoding="utf-8").splitlines()
    assert len(SPOKEN.split("\n")) == len(written)
    assert [not line for line in SPOKEN.split("\n")] == [not line.strip() for line in written]
