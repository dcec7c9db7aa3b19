"""The order of the rule families (audio/text/speech/__init__.py RULES), and why.

Each row names a family, the later family it must run before, and a sentence that shows it:
read in the order of RULES the sentence comes out as expected; with the family moved to just
after that later one it does not. A reordering that breaks a reason fails here, and a family
added without a reason fails `test_every_family_has_its_reason`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from audio.text.speech import (
    RULES,
    abbreviations,
    acronyms,
    agencies,
    captions,
    cardinals,
    codes,
    dates,
    fractions,
    measures,
    minutes,
    money,
    ordinals,
    pauses,
    places,
    ranges,
    roman,
    symbols,
    times,
    web,
    weekdays,
    years,
)
from audio.text.speech.clean import unify

Rule = Callable[[str], str]

# family, the later family it must precede, why, a sentence that shows it, its spoken form
ORDER: list[tuple[Rule, Rule, str, str, str]] = [
    (agencies.read_agencies, symbols.read_symbols,
     'a tag is known by its slash before "/" becomes a space',
     "Kiel (dpa/lno) - Der Landtag tagt.", "Kiel, Der Landtag tagt."),
    (places.read_places, symbols.read_symbols,
     'a place is known by its slash before "/" becomes a space',
     "Er wohnt in Frankfurt/Main.", "Er wohnt in Frankfurt am Main."),
    (captions.read_captions, abbreviations.read_abbreviations,
     '"v. r." is a caption\'s "von rechts" before "v." becomes "von" alone',
     "Müller (3. v. r.) dankte.", "Müller, dritter von rechts, dankte."),
    (web.read_web, ranges.read_ranges,
     "a telephone number's hyphen is no range",
     "Anrufe unter +49 30 1234-567.",
     "Anrufe unter plus neunundvierzig drei null eins zwei drei vier fünf sechs sieben."),
    (codes.read_codes, cardinals.read_cardinals,
     "an emergency number is read digit by digit before it is read as an amount",
     "Rufen Sie die 112 an.", "Rufen Sie die eins eins zwei an."),
    (weekdays.read_weekdays, times.read_times,
     '"Do." is a weekday by the digits of the time after it',
     "Geöffnet Do. 14:30 Uhr.", "Geöffnet Donnerstag vierzehn Uhr dreißig."),
    (ranges.read_ranges, times.read_times,
     '"9–17 Uhr" is a range whose second number the times read',
     "Die Läden öffnen von 9–17 Uhr.", "Die Läden öffnen von neun bis siebzehn Uhr."),
    (minutes.read_minutes, cardinals.read_cardinals,
     "a bracketed minute is read before its number is an amount",
     "Das Tor schoss Müller (50.).", "Das Tor schoss Müller, in der fünfzigsten Minute."),
    (times.read_times, dates.read_dates,
     '"08.12 Uhr" is a time, not the eighth of December',
     "Um 08.12 Uhr kam er.", "Um acht Uhr zwölf kam er."),
    (dates.read_dates, ordinals.read_ordinals,
     "a day after a weekday takes the case of what governs the weekday",
     "Am Donnerstag, 18. Februar, tagt er.", "Am Donnerstag, achtzehnten Februar, tagt er."),
    (money.read_money, cardinals.read_cardinals,
     "an amount with two decimals is euros and cents",
     "Das Brot kostet 3,50 €.", "Das Brot kostet drei Euro fünfzig Cent."),
    (measures.read_measures, abbreviations.read_abbreviations,
     '"3 Std." is a unit in the plural before "Std." becomes "Stunde"',
     "Die Fahrt dauerte 3 Std.", "Die Fahrt dauerte drei Stunden."),
    (fractions.read_fractions, cardinals.read_cardinals,
     '"1/3" is a fraction before its numbers are amounts',
     "Es war 1/3 der Stimmen.", "Es war ein Drittel der Stimmen."),
    (abbreviations.read_abbreviations, pauses.to_pauses,
     'the dots of "Z. B." are read before the dot after an initial is dropped',
     "Z. B. Kinder zahlen nichts.", "Zum Beispiel Kinder zahlen nichts."),
    (ordinals.read_ordinals, years.read_years,
     '"der 2024. Tag" is an ordinal, not a year',
     "Der 2024. Tag.", "Der zweitausendvierundzwanzigste Tag."),
    (roman.read_roman, acronyms.read_acronyms,
     '"XVI." is a regnal number before capitals are spelled',
     "Papst Benedikt XVI. trat zurück.", "Papst Benedikt der Sechzehnte trat zurück."),
    (years.read_years, cardinals.read_cardinals,
     "a year is read as a year before as an amount",
     "1990 fiel die Mauer.", "neunzehnhundert neunzig fiel die Mauer."),
    (acronyms.read_acronyms, cardinals.read_cardinals,
     '"NATO" must be a word before "1" can agree with the noun after it',
     "Nur 1 NATO-Staat stimmte dagegen.", "Nur ein Nato-Staat stimmte dagegen."),
    (cardinals.read_cardinals, symbols.read_symbols,
     'a plus between digits is "plus" only after they are words',
     "Es gilt 3+4.", "Es gilt drei plus vier."),
    (symbols.read_symbols, pauses.to_pauses,
     "the signs become words and commas that only the pauses' tidying sets right",
     "Stadt | Land & Fluss.", "Stadt, Land und Fluss."),
]  # fmt: skip


def _read(rules: Sequence[Rule], written: str) -> str:
    text = unify(written)
    for rule in rules:
        text = rule(text)
    return text


def _moved_after(rule: Rule, later: Rule) -> list[Rule]:
    rules = [r for r in RULES if r is not rule]
    rules.insert(rules.index(later) + 1, rule)
    return rules


def test_the_families_run_in_this_order() -> None:
    assert [rule for rule, *_ in ORDER] + [pauses.to_pauses] == list(RULES)


def test_every_family_has_its_reason() -> None:
    for rule, later, reason, *_ in ORDER:
        assert reason and list(RULES).index(rule) < list(RULES).index(later)


@pytest.mark.parametrize(
    ("rule", "later", "reason", "written", "spoken"),
    ORDER,
    ids=[rule.__module__.rsplit(".", 1)[1] for rule, *_ in ORDER],
)
def test_each_family_runs_before_the_one_it_must_precede(
    rule: Rule, later: Rule, reason: str, written: str, spoken: str
) -> None:
    assert _read(RULES, written) == spoken
    assert _read(_moved_after(rule, later), written) != spoken, reason
