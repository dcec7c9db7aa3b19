"""Real-text speech bench (issue 16): how many expressions from real newspaper text are read right.

`bench/realtext/dev.tsv` (developed on) and `bench/realtext/heldout.tsv` (kept aside until the
end) hold one case a line: a rule class, a sentence of our own around a real expression, the
spoken form of that expression, and the page it came from. A case is read right when one of its
spoken forms (alternatives separated by " | ") appears in what `normalize_lines` makes of the
sentence, compared word for word: case, punctuation and the spaces and hyphens inside and between
words do not count ("zweitausend zweiundzwanzig" = "zweitausendzweiundzwanzig", "U-S" = "US"),
but the match must start and end at word boundaries ("zehn Uhr" is not in "siebzehn Uhr").

    python -m bench.realtext                 # the development part, the failures listed
    python -m bench.realtext heldout         # the held-out part
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `audio` importable from the checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from audio.text.speech import normalize_lines

FOLDER = Path(__file__).resolve().parent / "realtext"
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Case:
    kind: str
    written: str
    spoken: tuple[str, ...]
    source: str


def load(part: str) -> list[Case]:
    with (FOLDER / f"{part}.tsv").open(encoding="utf-8", newline="") as table:
        rows = csv.DictReader(table, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Case(row["class"], row["written"], tuple(row["spoken"].split(" | ")), row["source"])
            for row in rows
        ]


def _joined(text: str) -> tuple[str, set[int]]:
    """The words of `text` in lower case, run together, and the offsets where a word starts or
    ends in that string."""
    words = _WORD.findall(text.casefold())
    bounds, offset = {0}, 0
    for word in words:
        offset += len(word)
        bounds.add(offset)
    return "".join(words), bounds


def says(heard: str, expected: str) -> bool:
    """Whether `expected` is said in `heard`, word boundary to word boundary."""
    text, bounds = _joined(heard)
    wanted, _ = _joined(expected)
    start = text.find(wanted)
    while start != -1:
        if start in bounds and start + len(wanted) in bounds:
            return True
        start = text.find(wanted, start + 1)
    return False


def read_right(case: Case) -> tuple[bool, str]:
    heard = normalize_lines(case.written)
    return any(says(heard, spoken) for spoken in case.spoken), heard


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.realtext", description=__doc__)
    parser.add_argument("part", nargs="?", default="dev", choices=["dev", "heldout"])
    parser.add_argument("--quiet", action="store_true", help="only the figures, no failures")
    args = parser.parse_args(argv)
    cases = load(args.part)
    right, total = Counter(), Counter()
    for case in cases:
        ok, heard = read_right(case)
        total[case.kind] += 1
        right[case.kind] += ok
        if not ok and not args.quiet:
            print(
                f"[{case.kind}] {case.written}\n    said:     {heard}\n    expected: "
                f"{' | '.join(case.spoken)}"
            )
    print(f"\n{'class':<14}{'right':>6}{'cases':>6}")
    for kind in sorted(total):
        print(f"{kind:<14}{right[kind]:>6}{total[kind]:>6}")
    share = sum(right.values()) / len(cases)
    print(f"{args.part}: {sum(right.values())} of {len(cases)} read right ({share:.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
