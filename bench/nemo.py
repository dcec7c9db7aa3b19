"""Measure audio.speech.normalize on NeMo's German text-normalization test cases.

    python bench/nemo.py [FOLDER] [--failures]

FOLDER holds NeMo's `test_cases_<class>.txt` files, one case a line as SPOKEN~WRITTEN (default:
../shared/testdata/nemo-de-tn next to the repository). A case passes when our spoken form equals
NeMo's ignoring case, whitespace and hyphens: NeMo writes "drei und zwanzig" where we write
"dreiundzwanzig". The target covers the classes in TARGET; the others are printed for
information. NeMo's expectations are a measurement, not a specification.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from audio.text.speech import normalize

TARGET = ("cardinal", "ordinal", "date", "time", "decimal", "money", "measure")
OTHERS = ("fraction", "electronic", "telephone", "whitelist", "word")
DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "testdata" / "nemo-de-tn"


def comparable(text: str) -> str:
    return re.sub(r"[\s-]+", "", text).casefold()


def without_leading_ein(text: str) -> str:
    """For the diagnosis only: "einhundert" and "hundert" are both German; we say the latter."""
    return re.sub(r"(?<![a-zäöüß])eine?(?=hundert|tausend|million)", "", comparable(text))


def cases(folder: Path, name: str) -> list[tuple[str, str]]:
    """(written, spoken) pairs of one class; lines without "~" are not cases."""
    path = folder / f"test_cases_{name}.txt"
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        spoken, tilde, written = line.partition("~")
        if tilde:
            pairs.append((written, spoken))
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--failures", action="store_true", help="print every failing case")
    args = parser.parse_args(argv)
    if not (args.folder / "test_cases_cardinal.txt").is_file():
        parser.error(f"no NeMo test cases in {args.folder}")
    passed_target = total_target = style_only = 0
    print(f"{'class':<12} {'passed':>6} {'cases':>6} {'rate':>7}")
    for name in TARGET + OTHERS:
        results = [
            (written, spoken, normalize(written)) for written, spoken in cases(args.folder, name)
        ]
        passed = sum(comparable(ours) == comparable(spoken) for _, spoken, ours in results)
        rate = passed / len(results) if results else 0.0
        print(f"{name:<12} {passed:>6} {len(results):>6} {rate:>7.1%}")
        if name in TARGET:
            passed_target += passed
            total_target += len(results)
            style_only += sum(
                comparable(ours) != comparable(spoken)
                and without_leading_ein(ours) == without_leading_ein(spoken)
                for _, spoken, ours in results
            )
        if args.failures:
            for written, spoken, ours in results:
                if comparable(ours) != comparable(spoken):
                    print(f"    {written!r}: NeMo {spoken!r}, we {ours!r}")
        if name == TARGET[-1]:
            rate = passed_target / total_target
            print(f"{'target':<12} {passed_target:>6} {total_target:>6} {rate:>7.1%}")
            print(f"  ({style_only} target failures differ only by a leading ein/eine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
