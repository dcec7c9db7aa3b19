"""Pieces of article metadata shared by the readers: bylines, agency tags, titles, paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Scrapers glue the avatar image's alt text ("Avatar_prignitzer") or a label to the byline; only
# such prefixes are allowed, so that a subheading like "Die Rückkehr von Donald Trump" is no byline.
_BYLINE_PREFIX = (
    r"(?:\S*_\S*|avatar|foto|bild|autor(?:in)?:?|kommentar|analyse|leitartikel|kolumne"
    r"|ein\s+(?:kommentar|gastbeitrag|leitartikel|essay|zwischenruf))"
)
# "Von unserem Korrespondenten X", "Von unserer Berliner Korrespondentin X".
_STAFF = (
    r"unser(?:em|er)\s+(?:[A-ZÄÖÜ]\w+\s+)?(?:korrespondent(?:en|in)|redakteur(?:in)?"
    r"|redaktionsmitglied|mitarbeiter(?:in)?|reporter(?:in)?)"
)
# "OTZ-Chefredakteur", "Gastautorin": a role before the name, not part of it.
_ROLE = (
    r"(?:[A-ZÄÖÜ][\w]*-)?(?:chef)?(?:redakteur|korrespondent|reporter|gastautor|autor|kommentator"
    r"|herausgeber|chefredakteur)(?:in)?"
)
_NAME_WORD = r"[A-ZÄÖÜ][\w'’.-]*"
_PARTICLE = r"(?:von|van|de|der|den|zu|di|da|del|le|la|ten|ter|vom)"
_ONE_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,3}}"
# Lazy, so that "Von Anna Beispiel, Berlin" leaves its last word to the place.
_NAMES = rf"(?P<names>{_ONE_NAME}(?:(?:,\s*|\s+und\s+|\s*&\s*){_ONE_NAME}){{0,3}}?)"
# A place after the names: one word ("Berlin", "Brüssel/Berlin"), or a known two-word form.
_PLACE = (
    r"(?P<place>(?:Bad|Sankt|St\.|Den|New|Los|San|Santa|Rio|Tel|Hongkong)\s+[A-ZÄÖÜ][\w-]*"
    r"|[A-ZÄÖÜ][\w.-]*(?:/[A-ZÄÖÜ][\w.-]*)*(?:\s+(?:am|an der|im|ob der|bei)\s+[A-ZÄÖÜ][\w.-]*)?)"
)
_BYLINE = re.compile(
    rf"^(?i:(?:{_BYLINE_PREFIX}\s+)*(?:von|autor(?:in)?:)(?:\s+{_STAFF})?(?:\s+{_ROLE})?)\s+{_NAMES}"
    rf"(?:\s*,\s*{_PLACE})?\s*$"
)
# "Anna Beispiel, Berlin": a name of two to four words, a comma, a place.
_NAME_PLACE = re.compile(
    rf"^(?P<names>{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{1,3}})\s*,\s*{_PLACE}$"
)
BYLINE_MAX = 100

AGENCY = (
    r"(?:dpa(?:-AFX)?|AFP|AP|Reuters|rtr|KNA|epd|dts(?:\s+Nachrichtenagentur)?|ots|sid|SID"
    r"|APA|SDA|Keystone-SDA|idea)"
)
"""News agencies and press-release services whose tags stand in German news copy."""
SERVICES = frozenset({"ots"})
"""Tags of services that only distribute a press release: no author to name."""
_AGENCY_TAG = rf"{AGENCY}(?:/[a-z]{{2,4}})*"
# The place a report's mark names: "Berlin", "Frankfurt/Main", "Bad Homburg".
_PLACE = r"[A-ZÄÖÜ][\w.-]*(?:[ /][A-ZÄÖÜ][\w.-]*){0,2}"
_AGENCY_LINE = re.compile(
    rf"^(?:(?-i:{_PLACE})\s*)?(?:\({_AGENCY_TAG}(?:,\s*{_AGENCY_TAG})*\)"
    rf"|(?:Quelle:\s*|mit\s+Material\s+von\s+|[a-z]{{2,4}}/)?"
    rf"{_AGENCY_TAG}(?:\s*(?:,|und)\s*{_AGENCY_TAG})*)"
    r"\.?$",
    re.IGNORECASE,
)
# "Berlin (dpa) - ", "Hannover (dts Nachrichtenagentur) – ", "Stuttgart - ": where and from whom
# a report comes, set before its first sentence.
_LEAD_IN = re.compile(
    rf"^(?P<mark>(?P<place>{_PLACE})"
    rf"(?:\s*\((?P<agency>{_AGENCY_TAG}(?:,\s*{_AGENCY_TAG})*)\))?\s+[-–—]\s+)(?=[A-ZÄÖÜ\"„»])"
)


def parse_byline(line: str) -> str | None:
    """`Avatar_prignitzer von Thomas Ludwig` → `Thomas Ludwig`, `Von A, Berlin` → `A`, `Von A,
    B und C` → `A, B und C`; None if the line is no byline."""
    line = " ".join(line.split())
    if len(line) > BYLINE_MAX or line.endswith((".", "!", "?")):
        return None
    match = _BYLINE.match(line)
    return _names(match["names"]) if match else None


def parse_name_place(line: str) -> str | None:
    """`Anna Beispiel, Berlin` → `Anna Beispiel`: the byline some sites print without "Von"."""
    match = _NAME_PLACE.match(" ".join(line.split()))
    return match["names"] if match else None


_BARE_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{1,3}}$")


def is_name(text: str) -> bool:
    """`Anna Beispiel`: two to four capitalised words, as a byline beside a date prints it."""
    return bool(_BARE_NAME.match(" ".join(text.split())))


def _names(names: str) -> str:
    """Names as the narrator says them: `A, B & C` → `A, B und C`."""
    return join_names(re.split(r"\s*(?:,|&|\bund\b)\s*", names)) or names


def join_names(names: list[str]) -> str | None:
    """`A`, `A und B`, `A, B und C`, each name once; None for none."""
    unique = list(dict.fromkeys(name.strip() for name in names if name.strip()))
    if len(unique) <= 1:
        return unique[0] if unique else None
    return f"{', '.join(unique[:-1])} und {unique[-1]}"


def parse_agency(line: str) -> str | None:
    """`(dpa)`, `dpa/lno`, `Quelle: AFP`, `mit Material von dpa und AFP`, `jol/dpa`, a mark
    alone on its line (`Freiburg (ots)`) → the agencies; None if the line is anything else."""
    return _agencies(line) if _AGENCY_LINE.match(line.strip()) else None


def _agencies(tag: str) -> str:
    """The agencies a tag names: regions ("dpa/lno") and initials ("jol/dpa") are none."""
    found = re.findall(rf"(?<![\w-]){AGENCY}(?![\w-])", tag, re.IGNORECASE)
    return join_names(found) or tag


@dataclass(frozen=True)
class LeadIn:
    """The place and agency set before a report's first sentence."""

    mark: str
    agency: str | None
    rest: str


def split_lead_in(paragraph: str) -> LeadIn | None:
    """`Berlin (dpa) - Die Regierung …` → mark `Berlin (dpa) -`, agency `dpa`, the rest."""
    match = _LEAD_IN.match(paragraph)
    if match is None:
        return None
    agency = _agencies(match["agency"]) if match["agency"] else None
    return LeadIn(match["mark"].strip(), agency, paragraph[match.end() :])


# After the last sentence: an editor's initials ("(fpr)", heise's and agencies' way), an agency
# ("(dpa)"), a news wire's desk codes ("/yyzz/DP/stw"), or a press release's short link
# ("https://www.mehr.bz/khs328m", spelled out letter by letter it took 8 s); in parentheses
# lower case only, so that "(SPD)." after a name is never taken.
_CLOSING_TAG = re.compile(
    r"(?<=[.!?\"“”»«])\s*(?:\((?P<tag>[a-z]{2,5}(?:/[a-z]{2,5})*)\)|(?P<codes>(?:/[A-Za-z]{2,5}){2,4})"
    r"|(?P<link>(?:https?://|www\.)\S+))$"
)


def split_closing_tag(paragraph: str) -> tuple[str, str | None]:
    """`… begleiten. (fpr)` → (`… begleiten.`, `fpr`), `… sparen. https://…` → (`… sparen.`,
    the address); the paragraph and None if it has none."""
    match = _CLOSING_TAG.search(paragraph)
    if match is None:
        return paragraph, None
    return paragraph[: match.start()], match["tag"] or match["codes"] or match["link"]


TITLE_MAX = 90
"""Characters: a title cut from the teaser is at most this long."""
# A clause shorter than this says too little to stand as a title; cut at a word instead.
TITLE_MIN = 30
_CLAUSE_BREAK = re.compile(r"\s+[-–—]\s+|[,;:]\s+")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"“”»«’)]*\s+(?=[\"„»(]?[A-ZÄÖÜ])")


def derive_title(teaser: str) -> str:
    """A title from the teaser: its first sentence, cut at a clause or word boundary when long."""
    sentence = _SENTENCE_BREAK.split(teaser.strip(), maxsplit=1)[0]
    sentence = sentence.rstrip(".")
    if len(sentence) <= TITLE_MAX:
        return sentence
    clause_ends = [m.start() for m in _CLAUSE_BREAK.finditer(sentence) if m.start() <= TITLE_MAX]
    if clause_ends and clause_ends[-1] >= TITLE_MIN:
        return sentence[: clause_ends[-1]]
    cut = sentence[: TITLE_MAX + 1].rsplit(None, 1)[0]
    return cut.rstrip(",;:-–— ") + " …"


HEADLINE_MAX = 200
"""Characters: the longest line read as a headline (kicker and colon included)."""


def is_headline(block: str) -> bool:
    """A single line that can stand as a headline: short, at most two sentences, and not ending
    as a sentence of running text does (`.`, `,`, `;`, `:`). A headline may end in a closing
    quote, `!`, `?`, `)` or `…`, and carry a kicker before a colon (`Frage der Woche: Hat …?`)."""
    line = block.strip()
    if not line or "\n" in line or len(line) > HEADLINE_MAX:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    if re.search(r"[.,;:][\"“”»«’]$", line):  # a quoted sentence, as a paragraph ends
        return False
    return len(_SENTENCE_BREAK.findall(line)) <= 1


KICKER_MAX = 40
LABELS = frozenset({
    "kommentar", "kommentare", "meinung", "leitartikel", "analyse", "kolumne", "glosse",
    "standpunkt", "gastbeitrag", "essay", "interview", "pro", "und", "contra", "zwischenruf",
    "plus", "exklusiv", "anzeige", "der", "des", "tages", "woche", "am", "sonntag",
})  # fmt: skip
"""Section labels set above a headline; a listener hears them in the intro already."""


def is_label(block: str) -> bool:
    """`Kommentar`, `Meinung`, `Pro und Contra`: a section label, not part of the headline."""
    words = block.strip().rstrip(":").lower().split()
    return bool(words) and all(word in LABELS for word in words)


def is_kicker(block: str) -> bool:
    """A short line of a few words without punctuation set above a headline (`Haushaltsstreit`,
    `Tübingen`), which sites run into the headline with a colon."""
    line = block.strip()
    return (
        0 < len(line) <= KICKER_MAX
        and len(line.split()) <= 4
        and not re.search(r"[.!?:;,…\"“”»«()]", line)
    )


QUESTION_HEADING = 80
"""Characters: a one-sentence question alone on its line up to this long is a subheading."""


def is_subheading(block: str) -> bool:
    """A short single line without closing punctuation stands between paragraphs as a subheading;
    so does a short question ("Wie geht es weiter?"), as newspapers set many of theirs. A question
    of more than one sentence, or a long one, is a paragraph."""
    line = block.strip()
    if "\n" in line or not line:
        return False
    if line.endswith("?"):
        return len(line) <= QUESTION_HEADING and not re.search(r"[.!?:;…]\s", line)
    return len(line) <= 120 and not line.endswith(
        (".", "!", ":", ";", ",", "…", '"', "“", "”", "«", "»", ")")
    )


@dataclass(frozen=True)
class Block:
    """A paragraph of an article file, the line it starts on (counted from 1), and its lines as
    the file has them."""

    line: int
    text: str
    lines: tuple[str, ...] = ()

    def split(self) -> list[Block]:
        """Each of the paragraph's lines as a paragraph of its own."""
        return [Block(self.line + i, line, (line,)) for i, line in enumerate(self.lines)]


def numbered_blocks(text: str) -> list[Block]:
    """Paragraphs separated by blank lines, each with its first line's number; if a file has no
    blank line, every line is a paragraph. Lines of a paragraph are joined with spaces."""
    lines = text.splitlines()
    single = not any(not line.strip() for line in _inner(lines))
    blocks: list[Block] = []
    start, current = 0, []
    for number, line in enumerate(lines, 1):
        if line.strip() and not single:
            start, current = start or number, [*current, line.strip()]
            continue
        if current:
            blocks.append(Block(start, " ".join(current), tuple(current)))
            start, current = 0, []
        if line.strip():
            blocks.append(Block(number, line.strip(), (line.strip(),)))
    if current:
        blocks.append(Block(start, " ".join(current), tuple(current)))
    return blocks


def _inner(lines: list[str]) -> list[str]:
    """The lines between the first and the last non-blank one."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return lines[filled[0] : filled[-1] + 1] if filled else []


def split_blocks(text: str) -> list[str]:
    """The paragraphs of `numbered_blocks`, without their line numbers."""
    return [block.text for block in numbered_blocks(text)]
