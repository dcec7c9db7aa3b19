"""Roman numerals: "Benedikt XVI." → Benedikt der Sechzehnte, "Teil II" → Teil zwei.

After a name the numeral is a regnal number, an ordinal with the article in the case the
sentence gives the name ("von Ludwig XIV." → von Ludwig dem Vierzehnten). After words that
count ("Teil", "Band") it is a cardinal, and so is a numeral of two or more letters without a
dot after any other word ("Rentenpaket II", "Hartz IV"): German writes regnal numbers with
the dot, and spelled out letter by letter the numeral means nothing to a listener.
"""

from __future__ import annotations

import re

from audio.text.speech import context, grammar, numerals

# Up to 39: regnal numbers and numbered parts stay small, and leaving out C, D, L and M keeps
# "CD", "Vitamin C" and "Klasse D" letters.
_NUMERAL = r"X{0,3}(?:IX|IV|V?I{0,3})"
_VALUES = {"I": 1, "V": 5, "X": 10}
_COUNTING = {
    "Teil", "Band", "Kapitel", "Akt", "Phase", "Stufe", "Klasse", "Liga", "Abschnitt", "Artikel",
    "Heft", "Buch", "Staffel", "Folge", "Nummer", "Absatz", "Anhang", "Szene", "Typ", "Gruppe",
    "Paragraf", "Level", "Version", "Runde",
}  # fmt: skip
# Regnal numbers of women need "die Zweite"; a title or a first name tells.
_WOMEN = {
    "Königin", "Kaiserin", "Zarin", "Fürstin", "Queen", "Päpstin", "Elisabeth", "Elizabeth",
    "Katharina", "Maria", "Margrethe", "Margarete", "Christina", "Victoria", "Viktoria",
    "Beatrix", "Juliana", "Wilhelmina", "Isabella", "Isabel", "Anna", "Johanna", "Mary",
}  # fmt: skip
_ARTICLES = {
    # case: (masculine article, feminine article, masculine ending, feminine ending)
    "nominative": ("der", "die", "e", "e"),
    "accusative": ("den", "die", "en", "e"),
    "dative": ("dem", "der", "en", "en"),
    "genitive": ("des", "der", "en", "en"),
}
_NAMED = re.compile(rf"([A-ZÄÖÜ][\wäöüß]+)\s+(?=[IVX])({_NUMERAL})(\.?)(?![\w])")


def value(numeral: str) -> int:
    """The value of a valid Roman numeral."""
    total = 0
    for letter, following in zip(numeral, [*numeral[1:], ""], strict=True):
        worth = _VALUES[letter]
        total += -worth if following and _VALUES[following] > worth else worth
    return total


def is_regnal(name: str, numeral: str, after: str) -> bool:
    """Whether `numeral` with its dot after `name`, followed by `after`, is a regnal number.

    A single letter before a capitalised word is an initial: "George W. Bush".
    """
    if name in _COUNTING:
        return False
    return len(numeral) > 1 or not re.match(r"\s+[A-ZÄÖÜ]", after)


def read_roman(text: str) -> str:
    return _NAMED.sub(_named, text)


def _named(match: re.Match[str]) -> str:
    name, numeral, dot = match.groups()
    if name in _COUNTING or (not dot and len(numeral) > 1):
        return f"{name} {numerals.cardinal(value(numeral))}" + (
            context.final_dot(match) if dot else ""
        )
    if not dot or not is_regnal(name, numeral, context.after(match)):
        return match[0]
    names, case = _names_and_case(context.before(match), name)
    masculine, feminine, ending_m, ending_f = _ARTICLES[case]
    woman = any(word in _WOMEN for word in names)
    article, ending = (feminine, ending_f) if woman else (masculine, ending_m)
    ordinal = numerals.ordinal(value(numeral), ending).capitalize()
    return f"{name} {article} {ordinal}{context.final_dot(match)}"


def _governs(word: str) -> bool:
    """A capitalised preposition or article at a sentence start is no name: "Unter Ludwig XIV."."""
    lower = word.lower()
    return lower in grammar.PREPOSITIONS or grammar.is_determiner(lower)


def _names_and_case(before: str, name: str) -> tuple[list[str], str]:
    """The capitalised words (titles, first names) before the numeral and the case they stand in."""
    words = [*grammar.last_words(before, 6), name]
    names = []
    while words and words[-1][:1].isupper() and not _governs(words[-1]):
        names.append(words.pop())
    governing = words[-1].lower() if words else ""
    if governing in {"vom", "zum", "beim", "dem"} or governing in grammar.DATIVE:
        return names, "dative"
    if governing == "den" or governing in grammar.ACCUSATIVE:
        return names, "accusative"
    if governing == "des" or governing in grammar.GENITIVE:
        return names, "genitive"
    return names, "nominative"
