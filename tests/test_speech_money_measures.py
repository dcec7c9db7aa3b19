"""Money, measures, percent and fractions."""

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
    ],
)  # fmt: skip
def test_money(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Der Wagen fuhr 200 km/h.", "Der Wagen fuhr zweihundert Kilometer pro Stunde."),
        ("Nachts wurden es -5 °C.", "Nachts wurden es minus fünf Grad Celsius."),
        ("Es war 20° warm.", "Es war zwanzig Grad warm."),
        ("Die Strecke ist 1 km lang.", "Die Strecke ist ein Kilometer lang."),
        ("Die Strecke ist 1,5 km lang.", "Die Strecke ist eins Komma fünf Kilometer lang."),
        ("Der Flug dauert 1 h.", "Der Flug dauert eine Stunde."),
        ("Die Fahrt dauerte 3 Std.", "Die Fahrt dauerte drei Stunden."),
        ("Nach 10 Min. war alles vorbei.", "Nach zehn Minuten war alles vorbei."),
        ("Das Paket wiegt 2 kg.", "Das Paket wiegt zwei Kilogramm."),
        ("Es wurden 40 t Getreide geliefert.", "Es wurden vierzig Tonnen Getreide geliefert."),
        ("Die Wohnung hat 80 m².", "Die Wohnung hat achtzig Quadratmeter."),
        ("Das Land umfasst 65.000 km².",
         "Das Land umfasst fünfundsechzigtausend Quadratkilometer."),
        ("Dort leben 56,3 Einwohner/km².",
         "Dort leben sechsundfünfzig Komma drei Einwohner pro Quadratkilometer."),
        ("Der Tank fasst 50 l.", "Der Tank fasst fünfzig Liter."),
        ("Das Werk liefert 2 GW.", "Das Werk liefert zwei Gigawatt."),
        ("Ein Haushalt braucht 3.500 kWh im Jahr.",
         "Ein Haushalt braucht dreitausendfünfhundert Kilowattstunden im Jahr."),
        ("Ein Haushalt braucht 3500 kwh.",
         "Ein Haushalt braucht dreitausendfünfhundert Kilowattstunden."),
        ("Der Raum misst 25 x 7 m.", "Der Raum misst fünfundzwanzig mal sieben Meter."),
        ("Das 5G-Netz wächst.", "Das fünf G-Netz wächst."),
        ("Die Inflation lag bei 5,3 %.", "Die Inflation lag bei fünf Komma drei Prozent."),
        ("Die Inflation lag bei 5,3%.", "Die Inflation lag bei fünf Komma drei Prozent."),
        ("Die Partei kam auf 25,7 Prozent.",
         "Die Partei kam auf fünfundzwanzig Komma sieben Prozent."),
        ("Nur 1 % stimmte dagegen.", "Nur ein Prozent stimmte dagegen."),
        ("Die Zinsen stiegen um 10 bis 20 %.", "Die Zinsen stiegen um zehn bis zwanzig Prozent."),
        ("Er hatte 1,1 ‰ im Blut.", "Er hatte eins Komma eins Promille im Blut."),
        ("Die Partei scheiterte an der 5-%-Hürde.",
         "Die Partei scheiterte an der fünf Prozent-Hürde."),
    ],
)  # fmt: skip
def test_measures(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Ein Drittel, also 1/3, war dagegen.", "Ein Drittel, also ein Drittel, war dagegen."),
        ("Zwei Drittel, 2/3 der Abgeordneten, stimmten zu.",
         "Zwei Drittel, zwei Drittel der Abgeordneten, stimmten zu."),
        ("Das Spiel dauert 1 1/2 Stunden.", "Das Spiel dauert eineinhalb Stunden."),
        ("Es fehlen 2½ Prozentpunkte.", "Es fehlen zweieinhalb Prozentpunkte."),
        ("Nötig ist eine 3/4-Mehrheit.", "Nötig ist eine drei Viertel-Mehrheit."),
        ("Nur 1/100 der Proben war belastet.", "Nur ein Hundertstel der Proben war belastet."),
        ("Die Hotline ist 24/7 erreichbar.", "Die Hotline ist vierundzwanzig sieben erreichbar."),
    ],
)  # fmt: skip
def test_fractions(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
