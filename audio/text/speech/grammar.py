"""Agreement: the ending an adjective-like word takes ("am einundzwanzigsten", "der dritte").

Ordinals, regnal numbers and abbreviations such as "sog." are adjectives in German, so their ending
depends on the article or preposition in front of them and on the gender of the noun after them.
A full parse is out of reach; the words right before the number decide almost every newspaper case.
"""

from __future__ import annotations

import re

MASCULINE, FEMININE, NEUTER = "m", "f", "n"

# Endings of nouns, longest match wins. German nouns mostly take their gender from their last
# part, so "Sanktionspaket" is neuter like "Paket" and "Bundesparteitag" masculine like "Tag".
_GENDER_BY_ENDING = {
    MASCULINE: (
        "tag januar februar märz april mai juni juli august september oktober november dezember "
        "platz rang versuch anlauf krieg gang teil band akt stock advent punkt schritt lauf satz "
        "grad monat sieg preis fall zug kongress senat durchlauf jahrgang käse name junge"
    ),
    FEMININE: (
        "ung heit keit schaft ion tät ik enz anz ie ei e in zeit nacht liga wahl person saison "
        "instanz kammer armee frau hand stadt welt zahl macht kraft art angst bank burg post "
        "mark tür uhr nation"
    ),
    NEUTER: (
        "mal jahr jahrhundert jahrtausend jahrzehnt quartal semester kapitel spiel rennen buch "
        "kind paket tor programm treffen gespräch album land haus heft ment chen lein um tum "
        "gesetz amt werk stück feld tel gebot jubiläum finale halbjahr"
    ),
}
_ENDINGS = sorted(
    ((ending, gender) for gender, words in _GENDER_BY_ENDING.items() for ending in words.split()),
    key=lambda pair: -len(pair[0]),
)


def gender(noun: str | None) -> str:
    """The grammatical gender of `noun` from its ending; masculine when nothing tells."""
    word = (noun or "").lower().rstrip(".")
    return next((g for ending, g in _ENDINGS if word.endswith(ending)), MASCULINE)


# Prepositions fused with an article: the article's case and gender are fixed.
_FUSED_WEAK_EN = {"am", "im", "vom", "zum", "beim", "zur"}
_FUSED_WEAK_E = {"ins", "ans", "aufs", "ums", "fürs", "durchs", "übers", "unters", "vors"}
# Bare prepositions: the adjective after them is declined strongly, in their case.
DATIVE = {
    "ab", "aus", "bei", "mit", "nach", "seit", "von", "zu", "gegenüber", "samt", "außer",
    "entgegen", "in", "an", "auf", "über", "unter", "vor", "hinter", "neben", "zwischen",
}  # fmt: skip
ACCUSATIVE = {"bis", "für", "um", "durch", "gegen", "ohne", "per", "pro", "wider"}
GENITIVE = {"wegen", "während", "trotz", "statt", "anstatt", "innerhalb", "außerhalb", "laut"}
PREPOSITIONS = DATIVE | ACCUSATIVE | GENITIVE
# Possessives and "ein" have a bare form ("sein", "ein"); demonstratives always an ending.
_STEMS = {
    "possessive": re.compile(r"(?:k|m|d|s)?ein|ihr|unser|euer|eur"),
    "demonstrative": re.compile(r"dies|jen|jed|welch|solch|manch"),
}
# The adjective ending after an inflected determiner: "seine/diese dritte", "seinem dritten";
# "dieser", "dieses" mostly start a subject ("dieser dritte Versuch").
_AFTER_INFLECTED = {("possessive", "e"): "e", ("demonstrative", "e"): "e",
                    ("demonstrative", "er"): "e", ("demonstrative", "es"): "e"}  # fmt: skip
_ARTICLES = {"der", "die", "das", "dem", "den", "des"} | _FUSED_WEAK_EN | _FUSED_WEAK_E
_STRONG_NOMINATIVE = {MASCULINE: "er", FEMININE: "e", NEUTER: "es"}
_STRONG_ACCUSATIVE = {MASCULINE: "en", FEMININE: "e", NEUTER: "es"}

_WORD = re.compile(r"[\wäöüÄÖÜß]+\.?|[,.;:!?(]")  # a bracket starts a new phrase


def last_words(text: str, count: int = 3) -> list[str]:
    """The last `count` words and punctuation marks of `text`, oldest first."""
    return _WORD.findall(text)[-count:]


def is_determiner(word: str) -> bool:
    """Whether `word` is an article, possessive or demonstrative: it fixes the ending."""
    lower = word.lower()
    return lower in _ARTICLES or _is_bare_possessive(lower) or inflection(lower) is not None


def _is_bare_possessive(word: str) -> bool:
    return bool(_STEMS["possessive"].fullmatch(word))


def inflection(word: str) -> tuple[str, str] | None:
    """(kind, ending) of an inflected possessive or demonstrative: "seinem" → (possessive, em)."""
    for size in (2, 1):
        stem, suffix = word[:-size], word[-size:]
        if suffix not in {"e", "er", "es", "em", "en"}:
            continue
        for kind, pattern in _STEMS.items():
            if pattern.fullmatch(stem):
                return kind, suffix
    return None


def ending(before: str, noun: str | None, *, bare: str | None = None) -> str:
    """The ending (e, en, er, es, em) of an adjective that follows `before` and precedes `noun`.

    `bare` is the ending when no article or preposition precedes; by default the strong
    nominative singular, right for ordinals ("dritter Platz") but not for adjectives that are
    mostly plural there ("sogenannte Experten").
    """
    words = _without_adjective(last_words(before, 4))
    previous = words[-1].lower() if words else ""
    noun_gender = gender(noun)
    if previous in _FUSED_WEAK_EN or previous in {"dem", "den", "des"}:
        return "en"
    if previous in _FUSED_WEAK_E or previous in {"die", "das"}:
        return "e"
    if previous == "der":
        # After a preposition or a noun "der" is dative or genitive ("in der 3. Runde",
        # "Ende der 2. Halbzeit"); elsewhere it starts a subject ("Der 3. Oktober ist").
        ahead = words[-2] if len(words) > 1 else ""
        governed = ahead.lower() in PREPOSITIONS or ahead[:1].isupper()
        return "en" if governed else "e"
    if _is_bare_possessive(previous):
        return _STRONG_NOMINATIVE[noun_gender]
    inflected = inflection(previous)
    if inflected:
        return _AFTER_INFLECTED.get(inflected, "en")
    if previous in DATIVE:
        return "er" if noun_gender == FEMININE else "em"
    if previous in ACCUSATIVE:
        return _STRONG_ACCUSATIVE[noun_gender]
    return bare or _STRONG_NOMINATIVE[noun_gender]


_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
# Adverbs between a preposition and a date leave its case alone: "bis einschließlich 22.",
# "bis spätestens 30. Juni".
_ADVERBS = {"einschließlich", "spätestens", "frühestens", "voraussichtlich", "noch", "schon"}


def _without_adjective(words: list[str]) -> list[str]:
    """The words without an adjective (or adverb) between the article or preposition and the
    ordinal: "zum folgenden 3." and "am heutigen 5." decline like "zum 3."."""
    if len(words) < 2:
        return words
    last, governing = words[-1], words[-2].lower()
    adjective = (
        last[:1].islower()
        and len(last) > 4
        and last.endswith(_ADJECTIVE_ENDINGS)
        and not is_determiner(last)
        and last.lower() not in PREPOSITIONS
    ) or last.lower() in _ADVERBS
    governed = is_determiner(governing) or governing in PREPOSITIONS
    return words[:-1] if adjective and governed else words


_COORDINATED = re.compile(r"(?<![\w.,])\d+\.\s*(?:,|und|oder|sowie|bzw\.|beziehungsweise)\s*$")


def governing_text(before: str) -> str:
    """The text whose last words decide an ordinal's case.

    In "am 3. und 4. Oktober" the second ordinal shares the first one's "am", so for it this is
    the text before "3.". After "bis" the second takes the case of "bis": "von 1. bis 5. Juni"
    is "von erstem bis fünften Juni" ("vom 1. bis 5." the same "-en" either way).
    """
    while found := _COORDINATED.search(before):
        before = before[: found.start()]
    return before


def indefinite(before: str, noun_gender: str) -> str:
    """The number 1 before a noun of `noun_gender`, declined: "mit 1 Frau" → einer."""
    words = last_words(before, 1)
    previous = words[0].lower() if words else ""
    if previous in DATIVE:
        return "einer" if noun_gender == FEMININE else "einem"
    if previous in ACCUSATIVE:
        return {MASCULINE: "einen", FEMININE: "eine", NEUTER: "ein"}[noun_gender]
    return "eine" if noun_gender == FEMININE else "ein"
