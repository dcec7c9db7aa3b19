"""Abbreviations, acronyms, regnal numbers, web addresses, symbols and pauses."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize
from audio.text.speech.abbreviations import ABBREVIATIONS, ADJECTIVES, BEFORE_NUMBERS
from audio.text.speech.acronyms import SPELLED, SPOKEN


def test_abbreviation_table_covers_a_newspaper() -> None:
    assert len(ABBREVIATIONS) + len(BEFORE_NUMBERS) + len(ADJECTIVES) >= 150


def test_acronym_tables_do_not_contradict_each_other() -> None:
    assert not SPELLED & SPOKEN.keys()


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Das gilt z. B. für Kinder.", "Das gilt zum Beispiel für Kinder."),
        ("Das gilt z.B. für Kinder.", "Das gilt zum Beispiel für Kinder."),
        ("Z. B. Kinder zahlen nichts.", "Zum Beispiel Kinder zahlen nichts."),
        ("Es kamen Dr. Müller und Prof. Schmidt.",
         "Es kamen Doktor Müller und Professor Schmidt."),
        ("Er ist Bürgermeister a. D.", "Er ist Bürgermeister außer Dienst."),
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
        ("Die Firma Müller GmbH & Co. KG zahlt.", "Die Firma Müller G-M-B-H und Ko K-G zahlt."),
    ],
)  # fmt: skip
def test_abbreviations(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


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
    ],
)  # fmt: skip
def test_acronyms(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Sie bemühten sich - mit mäßigem Erfolg.", "Sie bemühten sich, mit mäßigem Erfolg."),
        ("Ein Gespräch jagt das andere – und doch nichts.",
         "Ein Gespräch jagt das andere, und doch nichts."),
        ("„Wir kommen“, sagte er.", "Wir kommen, sagte er."),
        ("Er sagte: „Wir kommen.“", "Er sagte: Wir kommen."),
        ("Der Plan (ein Entwurf) liegt vor.", "Der Plan, ein Entwurf, liegt vor."),
        ("Er zögerte … und ging.", "Er zögerte, und ging."),
        ("Und dann...", "Und dann."),
        ("Vor- und Nachteile wurden abgewogen.", "Vor und Nachteile wurden abgewogen."),
        ("Die Strecke Berlin–Hamburg ist frei.", "Die Strecke Berlin Hamburg ist frei."),
        ("John F. Kennedy starb 1963.", "John F Kennedy starb neunzehnhundert dreiundsechzig."),
        ("Bürger*innen und Politiker:innen diskutierten.",
         "Bürgerinnen und Politikerinnen diskutierten."),
        ("Die LehrerInnen streiken.", "Die Lehrerinnen streiken."),
        ("Eltern & Kinder zahlen nach § 5.", "Eltern und Kinder zahlen nach Paragraf fünf."),
        ("Nach § 219a StGB ist das strafbar.",
         "Nach Paragraf zweihundertneunzehn a Strafgesetzbuch ist das strafbar."),
        ("Es geht um Ja/Nein.", "Es geht um Ja Nein."),
        ("Der Preis stieg um ~10 Euro.", "Der Preis stieg um zirka zehn Euro."),
        ("Das   ist\tzu viel  Platz.", "Das ist zu viel Platz."),
    ],
)  # fmt: skip
def test_symbols_and_pauses(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
