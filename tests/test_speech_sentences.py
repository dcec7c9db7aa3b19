"""split_sentences: real sentence ends only."""

from __future__ import annotations

import pytest

from audio.text.speech import split_sentences


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        ("Das ist z. B. gut. Dann kam Dr. Müller. Er sprach.",
         ["Das ist z. B. gut.", "Dann kam Dr. Müller.", "Er sprach."]),
        ("Das ist z.B. gut. Danach nicht.", ["Das ist z.B. gut.", "Danach nicht."]),
        ("Es sprachen u. a. Merkel und Macron.", ["Es sprachen u. a. Merkel und Macron."]),
        ("Am 21. Januar kam er. Im 20. Jahrhundert nicht.",
         ["Am 21. Januar kam er.", "Im 20. Jahrhundert nicht."]),
        ("Das geschah im Jahr 2021. Danach nicht.",
         ["Das geschah im Jahr 2021.", "Danach nicht."]),
        ("Die Zahl stieg auf 12. Danach wurde es ruhig.",
         ["Die Zahl stieg auf 12.", "Danach wurde es ruhig."]),
        ("Es ist die 2. Liga. Sie spielt.", ["Es ist die 2. Liga.", "Sie spielt."]),
        ("John F. Kennedy starb. George W. Bush folgte.",
         ["John F. Kennedy starb.", "George W. Bush folgte."]),
        ("Papst Benedikt XVI. trat zurück. Das überraschte.",
         ["Papst Benedikt XVI. trat zurück.", "Das überraschte."]),
        ("Man krönt Charles III. Seit 1953 gab es das nicht.",
         ["Man krönt Charles III.", "Seit 1953 gab es das nicht."]),
        ("Es regierte Ludwig XIV. Er starb 1715.", ["Es regierte Ludwig XIV.", "Er starb 1715."]),
        ("Es war am 24.12. Abends kam er.", ["Es war am 24.12. Abends kam er."]),
        ("Er starb am 24. Jul. 2013. Sie blieb.", ["Er starb am 24. Jul. 2013.", "Sie blieb."]),
        ("Es war im Jan. 2009 so.", ["Es war im Jan. 2009 so."]),
        ("Tor: 55. Nielsen", ["Tor: 55. Nielsen"]),
        ("Er kam mit 45 Min. Verspätung an.", ["Er kam mit 45 Min. Verspätung an."]),
        ("Im I. Weltkrieg und des VII. Korps.", ["Im I. Weltkrieg und des VII. Korps."]),
        ("Er sagte: „Wir kommen.“ Dann ging er.", ["Er sagte: „Wir kommen.“", "Dann ging er."]),
        ("Er fragte: „Warum?“ und ging.", ["Er fragte: „Warum?“ und ging."]),
        ("Wer? Ich! Und dann… Nichts.", ["Wer?", "Ich!", "Und dann…", "Nichts."]),
        ("Es gab Äpfel, Birnen usw. Die Kinder aßen.",
         ["Es gab Äpfel, Birnen usw.", "Die Kinder aßen."]),
        ("Das steht in Art. 5 GG. Das wissen alle.",
         ["Das steht in Art. 5 GG.", "Das wissen alle."]),
        ("Das ist eine neue Art. Sie wirkt.", ["Das ist eine neue Art.", "Sie wirkt."]),
        ("Eine Revolution im Nahverkehr. 49 Euro im Monat.",
         ["Eine Revolution im Nahverkehr.", "49 Euro im Monat."]),
        ("Er kam um 19 Uhr. 20 Minuten später ging er.",
         ["Er kam um 19 Uhr.", "20 Minuten später ging er."]),
        ("Wirklich? 49 Euro!", ["Wirklich?", "49 Euro!"]),
        ("Er sagte: „Nein.“ 20 Leute gingen.", ["Er sagte: „Nein.“", "20 Leute gingen."]),
        ("Es kamen bis 3. 500 Menschen warteten.", ["Es kamen bis 3. 500 Menschen warteten."]),
        ("Nach Art. 22 DSGVO und S. 12 gilt das.", ["Nach Art. 22 DSGVO und S. 12 gilt das."]),
        ("Es kostet ca. 3 Mio. Euro, Nr. 5 nicht.", ["Es kostet ca. 3 Mio. Euro, Nr. 5 nicht."]),
        ("  Eine   Zeile\nmit Umbruch.  ", ["Eine Zeile mit Umbruch."]),
        ("", []),
    ],
)  # fmt: skip
def test_split_sentences(paragraph: str, sentences: list[str]) -> None:
    assert split_sentences(paragraph) == sentences


def test_a_scale_or_company_abbreviation_before_a_noun_ends_no_sentence() -> None:
    assert split_sentences("Der Bund gibt 5 Mio. Euro. Die Müller GmbH & Co. KG zahlt.") == [
        "Der Bund gibt 5 Mio. Euro.",
        "Die Müller GmbH & Co. KG zahlt.",
    ]
