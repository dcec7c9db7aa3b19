"""Rule family `places`: a place named with its river or region gets its preposition back."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize_lines


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Er wohnt in Frankfurt/Main.", "Er wohnt in Frankfurt am Main."),
        ("Frankfurt/M. meldet Regen.", "Frankfurt am Main meldet Regen."),
        ("Sie kam aus Halle (Saale).", "Sie kam aus Halle an der Saale."),
        ("Der Stau reichte bis Kirchheim/Teck.", "Der Stau reichte bis Kirchheim unter Teck."),
        ("Er lebt in Frankfurt (Oder).", "Er lebt in Frankfurt an der Oder."),
        # Two rivers, or a bracket that does not close, are no place.
        ("Das Rhein/Main-Gebiet wächst.", "Das Rhein Main-Gebiet wächst."),
        ("Die Mosel/Saar-Region wächst.", "Die Mosel Saar-Region wächst."),
    ],
)  # fmt: skip
def test_places(written: str, spoken: str) -> None:
    assert normalize_lines(written) == spoken
