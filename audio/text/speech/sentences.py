"""Sentence splitting: a full stop ends a sentence unless it belongs to an abbreviation ("z. B."),
an ordinal ("am 21. Januar"), an initial ("John F. Kennedy"), a regnal number ("Ludwig XIV.")
or a date ("am 24.12. Abends").

gTTS sends every piece it cuts to Google on its own; a cut after "z." or "vom 15." loses the
context that decides the intonation, so only real sentence ends split.
"""

from __future__ import annotations

import re

from audio.text.calendar import ABBREVIATIONS
from audio.text.speech import abbreviations, ordinals, roman

# End marks, closing quotes or brackets, space, then what starts a sentence: a capital or a
# digit, possibly behind an opening quote.
_BOUNDARY = re.compile(r"[.!?…]+[\"'“”»«‘’)\]]*(\s+)(?=[„\"'‚»«(\[]?[A-ZÄÖÜ\d])")
# Before a digit, only after a word: "im Nahverkehr. 49 Euro" ends a sentence, but the dot of
# a number ("bis 3. 500 Menschen") or an initial ("F. 1") does not.
_WORD_END = re.compile(r"[^\W\d_]{2}[.!?…]+[\"'“”»«‘’)\]]*\Z")
_ORDINAL = re.compile(r"(?<![\w.,])(\d+)\.\Z")
_INITIAL = re.compile(r"(?<![\w.])[A-ZÄÖÜ]\.\Z")
_REGNAL = re.compile(r"([A-ZÄÖÜ][\wäöüß]+)\s+([IVX]+)\.\Z")
# "Wilhelm der II. letzter Kaiser", "des VII. Armeecorps": an ordinal after its article.
# "mit 45 Min. Verspätung": a unit's dot after a number ends no sentence.
_UNIT = re.compile(r"\d\s?(?:Min|Std|Sek|Mio|Mrd|Tsd)\.\Z")
_ARTICLE_NUMERAL = re.compile(r"\b(?i:der|die|das|den|dem|des|im|am|vom|zum|beim|zur)\s+[IVX]+\.\Z")
_DAY_MONTH = re.compile(r"(?<![\w.])\d{1,2}\.\d{1,2}\.\Z")
# After a regnal number ("Charles III.") a capitalised article, pronoun, preposition or adverb
# starts a new sentence; a name or a noun would continue this one.
_SENTENCE_START = re.compile(
    r"\s+(?:Der|Die|Das|Den|Dem|Des|Ein|Eine|Er|Sie|Es|Wir|Man|Dies\w*|Seit|Am|Im|Als|Nach|Vor"
    r"|Bei|Mit|In|Auf|Aber|Doch|Denn|Dann|Da|So|Auch|Noch|Nun|Heute|Damals|Später|Danach|Dort"
    r"|Hier|Wer|Was|Wie|Wo|Warum|Unter|Zum|Zur|Vom)\b"
)
# "Tor: 55. Nielsen": a goal's minute before the scorer (audio/text/speech/minutes.py).
_GOAL = re.compile(r"\b(?:Tore?|Treffer):\s*\d{1,3}\.\Z")
# "im Jan. 2009", "am 24. Jul. 2013", "So. 10 Uhr": an abbreviated month or weekday before a
# number ends nothing.
_GOAL = re.compile(r"\b(?:Tore?|Treffer):\s*\d{1,3}\.\Z")
_MONTH = re.compile(
    r"(?<![\w.])(?:(?i:{})|Mo|Di|Mi|Do|Fr|Sa|So)\.\Z".format("|".join(ABBREVIATIONS))
)


def split_sentences(paragraph: str) -> list[str]:
    """The written sentences of one paragraph, each as written."""
    text = " ".join(paragraph.split())
    abbreviated = abbreviations.inner_dots(text)
    sentences, start = [], 0
    for boundary in _BOUNDARY.finditer(text):
        end = boundary.start(1)
        if end in abbreviated or _continues(text[:end], text[end:]):
            continue
        sentences.append(text[start : boundary.start(1)])
        start = boundary.end()
    sentences.append(text[start:])
    return [sentence for sentence in sentences if sentence]


def _continues(head: str, tail: str) -> bool:
    """Whether the sentence goes on after `head`, which ends in a full stop, and before `tail`."""
    if re.match(r"\W*\d", tail) and (not _WORD_END.search(head) or _MONTH.search(head)):
        return True
    if not head.endswith("."):
        return False
    if any(p.search(head) for p in (_INITIAL, _DAY_MONTH, _GOAL, _ARTICLE_NUMERAL, _UNIT)):
        return True
    number = _ORDINAL.search(head)
    if number and ordinals.is_ordinal(head[: number.start()], tail):
        return True
    regnal = _REGNAL.search(head)
    starts = _SENTENCE_START.match(tail)
    return bool(regnal) and roman.is_regnal(regnal[1], regnal[2], tail) and not starts
