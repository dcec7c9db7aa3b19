"""Rule family `abbreviations`: phrases, words, titles, adjectives in their case."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize
from audio.text.speech.abbreviations import ABBREVIATIONS, ADJECTIVES, BEFORE_NUMBERS


def test_abbreviation_table_covers_a_newspaper() -> None:
    assert len(ABBREVIATIONS) + len(BEFORE_NUMBERS) + len(ADJECTIVES) >= 150


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Das gilt z. B. für Kinder.", "Das gilt zum Beispiel für Kinder."),
        ("Das gilt z.B. für Kinder.", "Das gilt zum Beispiel für Kinder."),
        ("Z. B. Kinder zahlen nichts.", "Zum Beispiel Kinder zahlen nichts."),
        ("Es kamen Dr. Müller und Prof. Schmidt.",
         "Es kamen Doktor Müller und Professor Schmidt."),
        ("Er ist Bürgermeister a. D.", "Er ist Bürgermeister außer Dienst."),
        ("Es stand 0:0 n.V., dann siegte Freiburg 5:4 i. E.",
         "Es stand null zu null nach Verlängerung, dann siegte Freiburg fünf zu vier im "
         "Elfmeterschießen."),
        ("Das gilt, d. h. im Prinzip, immer.", "Das gilt, das heißt im Prinzip, immer."),
        ("Es sprachen u. a. Merkel und Macron.", "Es sprachen unter anderem Merkel und Macron."),
        ("Das kostet ca. 100 Euro bzw. mehr.",
         "Das kostet zirka hundert Euro beziehungsweise mehr."),
        ("Äpfel, Birnen usw.", "Äpfel, Birnen und so weiter."),
        ("Äpfel, Birnen etc. sind Obst.", "Äpfel, Birnen et zetera sind Obst."),
        ("Rom wurde 753 v. Chr. gegründet.",
         "Rom wurde siebenhundertdreiundfünfzig vor Christus gegründet."),
        ("Siehe S. 5 und Nr. 7.", "Siehe Seite fünf und Nummer sieben."),
        ("Das steht in Art. 5 Abs. 1 GG.", "Das steht in Artikel fünf Absatz eins Grundgesetz."),
        ("Das ist eine neue Art.", "Das ist eine neue Art."),
        ("Es sagte Peter S. aus Berlin.", "Es sagte Peter S aus Berlin."),
        ("Der sog. Friedensplan scheiterte.", "Der sogenannte Friedensplan scheiterte."),
        ("Sie lehnten einen sog. Kompromiss ab.", "Sie lehnten einen sogenannten Kompromiss ab."),
        ("Es gibt sog. Experten.", "Es gibt sogenannte Experten."),
        ("Die ehem. Kanzlerin schwieg.", "Die ehemalige Kanzlerin schwieg."),
        ("Im 20. Jh. wuchs die Stadt.", "Im zwanzigsten Jahrhundert wuchs die Stadt."),
        ("Er wohnt in Frankfurt a. M.", "Er wohnt in Frankfurt am Main."),
        ("Er traf Otto v. Bismarck.", "Er traf Otto von Bismarck."),
        ("Die Rendite liegt bei 3 % p.a. laut Bank.",
         "Die Rendite liegt bei drei Prozent pro Jahr laut Bank."),
        ("Es brannte in Lk. Rotenburg.", "Es brannte in Landkreis Rotenburg."),
        ("Die Firma Müller GmbH & Co. KG zahlt.", "Die Firma Müller G-M-B-H und Ko K-G zahlt."),
    ],
)  # fmt: skip
def test_abbreviations(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
