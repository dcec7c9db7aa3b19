"""Rule family `web`: web and e-mail addresses, handles, hashtags and telephone numbers."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize_lines


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Mehr unter www.tagesschau.de.", "Mehr unter w w w Punkt tagesschau Punkt D E."),
        ("Siehe https://example.org/kommentar.",
         "Siehe example Punkt org Schrägstrich kommentar."),
        ("Web: www.polizei-bw.de/ulm",
         "Web: w w w Punkt polizei Bindestrich b w Punkt D E Schrägstrich ulm"),
        ("Schreiben Sie an leserbriefe@zeitung.de!",
         "Schreiben Sie an leserbriefe ät zeitung Punkt D E!"),
        ("Folgen Sie @tagesschau und #Ukraine.", "Folgen Sie ät tagesschau und Hashtag Ukraine."),
        # Addresses written against spam.
        ("Mail an presse(at)justiz.de", "Mail an presse ät justiz Punkt D E"),
        ("Mail an vhs(at)adelsdorf(dot)de.", "Mail an v h s ät adelsdorf Punkt D E."),
        # Hashtags and handles are read word by word; an emergency number digit by digit.
        ("Folgen Sie #Polizei110 und #24hPolizei.",
         "Folgen Sie Hashtag Polizei eins eins null und Hashtag vierundzwanzig h Polizei."),
        ("Es lief unter dem Hashtag #NoNotruf.", "Es lief unter dem Hashtag No Notruf."),
        ("Hamburg nutzt #12hPEZ.", "Hamburg nutzt Hashtag zwölf h P-E-Z."),
        ("Der Account @PolizeiHamburg meldet.", "Der Account ät Polizei Hamburg meldet."),
        ("#1 2015", "Nummer eins zweitausend fünfzehn"),
        # Telephone numbers: six digits or more, in any grouping.
        ("Die Hotline 0800 123456 hilft.",
         "Die Hotline null acht null null eins zwei drei vier fünf sechs hilft."),
        ("Anrufe unter +49 30 1234567.",
         "Anrufe unter plus neunundvierzig drei null eins zwei drei vier fünf sechs sieben."),
        ("Telefon: 0 70 21/97 30 30",
         "Telefon: null sieben null zwei eins neun sieben drei null drei null"),
        ("Zeugen melden sich unter 0202 / 284-0.",
         "Zeugen melden sich unter null zwei null zwei zwei acht vier null."),
        ("Die Zentrale hat 02 51/4 92-0.",
         "Die Zentrale hat null zwei fünf eins vier neun zwei null."),
        ("Im Jahr 07 fiel Schnee.", "Im Jahr null sieben fiel Schnee."),
    ],
)  # fmt: skip
def test_addresses(written: str, spoken: str) -> None:
    assert normalize_lines(written) == spoken
