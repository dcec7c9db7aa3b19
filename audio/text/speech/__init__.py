"""German text → the words a news speaker says. Engine-independent; every engine gets its output.

`normalize` runs the rule families below in this order. Each family is a module with one pure
function from text to text; the order matters where the families share characters:

1. clean          Unicode: one kind of space, dash, apostrophe; "½" → "1/2"
2. lexicon        the user's pronunciations, first, so they win over every rule
3. web            URLs, e-mail addresses, handles, hashtags (before their dots and digits are read)
4. ranges         "9–17 Uhr" → "9 bis 17 Uhr" (the numbers stay for the rules after it)
5. times          "19:00 Uhr", "8.30 Uhr", scores "2:1" (before dates: "8.12 Uhr" is no date)
6. dates          "21. Januar 2022", "24.02.2022", "2003-03-02"; the day agrees with its context
7. money          "3,50 €", "1,5 Mrd. Euro", "$2"
8. measures       "200 km/h", "5,3 %", "20 °C"
9. fractions      "1/3", "1 1/2"
10. abbreviations "z. B.", "Dr.", "S. 5", "der sog. Plan" (after the units that end in a dot)
11. ordinals      "im 20. Jahrhundert", "der 3. Platz", "3te"
12. roman         "Benedikt XVI.", "Teil II"
13. years         "1990", "1990er-Jahre", "2021/22", "* 1950"
14. acronyms      "US-Außenminister", "NATO", "G7"
15. cardinals     every number left: "100.000", "5,3", "-60", "21-jährige", "1 Tag"
16. symbols       "&", "§", "%", gender marks
17. pauses        quotes, dashes, parentheses → commas; tidy punctuation and spaces
"""

from __future__ import annotations

from collections.abc import Callable

from audio.text.speech import (
    abbreviations,
    acronyms,
    agencies,
    captions,
    cardinals,
    clean,
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
    years,
)
from audio.text.speech.lexicon import Lexicon, load_lexicon
from audio.text.speech.sentences import split_sentences

__all__ = ["Lexicon", "load_lexicon", "normalize", "normalize_lines", "split_sentences"]

RULES: tuple[Callable[[str], str], ...] = (
    agencies.read_agencies,
    places.read_places,
    captions.read_captions,
    web.read_web,
    codes.read_codes,
    ranges.read_ranges,
    minutes.read_minutes,
    times.read_times,
    dates.read_dates,
    money.read_money,
    measures.read_measures,
    fractions.read_fractions,
    abbreviations.read_abbreviations,
    ordinals.read_ordinals,
    roman.read_roman,
    years.read_years,
    acronyms.read_acronyms,
    cardinals.read_cardinals,
    symbols.read_symbols,
    pauses.to_pauses,
)
"""The rule families after the clean-up and the lexicon, in the order `normalize` applies them."""


def normalize(sentence: str, lexicon: Lexicon | None = None) -> str:
    """The spoken form of one written sentence (or line): what a speaker says, as plain text."""
    text = clean.unify(sentence)
    if lexicon:
        text = lexicon.apply(text)
    for rule in RULES:
        text = rule(text)
    return text


def normalize_lines(text: str, lexicon: Lexicon | None = None) -> str:
    """The spoken form of a text, line by line, each line split into sentences as the narration
    splits it; empty lines stay empty, and so does a sentence with nothing to say ("(dpa)")."""
    return "\n".join(
        " ".join(filter(None, (normalize(sentence, lexicon) for sentence in split_sentences(line))))
        for line in text.splitlines()
    )
