"""German text → the words a news speaker says. Engine-independent; every engine gets its output.

`normalize` runs the rule families below in this order. Each family is a module with one pure
function from text to text; the order matters where the families share characters, and
tests/test_speech_order.py shows for every family the later one it must precede, and why:

1. clean          Unicode: one kind of space, dash, apostrophe; "½" → "1/2"; "400 000" grouped
2. lexicon        the user's pronunciations, first, so they win over every rule
3. agencies       "(dpa)", "(dpa/lno)" dropped (before "/" is a space)
4. places         "Frankfurt/Main" → Frankfurt am Main (before "/" is a space)
5. captions       "(3. v. r.)" → dritter von rechts (before "v." is "von")
6. web            URLs, e-mail, handles, hashtags, telephone numbers (before their dots, digits
                  and hyphens are read)
7. codes          "die 112", "10178 Berlin": digit by digit (before they are amounts)
8. weekdays       "Mo.–Fr." → Montag bis Freitag (before ranges take the dash)
9. ranges         "9–17 Uhr" → "9 bis 17 Uhr", "4.+5." → "4. und 5." (numbers stay written)
10. minutes       "Müller (50.)" → in der fünfzigsten Minute (before "50." is a number)
11. times         "19:00 Uhr", "22.56 Uhr:", "3:57 Minuten", scores "2:1" (before dates:
                  "08.12 Uhr" is no date)
12. dates         "21. Januar 2022", "24.02.2022", "Am Donnerstag, 18. Februar,", "* 1950"
13. money         "3,50 €", "1,5 Mrd. Euro", "$2"
14. measures      "200 km/h", "5,3 %", "3 Std." (before abbreviations take "Std.")
15. fractions     "1/3", "1 1/2"
16. abbreviations "z. B.", "Dr.", "S. 5", "der sog. Plan"
17. ordinals      "im 20. Jahrhundert", "der 3. Platz", "3te" (before years: "der 2024. Tag")
18. roman         "Benedikt XVI." in its case, "des VII. Armeecorps", "Teil II"
19. years         "1990", "1990er-Jahre", "2021/22", "1956/1957"
20. acronyms      "US-Außenminister", "NATO", "G7"
21. cardinals     every number left: "100.000", "5,3", "-60", "21-jährige", "1 Tag"
22. symbols       "&", "§", "%", "Gruner + Jahr", gender marks
23. pauses        quotes, dashes, parentheses, "+++" → commas; tidy punctuation and spaces
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
    weekdays,
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
    weekdays.read_weekdays,
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
