"""The bench's comparison rules (bench/scoring.py): what counts as the same word."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scoring import normalize, number_word, score


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("eins", 1),
        ("zwölf", 12),
        ("siebzehn", 17),
        ("dreissig", 30),
        ("einundzwanzig", 21),
        ("hundert", 100),
        ("einhundertundeins", 101),
        ("dreihundertfünfzig", 350),
        ("tausend", 1000),
        ("zehntausend", 10000),
        ("hunderttausend", 100000),
        ("fünfundzwanzigtausend", 25000),
        ("zweitausendzweiundzwanzig", 2022),
        ("neunzehnhundertneunundneunzig", 1999),
        ("erste", 1),
        ("dritten", 3),
        ("siebten", 7),
        ("achten", 8),
        ("elfte", 11),
        ("einundzwanzigsten", 21),
        ("hundertste", 100),
        ("ein", None),
        ("eine", None),
        ("einen", None),
        ("nachten", None),
        ("hunderte", None),
        ("tausende", None),
        ("alte", None),
    ],
)
def test_number_words(word: str, value: int | None) -> None:
    assert number_word(word) == value


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("100.000 Soldaten", "hunderttausend Soldaten"),
        ("11 400 Punkte", "elftausendvierhundert Punkte"),
        ("am 21. Januar 2022", "am einundzwanzigsten Januar zweitausendzweiundzwanzig"),
        ("19:00 Uhr", "neunzehn Uhr"),
        ("um 7:45 Uhr", "um sieben Uhr fünfundvierzig"),
        ("3,5 %", "drei Komma fünf Prozent"),
        ("2 Mrd. €", "zwei Milliarden Euro"),
        ("z. B. die EU", "zum Beispiel die E.U."),
        ("die EU und der DGB", "die E U und der D G B"),
        ("US-Außenminister", "US Aussenminister"),
        ("\u201eGeht\u2019s noch?\u201c", "geht's noch"),
        ("2020\u20132022", "2020 bis 2022"),
    ],
)
def test_written_and_spoken_forms_compare_equal(written: str, spoken: str) -> None:
    assert normalize(written) == normalize(spoken)


def test_different_words_stay_different() -> None:
    assert normalize("Russland und die Nato") != normalize("Hussand und die Ator")
    assert normalize("ein Gespräch") == "ein gespräch"


REFERENCE = "Der Bundestag berät den Haushalt. Die Opposition ist dagegen."
BYLINE = "Von Jonas Albrecht\n19. August 2025, 10:05 Uhr"


def test_the_byline_counts_wherever_it_is_said() -> None:
    said_first = (
        "Ein Kommentar von Jonas Albrecht vom neunzehnten August zweitausendfünfundzwanzig. "
        "Der Bundestag berät den Haushalt. Die Opposition ist dagegen."
    )
    # 9 words of text, 9 of byline and dateline; all but the time of day ("10 uhr 5") said.
    got = score(REFERENCE, said_first, BYLINE)
    assert (got.words, got.hits, got.deletions, got.insertions) == (18, 15, 3, 3)
    # In strict order the same reading loses the byline it said before the text.
    assert score(f"{REFERENCE}\n{BYLINE}", said_first).hits == 9


def test_a_byline_word_is_found_only_once_and_only_among_unmatched_words() -> None:
    said = "Der Bundestag berät den Haushalt. Die Opposition ist dagegen. Von Albrecht."
    got = score(REFERENCE, said, "Von Jonas Albrecht\nVon Jonas Albrecht")
    assert (got.words, got.hits) == (15, 11)
    assert score(REFERENCE, "Der Bundestag berät den Haushalt.", "Die Opposition").hits == 5


def test_the_reference_takes_byline_and_dateline_apart() -> None:
    from bench.intelligibility import Reference

    raw = (
        "Der Teaser.\n\nAvatar_meinung von Gerd Hansen\n\n30. Mai 2024, 20:45 Uhr\n\n"
        "Von der Leyen sagt nichts dazu.\n"
    )
    reference = Reference.of(raw)
    assert reference.anywhere.split() == [
        "von",
        "Gerd",
        "Hansen",
        "30.",
        "Mai",
        "2024,",
        "20:45",
        "Uhr",
    ]
    assert "Avatar" not in reference.ordered and "Von der Leyen sagt" in reference.ordered
    assert reference.words == 2 + 3 + 6 + 6
