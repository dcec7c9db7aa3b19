"""Numbers in newspaper German: cardinals, decimals, ordinals with their case, years, decades."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize
from audio.text.speech.numerals import cardinal, ordinal, year


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        (0, "null"),
        (1, "eins"),
        (17, "siebzehn"),
        (21, "einundzwanzig"),
        (100, "hundert"),
        (101, "einhunderteins"),
        (1000, "tausend"),
        (2100, "zweitausendeinhundert"),
        (100_000, "hunderttausend"),
        (1_000_000, "eine Million"),
        (2_000_003, "zwei Millionen drei"),
        (301_000_000_000, "dreihundertein Milliarden"),
        (-25_037, "minus fünfundzwanzigtausendsiebenunddreißig"),
    ],
)
def test_cardinal_words(number: int, spoken: str) -> None:
    assert cardinal(number) == spoken


@pytest.mark.parametrize(
    ("number", "ending", "spoken"),
    [
        (1, "en", "ersten"),
        (3, "e", "dritte"),
        (7, "er", "siebter"),
        (8, "es", "achtes"),
        (20, "en", "zwanzigsten"),
        (101, "er", "einhunderterster"),
        (1000, "e", "tausendste"),
        (1_000_000, "er", "millionster"),
        (2_000_000, "e", "zweimillionste"),
    ],
)
def test_ordinal_words(number: int, ending: str, spoken: str) -> None:
    assert ordinal(number, ending) == spoken


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        (1990, "neunzehnhundert neunzig"),
        (1905, "neunzehnhundert fünf"),
        (1100, "elfhundert"),
        (2022, "zweitausend zweiundzwanzig"),
        (1066, "eintausendsechsundsechzig"),
    ],
)
def test_year_words(number: int, spoken: str) -> None:
    assert year(number) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Rund 100.000 Soldaten stehen an der Grenze.",
         "Rund hunderttausend Soldaten stehen an der Grenze."),
        ("Die Stadt hat 1.200 Einwohner.", "Die Stadt hat eintausendzweihundert Einwohner."),
        ("Es geht um 20.000.000 Menschen.", "Es geht um zwanzig Millionen Menschen."),
        ("Das Wachstum lag bei 5,3 Punkten.",
         "Das Wachstum lag bei fünf Komma drei Punkten."),
        ("Die Quote sank auf 0,25.", "Die Quote sank auf null Komma zwei fünf."),
        ("Nachts fielen die Werte auf -12.", "Nachts fielen die Werte auf minus zwölf."),
        ("Der Index stieg von 10 auf 12.", "Der Index stieg von zehn auf zwölf."),
        ("Es kamen 5 Mio. Besucher.", "Es kamen fünf Millionen Besucher."),
        ("Das Land hat 1 Mio. Einwohner.", "Das Land hat eine Million Einwohner."),
        ("Die Schulden betragen 2,5 Billionen.",
         "Die Schulden betragen zwei Komma fünf Billionen."),
        ("Der 21-Jährige wurde festgenommen.", "Der Einundzwanzigjährige wurde festgenommen."),
        ("Eine 3-fache Mehrheit ist nötig.", "Eine dreifache Mehrheit ist nötig."),
        ("Die 18-jährige Schülerin gewann.", "Die achtzehnjährige Schülerin gewann."),
        ("Er nimmt das Mittel 3x täglich.", "Er nimmt das Mittel dreimal täglich."),
        ("Sie wohnt in der Hauptstraße 12a.", "Sie wohnt in der Hauptstraße zwölf a."),
        ("Nach 1 Jahr kam er zurück.", "Nach einem Jahr kam er zurück."),
        ("Er blieb für 1 Woche.", "Er blieb für eine Woche."),
        ("Es sprach 1 Frau.", "Es sprach eine Frau."),
        ("Die Covid-19-Pandemie dauerte.", "Die Covid neunzehn-Pandemie dauerte."),
        ("Die 2D-Grafik war alt.", "Die zwei D-Grafik war alt."),
        ("Version 3.1 ist erschienen.", "Version drei Punkt eins ist erschienen."),
        ("Der Geheimcode lautet 007.", "Der Geheimcode lautet null null sieben."),
        ("Es waren 9 bis 10 Tonnen Stahl.", "Es waren neun bis zehn Tonnen Stahl."),
        ("Zwischen 2019-2021 wuchs die Zahl.",
         "Zwischen zweitausend neunzehn bis zweitausend einundzwanzig wuchs die Zahl."),
    ],
)  # fmt: skip
def test_cardinals_in_text(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Im 20. Jahrhundert gab es zwei Weltkriege.",
         "Im zwanzigsten Jahrhundert gab es zwei Weltkriege."),
        ("Der 3. Platz ging an Norwegen.", "Der dritte Platz ging an Norwegen."),
        ("Sie belegte den 3. Platz.", "Sie belegte den dritten Platz."),
        ("Er kam zum 2. Mal.", "Er kam zum zweiten Mal."),
        ("In der 3. Runde fiel die Entscheidung.",
         "In der dritten Runde fiel die Entscheidung."),
        ("Am Ende der 2. Halbzeit fiel ein Tor.",
         "Am Ende der zweiten Halbzeit fiel ein Tor."),
        ("Heute beginnt der 3. Tag der Verhandlungen.",
         "Heute beginnt der dritte Tag der Verhandlungen."),
        ("Die 2. Liga startet.", "Die zweite Liga startet."),
        ("Das 5. Sanktionspaket liegt vor.", "Das fünfte Sanktionspaket liegt vor."),
        ("Sie feiert ihren 100. Geburtstag.", "Sie feiert ihren hundertsten Geburtstag."),
        ("100. Geburtstag", "hundertster Geburtstag"),
        ("2. Liga", "zweite Liga"),
        ("Er gewann zum 1. und 2. Mal.", "Er gewann zum ersten und zweiten Mal."),
        ("Die 3. und 4. Klasse fahren mit.", "Die dritte und vierte Klasse fahren mit."),
        ("Er wurde 2. und jubelte.", "Er wurde zweiter und jubelte."),
        ("Es war seinem 3. Buch zu verdanken.", "Es war seinem dritten Buch zu verdanken."),
        ("Ein 2. Referendum ist möglich.", "Ein zweites Referendum ist möglich."),
        ("Das geschah im Jahr 2021. Danach nicht mehr.",
         "Das geschah im Jahr zweitausend einundzwanzig. Danach nicht mehr."),
        ("Es ist der 3.", "Es ist der dritte."),
        ("Er wurde 3ter.", "Er wurde dritter."),
        ("2.", "zweiter"),
    ],
)  # fmt: skip
def test_ordinals_agree_with_their_context(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("1990 fiel die Mauer.", "neunzehnhundert neunzig fiel die Mauer."),
        ("Er lebte von 1643 bis 1715.",
         "Er lebte von sechzehnhundert dreiundvierzig bis siebzehnhundert fünfzehn."),
        ("In den 1990er-Jahren wuchs die Stadt.",
         "In den neunzehnhundertneunziger Jahren wuchs die Stadt."),
        ("Die 90er Jahre waren wild.", "Die neunziger Jahre waren wild."),
        ("Die 68er protestierten.", "Die achtundsechziger protestierten."),
        ("In der Saison 2021/22 stieg der Verein ab.",
         "In der Saison zweitausend einundzwanzig zweiundzwanzig stieg der Verein ab."),
        ("Goethe (* 1749) schrieb.", "Goethe, geboren siebzehnhundert neunundvierzig, schrieb."),
        ("Das Gesetz von 2005 gilt noch.", "Das Gesetz von zweitausend fünf gilt noch."),
    ],
)  # fmt: skip
def test_years_and_decades(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # A year gets a word break where the voice dips...
        ("Seit 2024 wartet die Stadt.", "Seit zweitausend vierundzwanzig wartet die Stadt."),
        ("Die Mauer fiel 1989.", "Die Mauer fiel neunzehnhundert neunundachtzig."),
        ("Im Jahr 2000 nicht.", "Im Jahr zweitausend nicht."),
        # ...an amount and a number that a word continues stay one word.
        ("Es kamen 18.500 Zuschauer.", "Es kamen achtzehntausendfünfhundert Zuschauer."),
        ("Es kostet 2.750 Euro.", "Es kostet zweitausendsiebenhundertfünfzig Euro."),
        ("Der 2024. Tag.", "Der zweitausendvierundzwanzigste Tag."),
        ("Die 2010er-Jahre.", "Die zweitausendzehner Jahre."),
        ("Die 1990er-Jahre.", "Die neunzehnhundertneunziger Jahre."),
    ],
)
def test_a_year_gets_a_word_break_an_amount_none(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
