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
# Titles and the names monarchs and popes bear: after them a numeral is a regnal number even
# without its dot ("Elizabeth II", "King Charles III"); elsewhere it counts ("Hartz IV").
_TITLES = {
    "König", "Königin", "Kaiser", "Kaiserin", "Papst", "Zar", "Zarin", "Queen", "King", "Prinz",
    "Prinzessin", "Fürst", "Fürstin", "Herzog", "Herzogin", "Kurfürst", "Sultan", "Pharao",
}  # fmt: skip
_REGNAL_NAMES = _TITLES | _WOMEN | {
    "Ludwig", "Karl", "Friedrich", "Wilhelm", "Heinrich", "Otto", "Charles", "George", "Edward",
    "Henry", "Louis", "Benedikt", "Johannes", "Paul", "Pius", "Leo", "Gregor", "Innozenz",
    "Clemens", "Franz", "Joseph", "Josef", "Philipp", "Juan", "Carlos", "Felipe", "Gustav",
    "Harald", "Olav", "Haakon", "Carl", "Frederik", "Christian", "Alexander", "Nikolaus",
    "Peter", "Iwan", "Maximilian", "Albrecht", "Rudolf", "Leopold", "Ferdinand", "Richard",
    "Johann", "Jakob", "James", "William", "Willem", "Umberto", "Konrad", "Lothar", "Urban",
    "Bonifatius", "Sixtus", "Julius", "Martin", "Napoleon", "August", "Sigismund", "Albert",
}  # fmt: skip
# Verbs whose object is in the dative ("dankte Papst Benedikt dem Sechzehnten") or accusative
# ("zeigt Kaiser Wilhelm den Ersten"); after any other verb the name is taken as the subject.
_DATIVE_VERBS = re.compile(
    r"(?:dank|gratulier|half$|helf|hilft|folgt|begegn|huldig|gehorch|widersprach|widersprech"
    r"|galt$|gilt$|gelten|gehört|vertrau)"
)
_ACCUSATIVE_VERBS = re.compile(
    r"(?:zeig|traf$|trifft|treffen|bejubel|krönt|gekrönt|ehrt|feiert|verehrt|kritisier|beerbt"
    r"|stürzt|porträtier|zitier|heiratet)"
)
# An inflected article or possessive tells the case: "seinem Sohn", "ihres Vaters".
_CASE_BY_ENDING = {"em": "dative", "es": "genitive", "en": "accusative"}
_NAMED = re.compile(rf"([A-ZÄÖÜ][\wäöüß]+)\s+(?=[IVX])({_NUMERAL})(\.?)(?![\w])")
# "Teltower FV 1913 II": a club's second team after its founding year.
_AFTER_NUMBER = re.compile(rf"(?<=\d )(?=[IVX]{{2}})({_NUMERAL})(?!\w|\.\s*[\w\d])")
# "Wilhelm der II.", "des VII. Armeecorps": the article is written, the numeral is an ordinal.
_AFTER_ARTICLE = re.compile(
    rf"\b((?i:der|die|das|den|dem|des|im|am|vom|zum|beim|zur))\s+(?=[IVX])({_NUMERAL})\."
    r"(?=\s+([\wÄÖÜäöü]+))"
)
# "Wilhelm der II.": the article is the one the regnal number would take.
_SUBSTANTIVE_ENDING = {"der": "e", "die": "e", "das": "e"}


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
    text = _AFTER_NUMBER.sub(lambda m: numerals.cardinal(value(m[1])), text)
    text = _AFTER_ARTICLE.sub(_after_article, text)
    return _NAMED.sub(_named, text)


def _after_article(match: re.Match[str]) -> str:
    article, numeral, following = match.groups()
    if following[:1].isupper() and not _is_name(following):
        ending = grammar.ending(context.before(match) + article, following)
        return f"{article} {numerals.ordinal(value(numeral), ending)}"
    ending = _SUBSTANTIVE_ENDING.get(article.lower(), "en")
    return f"{article} {numerals.ordinal(value(numeral), ending).capitalize()}"


def _is_name(word: str) -> bool:
    return word in _REGNAL_NAMES or word.rstrip("s") in _REGNAL_NAMES


def _named(match: re.Match[str]) -> str:
    name, numeral, dot = match.groups()
    names, case = _names_and_case(context.before(match), name)
    regnal_name = any(_is_name(word) for word in names)
    if name in _COUNTING or (not dot and len(numeral) > 1 and not regnal_name):
        return f"{name} {numerals.cardinal(value(numeral))}" + (
            context.final_dot(match) if dot else ""
        )
    if (not dot and not regnal_name) or not is_regnal(name, numeral, context.after(match)):
        return match[0]
    masculine, feminine, ending_m, ending_f = _ARTICLES[case]
    woman = any(word in _WOMEN for word in names)
    article, ending = (feminine, ending_f) if woman else (masculine, ending_m)
    ordinal = numerals.ordinal(value(numeral), ending).capitalize()
    return f"{name} {article} {ordinal}{context.final_dot(match) if dot else ''}"


def _governs(word: str) -> bool:
    """A capitalised preposition or article at a sentence start is no name: "Unter Ludwig XIV."."""
    lower = word.lower()
    return lower in grammar.PREPOSITIONS or grammar.is_determiner(lower)


def _names_and_case(before: str, name: str) -> tuple[list[str], str]:
    """The capitalised words (titles, first names) before the numeral and the case they stand in."""
    words = [*grammar.last_words(before, 8), name]
    names = []
    while words and words[-1][:1].isupper() and not _governs(words[-1]):
        names.append(words.pop())
    while words and words[-1][:1].islower() and words[-1].endswith(("e", "en")) and len(words) > 1:
        if not grammar.is_determiner(words[-2]):
            break
        words.pop()  # an adjective: "der verstorbenen Queen", "des amtierenden Kaisers"
    if name.endswith("s") and name[:-1] in _REGNAL_NAMES:
        return names, "genitive"  # "der Rücktritt Benedikts XVI."
    return names, _case(words[-1] if words else "", any(word in _WOMEN for word in names))


def _case(governing: str, woman: bool) -> str:
    """The case a name stands in after `governing`, the word before its titles and names."""
    word = governing.lower()
    if word in {"vom", "zum", "beim", "im", "am", "dem"} or (word == "der" and woman):
        return "dative"
    if word == "den" or word == "über" or word in grammar.ACCUSATIVE:
        return "accusative"  # "ein Buch über Ludwig den Vierzehnten"
    if word == "des" or word in grammar.GENITIVE:
        return "genitive"
    if word in grammar.DATIVE:
        return "dative"
    inflection = grammar.inflection(word)
    if inflection:
        if inflection[1] == "er" and woman:
            return "dative"
        return _CASE_BY_ENDING.get(inflection[1], "nominative")
    if _DATIVE_VERBS.match(word):
        return "dative"
    if _ACCUSATIVE_VERBS.match(word):
        return "accusative"
    return "nominative"
