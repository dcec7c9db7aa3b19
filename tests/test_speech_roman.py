"""Rule family `roman`: regnal numbers in the case the sentence gives the name, ordinals after an
article, counting numerals as cardinals."""

from __future__ import annotations

import pytest

from audio.text.speech import normalize_lines


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Papst Benedikt XVI. trat 2013 zurück.",
         "Papst Benedikt der Sechzehnte trat zweitausend dreizehn zurück."),
        ("Das Gespräch mit Papst Benedikt XVI. dauerte.",
         "Das Gespräch mit Papst Benedikt dem Sechzehnten dauerte."),
        ("Er kämpfte für Wilhelm II. an der Front.",
         "Er kämpfte für Wilhelm den Zweiten an der Front."),
        ("Königin Elizabeth II. starb 2022.",
         "Königin Elizabeth die Zweite starb zweitausend zweiundzwanzig."),
        ("Unter Ludwig XIV. wuchs Versailles.", "Unter Ludwig dem Vierzehnten wuchs Versailles."),
        ("Karl V. dankte ab.", "Karl der Fünfte dankte ab."),
        # The verb before the name: a dative or an accusative object.
        ("Die Menge dankte Papst Benedikt XVI. für den Besuch.",
         "Die Menge dankte Papst Benedikt dem Sechzehnten für den Besuch."),
        ("Das Denkmal zeigt Kaiser Wilhelm I. zu Pferd.",
         "Das Denkmal zeigt Kaiser Wilhelm den Ersten zu Pferd."),
        ("Am Samstag wird König Charles III. ausgerufen.",
         "Am Samstag wird König Charles der Dritte ausgerufen."),
        # An inflected article or possessive before the titles, adjectives skipped.
        ("Das war der Tod ihres Vaters König George VI. im Winter.",
         "Das war der Tod ihres Vaters König George des Sechsten im Winter."),
        ("Er kam als Enkel des amtierenden Kaisers Wilhelm II. zur Feier.",
         "Er kam als Enkel des amtierenden Kaisers Wilhelm des Zweiten zur Feier."),
        ("Er ist der Sohn der verstorbenen Queen Elizabeth II. und König.",
         "Er ist der Sohn der verstorbenen Queen Elizabeth der Zweiten und König."),
        ("Unter seinem Sohn Wilhelm II. ging das Reich unter.",
         "Unter seinem Sohn Wilhelm dem Zweiten ging das Reich unter."),
        ("Er trat die Nachfolge seiner Mutter Elizabeth II. an.",
         "Er trat die Nachfolge seiner Mutter Elizabeth der Zweiten an."),
        ("Der Rücktritt Benedikts XVI. wird wirksam.",
         "Der Rücktritt Benedikts des Sechzehnten wird wirksam."),
        ("Ein Buch über Kaiser Friedrich III. erschien.",
         "Ein Buch über Kaiser Friedrich den Dritten erschien."),
        # Without the dot after a monarch's name or title.
        ("Die Feier galt Queen Elizabeth II in London.",
         "Die Feier galt Queen Elizabeth der Zweiten in London."),
        ("Die Menschen bejubelten King Charles III bei der Krönung.",
         "Die Menschen bejubelten King Charles den Dritten bei der Krönung."),
        # After an article the numeral is an ordinal.
        ("Er wurde als Wilhelm der II. letzter Kaiser.",
         "Er wurde als Wilhelm der Zweite letzter Kaiser."),
        ("Die Parade des VII. Armeecorps zog vorbei.",
         "Die Parade des siebten Armeecorps zog vorbei."),
        ("Im I. Weltkrieg kämpfte er.", "Im ersten Weltkrieg kämpfte er."),
        # Counting numerals.
        ("George W. Bush regierte.", "George W Bush regierte."),
        ("Teil II erscheint im Mai.", "Teil zwei erscheint im Mai."),
        ("Das Rentenpaket II ist ein Gesetz.", "Das Rentenpaket zwei ist ein Gesetz."),
        ("Hartz IV wurde abgeschafft.", "Hartz vier wurde abgeschafft."),
        ("Das Arbeitslosengeld II steigt.", "Das Arbeitslosengeld zwei steigt."),
        ("Es spielt Teltow 1913 II.", "Es spielt Teltow neunzehnhundert dreizehn zwei."),
        ("Er nimmt Vitamin C.", "Er nimmt Vitamin C."),
    ],
)  # fmt: skip
def test_roman_numerals(written: str, spoken: str) -> None:
    assert normalize_lines(written) == spoken
