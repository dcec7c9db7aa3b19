"""How often a single German word is read back wrong from each single-byte encoding.

The hardest case for audio/text/readers/decode.py: a file holding one word, so that nothing but
that word's letters tells the encodings apart. The words are German words with a letter outside
ASCII from wordfreq's list (`pip install wordfreq`, or the `bench` extra), by default those ranked
50,001 to 150,000: decode.py's table of the letters beside each umlaut was taken from the first
50,000, which `--neighbours` prints again. Each word is tried as the list writes it (small
letters), capitalised and in capitals; a word counts by its use in the share of use.

    python -m bench.encodings [--first 50000] [--last 150000] [--neighbours]

Figures: docs/encodings.md.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from audio.errors import AudioEditionError
from audio.text.readers.decode import SINGLE_BYTE_ENCODINGS, decode
from bench.harness import save, table

ENCODINGS = (*SINGLE_BYTE_ENCODINGS, "latin-1", "cp437")
UMLAUTS = frozenset("äöüß")


NEIGHBOUR_SHARE = 0.01
"""A letter beside an umlaut in at least this share of the umlaut's uses is a common neighbour."""


def german_words(first: int, last: int) -> list[tuple[str, float]]:
    """German words ranked first + 1 to last by use, with their use."""
    from wordfreq import top_n_list, word_frequency

    return [(word, word_frequency(word, "de")) for word in top_n_list("de", last)[first:]]


def neighbours(words: list[tuple[str, float]]) -> dict[str, tuple[str, str]]:
    """For ä, ö and ü, the letters seen before and after it ("_": none) in at least 1 % of its
    uses, most frequent first: decode.py's _BEFORE and _AFTER."""
    counts: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    for word, frequency in words:
        padded = f"_{word.lower()}_"
        for i, letter in enumerate(padded[1:-1], start=1):
            if letter in "äöü":
                counts[letter, -1][_side(padded[i - 1])] += frequency
                counts[letter, 1][_side(padded[i + 1])] += frequency
    return {letter: (_common(counts[letter, -1]), _common(counts[letter, 1])) for letter in "äöü"}


def _side(ch: str) -> str:
    return ch if ch.isalpha() else "_"


def _common(seen: Counter[str]) -> str:
    total = sum(seen.values())
    return "".join(ch for ch, use in seen.most_common() if use >= NEIGHBOUR_SHARE * total)


def read_back(word: str, encoding: str) -> str:
    try:
        return decode(Path("word.txt"), word.encode(encoding))
    except AudioEditionError as error:
        return f"({error})"


def measure(words: list[tuple[str, float]], encoding: str) -> dict[str, object]:
    tried, wrong, umlaut_wrong, use, wrong_use = 0, [], 0, 0.0, 0.0
    for word, frequency in words:
        if not word.isalpha() or word.isascii():
            continue
        for written in dict.fromkeys((word, word.capitalize(), word.upper())):
            try:
                written.encode(encoding)
            except UnicodeEncodeError:
                continue
            tried += 1
            use += frequency
            if read_back(written, encoding) != written:
                wrong.append(written)
                wrong_use += frequency
                umlaut_wrong += bool(UMLAUTS & set(word))
    return {
        "encoding": encoding,
        "words": tried,
        "wrong": len(wrong),
        "wrong with an umlaut or ß": umlaut_wrong,
        "wrong, share of use (%)": round(100 * wrong_use / use, 3),
        "examples": wrong[:12],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--first", type=int, default=50000, help="skip the most frequent words")
    parser.add_argument("--last", type=int, default=150000, help="the rank of the last word")
    parser.add_argument("--neighbours", action="store_true", help="print decode.py's table")
    arguments = parser.parse_args()
    if arguments.neighbours:
        for letter, (before, after) in neighbours(german_words(0, arguments.first)).items():
            print(f"{letter}: before {before!r}, after {after!r}")
        return
    words = german_words(arguments.first, arguments.last)
    results = [measure(words, encoding) for encoding in ENCODINGS]
    columns = ("encoding", "words", "wrong", "wrong with an umlaut or ß", "wrong, share of use (%)")
    print(table(columns, [[result[c] for c in columns] for result in results]))
    for result in results:
        print(f"{result['encoding']}: {', '.join(map(str, result['examples']))}")
    ranks = {"first": arguments.first, "last": arguments.last}
    print(f"saved to {save('encodings', {'ranks': ranks, 'results': results})}")


if __name__ == "__main__":
    main()
