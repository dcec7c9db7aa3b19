"""Rule family `measures`: units and percent after an amount."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize


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
        ("Der Bezirk umfasst 26,25 qkm.",
         "Der Bezirk umfasst sechsundzwanzig Komma zwei fünf Quadratkilometer."),
        ("Dort leben 56,3 Einwohner/km².",
         "Dort leben sechsundfünfzig Komma drei Einwohner pro Quadratkilometer."),
        ("Der Tank fasst 50 l.", "Der Tank fasst fünfzig Liter."),
        ("Das Werk liefert 2 GW.", "Das Werk liefert zwei Gigawatt."),
        ("Er hat 16 GByte und 1 TByte.", "Er hat sechzehn Gigabyte und ein Terabyte."),
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
         "Die Partei scheiterte an der fünf-Prozent-Hürde."),
        # A measure inside a compound, and how often.
        ("Er gewann den 100-m-Lauf.", "Er gewann den hundert-Meter-Lauf."),
        ("In der 30-km/h-Zone wird geblitzt.",
         "In der dreißig-Kilometer-pro-Stunde-Zone wird geblitzt."),
        ("Er nimmt 2 x täglich 500 mg.", "Er nimmt zweimal täglich fünfhundert Milligramm."),
    ],
)  # fmt: skip
def test_measures(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
