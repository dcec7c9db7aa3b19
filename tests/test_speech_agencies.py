"""Rule family `agencies`: agency tags are not read out."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize_lines
from audio.text.speech.agencies import read_agencies


@pytest.mark.parametrize(
    ("written", "rewritten"),
    [
        ("Berlin (dpa) - Die Regierung tagt.", "Berlin - Die Regierung tagt."),
        ("Kiel (dpa/lno) - Der Landtag tagt.", "Kiel - Der Landtag tagt."),
        ("Hamburg (ots) - Zeugen gesucht.", "Hamburg - Zeugen gesucht."),
        ("Berlin (Reuters) - Der Bundestag.", "Berlin - Der Bundestag."),
        ("Das steht fest. (Reuters/dpa/jW)", "Das steht fest."),
        ("Paris (AFP) Die Wahl.", "Paris Die Wahl."),
        # Brackets that are not tags stay.
        ("Die Partei (CDU) tagt.", "Die Partei (CDU) tagt."),
        ("Der Plan (ein Entwurf) liegt vor.", "Der Plan (ein Entwurf) liegt vor."),
        ("Die Agentur (dpa Hamburg) meldet.", "Die Agentur (dpa Hamburg) meldet."),
    ],
)
def test_read_agencies(written: str, rewritten: str) -> None:
    assert read_agencies(written) == rewritten


def test_a_tag_alone_after_a_sentence_says_nothing() -> None:
    assert normalize_lines("Berlin (dpa) - Es regnet. (dpa/lno)") == "Berlin, Es regnet."
