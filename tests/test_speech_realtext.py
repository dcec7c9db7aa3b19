"""The real-text set's development part (bench/realtext/dev.tsv) as a regression test, and the
bench's rule for "read right". The held-out part is not read here: it is the figure reported."""

from __future__ import annotations

import pytest

from bench.realtext import Case, load, read_right, says

DEV = load("dev")
# Known misreadings, each with the reason it is left (docs/normalization.md, Known limits).
KNOWN = {
    "Die Ausgabe erscheint im Zeitraum 1.-10. März.": "an apposition after a noun is nominative",
    "Die Kammer verhandelt das Verfahren 4 KLs 10/20 im Saal.": "a court register mark",
}


@pytest.mark.parametrize(
    ("heard", "expected", "said"),
    [
        ("Im Januar zweitausend zweiundzwanzig.", "zweitausendzweiundzwanzig", True),
        ("Die U-S-A und die E-U.", "USA und die EU", True),
        ("Er kam um siebzehn Uhr.", "zehn Uhr", False),
        ("Er kam um siebzehn Uhr.", "siebzehn Uhr", True),
        ("Berlin, Die Regierung tagt.", "Berlin Die Regierung", True),
        ("Stand: neun Uhr", "Stand neun Uhr vierzehn", False),
    ],
)  # fmt: skip
def test_a_spoken_form_is_matched_word_for_word(heard: str, expected: str, said: bool) -> None:
    assert says(heard, expected) is said


def test_the_parts_hold_what_the_docs_say() -> None:
    held_out = load("heldout")
    assert len(DEV) >= 242 and len(held_out) >= 100
    assert not {case.written for case in DEV} & {case.written for case in held_out}
    assert all(case.source.startswith(("http", "issue-16")) for case in DEV + held_out)


@pytest.mark.parametrize("case", DEV, ids=[f"{i:03}-{c.kind}" for i, c in enumerate(DEV)])
def test_each_development_case_is_read_right(case: Case) -> None:
    if case.written in KNOWN:
        pytest.xfail(KNOWN[case.written])
    right, heard = read_right(case)
    assert right, f"said {heard!r}, expected {' | '.join(case.spoken)!r}"
