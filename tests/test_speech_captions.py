"""Rule family `captions`: positions in photo captions."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize_lines


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Bürgermeister Müller (3. v. r.) übergab den Scheck.",
         "Bürgermeister Müller, dritter von rechts, übergab den Scheck."),
        ("Er zeigt Orban (3.v.l.) die Karte.", "Er zeigt Orban, dritter von links, die Karte."),
        ("Felix kämpft mit Renars (l.) um den Ball.",
         "Felix kämpft mit Renars, links, um den Ball."),
        ("Der Bürgermeister (r.) dankte.", "Der Bürgermeister, rechts, dankte."),
        ("Auf dem Foto v. l. n. r. stehen die Vorstände.",
         "Auf dem Foto von links nach rechts stehen die Vorstände."),
        ("Die Gäste (v. l.) lachen.", "Die Gäste, von links, lachen."),
        # Elsewhere "v." is "von" and a single letter an initial.
        ("Er traf Otto v. Bismarck.", "Er traf Otto von Bismarck."),
        ("Es sagte Peter S. aus Berlin.", "Es sagte Peter S aus Berlin."),
    ],
)  # fmt: skip
def test_captions(written: str, spoken: str) -> None:
    assert normalize_lines(written) == spoken
