"""How many of an article's words come back from the recognizer.

Both sides, the article text and the transcript, go through the same `normalize()` before jiwer
aligns them word by word. The normalization only removes differences of *spelling* that a listener
cannot hear; everything a listener can hear still counts:

- lowercase; `ß` → `ss`; quotes, dashes, brackets and other punctuation become word breaks, and
  so do hyphens (`US-Außenminister` → `us außenminister`); dotted and spelled acronyms close up
  (`E.U.`, `E U` → `eu`);
- symbols and unit abbreviations become the words they are read as, on both sides
  (`%` → `prozent`, `€` → `euro`, `Mio.` → `millionen`, `z. B.` → `zum beispiel` …): Whisper writes
  either form for the same sound;
- numbers are compared as digits on both sides. The article writes `100.000`, `21.`, `19:00 Uhr`,
  `3,5`; the recognizer writes the same number as `100.000`, `100000` or `hunderttausend`. Digit
  groups lose their thousands separators (a plain space too: `11 400`), times become `19 uhr`
  (`19 uhr 30`), decimal commas become `komma`, and German number words, cardinal or ordinal,
  in any case ending, become digits (`hunderttausend` → `100000`, `einundzwanzigsten` → `21`,
  `neunzehnhundertneunundneunzig` → `1999`).
  The articles `ein`, `eine`, `einen` … stay words; `eins` becomes `1`.

recall = (words - substitutions - deletions) / words, counted over the article's words. Words the
recognizer adds (insertions) do not lower it: an intro or outro the product adds costs nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

# Written forms → the words they are read as. Keys are matched case-insensitively, as whole words.
ABBREVIATIONS: dict[str, str] = {
    "z. b.": "zum beispiel",
    "z.b.": "zum beispiel",
    "d. h.": "das heisst",
    "d.h.": "das heisst",
    "u. a.": "unter anderem",
    "u.a.": "unter anderem",
    "bzw.": "beziehungsweise",
    "ca.": "circa",
    "zirka": "circa",
    "usw.": "und so weiter",
    "etc.": "et cetera",
    "vgl.": "vergleiche",
    "sog.": "sogenannte",
    "dr.": "doktor",
    "prof.": "professor",
    "nr.": "nummer",
    "mio.": "millionen",
    "mio": "millionen",
    "mrd.": "milliarden",
    "mrd": "milliarden",
    "km/h": "kilometer pro stunde",
    "km": "kilometer",
    "kg": "kilogramm",
    "eur": "euro",
}
SYMBOLS: dict[str, str] = {
    "%": " prozent ",
    "€": " euro ",
    "$": " dollar ",
    "§": " paragraf ",
    "&": " und ",
    "°": " grad ",
    "+": " plus ",
}

_ABBREVIATION_RE = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?!\w)",
)
_TIME_RE = re.compile(r"\b(\d{1,2})(?::(\d{2})(?:\s*uhr\b)?|\.(\d{2})\s*uhr\b)")
# Thousands separated by a dot, a thin or no-break space, an apostrophe (Swiss) or a plain space
# ("400 000", as agencies write): one number, whichever way it was written or heard.
_THOUSANDS_RE = re.compile(r"\b\d{1,3}(?:[.\u202f\u00a0\u2009' ]\d{3})+(?![\d,])")
_DECIMAL_RE = re.compile(r"(\d),(\d)")
_RANGE_RE = re.compile("(\\d)\\s*[-\u2013]\\s*(\\d)")
_DOTTED_ACRONYM_RE = re.compile(r"\b(?:[a-zäöü]\.){2,}")
_NOT_WORD_RE = re.compile(r"[^\wäöü]+")
# Two or more single letters in a row are a spelled acronym: `E U` (as a speaker says it) is `EU`.
_SPELLED_RE = re.compile(r"(?<!\S)[a-zäöü](?: [a-zäöü])+(?!\S)")
# Quotation marks become spaces; apostrophes, typed any way, become "'".
_QUOTES = str.maketrans(
    {
        **dict.fromkeys('\u201e\u201c\u201d\u00ab\u00bb\u201a\u2018\u203a\u2039"', " "),
        **dict.fromkeys("\u2019\u00b4`", "'"),
    }
)

# --- German number words ----------------------------------------------------------------------

_UNITS = {
    "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
}  # fmt: skip
_TEENS = {
    "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}  # fmt: skip
_TENS = {
    "zwanzig": 20, "dreissig": 30, "vierzig": 40, "fünfzig": 50,
    "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
}  # fmt: skip
# Inside a compound "ein" counts (einundzwanzig, einhundert, eintausend); alone it is an article.
_UNITS_IN_COMPOUND = {**{k: v for k, v in _UNITS.items() if k != "eins"}, "ein": 1}
_ORDINAL_STEMS = {"erst": "eins", "dritt": "drei", "siebt": "sieben", "siebent": "sieben"}


def _below_100(word: str) -> int | None:
    if word in _UNITS:
        return _UNITS[word]
    if word in _TEENS:
        return _TEENS[word]
    if word in _TENS:
        return _TENS[word]
    head, sep, tail = word.partition("und")
    if sep and head in _UNITS_IN_COMPOUND and tail in _TENS:
        return _UNITS_IN_COMPOUND[head] + _TENS[tail]
    return None


def _below_1000(word: str) -> int | None:
    if "hundert" not in word:
        return _below_100(word)
    head, _, tail = word.partition("hundert")
    if head == "":
        factor = 1
    else:
        found = _UNITS_IN_COMPOUND.get(head) or _TEENS.get(head)  # neunzehnhundert: a year
        if found is None:
            return None
        factor = found
    rest = 0
    if tail:
        tail = tail.removeprefix("und")
        value = _below_100(tail)
        if value is None:
            return None
        rest = value
    return factor * 100 + rest


def cardinal(word: str) -> int | None:
    """The value of a German cardinal number word, or None (`ein`/`eine` alone are not numbers)."""
    if not word:
        return None
    if word == "null":
        return 0
    if "tausend" in word:
        head, _, tail = word.partition("tausend")
        factor = 1 if head in ("", "ein") else _below_1000(head)
        if factor is None:
            return None
        rest = 0
        if tail:
            value = _below_1000(tail.removeprefix("und"))
            if value is None:
                return None
            rest = value
        return factor * 1000 + rest
    return _below_1000(word)


def number_word(word: str) -> int | None:
    """The value of a German number word, cardinal or ordinal in any ending, or None."""
    value = cardinal(word)
    if value is not None:
        return value
    for ending in ("en", "er", "es", "em", "e"):
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        for written, spoken in _ORDINAL_STEMS.items():
            if stem.endswith(written):
                return cardinal(stem[: -len(written)] + spoken)
        if stem.endswith("acht"):
            return cardinal(stem)
        if stem.endswith("st"):
            value = cardinal(stem[:-2])
            if value is not None and value >= 20:
                return value
        if stem.endswith("t"):
            value = cardinal(stem[:-1])
            if value is not None and value < 20:
                return value
    return None


# --- Normalization ----------------------------------------------------------------------------


def _time(match: re.Match[str]) -> str:
    hours = match.group(1)
    minutes = match.group(2) or match.group(3)
    return f" {int(hours)} uhr " + ("" if minutes == "00" else f"{int(minutes)} ")


def normalize(text: str) -> str:
    """Words for comparison: see the module's docstring."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ß", "ss")
    text = text.translate(_QUOTES)
    text = _ABBREVIATION_RE.sub(lambda m: f" {ABBREVIATIONS[m.group(1)]} ", text)
    for symbol, word in SYMBOLS.items():
        text = text.replace(symbol, word)
    text = _TIME_RE.sub(_time, text)
    text = _THOUSANDS_RE.sub(lambda m: re.sub(r"\D", "", m.group(0)), text)
    text = _DECIMAL_RE.sub(r"\1 komma \2", text)
    text = _RANGE_RE.sub(r"\1 bis \2", text)
    text = _DOTTED_ACRONYM_RE.sub(lambda m: m.group(0).replace(".", ""), text)
    text = re.sub(r"(\w)'(\w)", r"\1\2", text)  # geht's → gehts
    words = []
    for word in _NOT_WORD_RE.split(text.replace("_", " ")):
        if not word:
            continue
        value = number_word(word)
        words.append(str(value) if value is not None else word)
    return _SPELLED_RE.sub(lambda m: m.group(0).replace(" ", ""), " ".join(words))


@dataclass(frozen=True)
class Score:
    words: int
    hits: int
    substitutions: int
    deletions: int
    insertions: int

    @property
    def recall(self) -> float:
        return self.hits / self.words if self.words else 0.0

    @property
    def wer(self) -> float:
        errors = self.substitutions + self.deletions + self.insertions
        return errors / self.words if self.words else 0.0


def score(reference: str, transcript: str, anywhere: str = "") -> Score:
    """Align the normalized transcript with the normalized reference. The words of `anywhere`
    (an article's byline and dateline) count wherever they are said: they are looked for among
    the transcript's words that the alignment left unmatched, since a reader may say who wrote
    the article and when before the teaser as well as after it."""
    import jiwer  # the bench extra; normalize() works without it

    ref, hyp = normalize(reference), normalize(transcript)
    loose = Counter(normalize(anywhere).split())
    if not ref:
        raise ValueError("the reference has no words")
    if not hyp:
        words = len(ref.split()) + loose.total()
        return Score(words, 0, 0, words, 0)
    out = jiwer.process_words(ref, hyp)
    said = hyp.split()
    unmatched = Counter(
        word
        for chunk in out.alignments[0]
        if chunk.type in ("insert", "substitute")
        for word in said[chunk.hyp_start_idx : chunk.hyp_end_idx]
    )
    found = (loose & unmatched).total()
    return Score(
        words=out.hits + out.substitutions + out.deletions + loose.total(),
        hits=out.hits + found,
        substitutions=out.substitutions,
        deletions=out.deletions + loose.total() - found,
        insertions=out.insertions - found,
    )
