"""Article → Script: what the narrator says, sentence by sentence, with the silence after each and
the parts that become chapters."""

from __future__ import annotations

import re
from dataclasses import dataclass

from audio.settings import Settings
from audio.text import phrases
from audio.text.article import Article
from audio.text.speech import load_lexicon, normalize, split_sentences

LONGEST_SENTENCE = 300
"""Characters (as written), about 25 s of speech: a longer sentence is read in pieces of at most
this many, cut after a comma, semicolon, colon or dash in its second half where there is one, else
between words. An engine reads a sentence as one take, whole in memory, and narration and
mastering hold a segment at a time: a sentence without end would be held whole
(docs/performance.md, "The longest article")."""
PIECE_PAUSE = 0.35
"""Seconds of silence between the pieces of a cut sentence: a breath, and long enough for a cut
between segments there (audio/voice/cutting.py MIN_PAUSE), so that narration and mastering never
hold more than a piece or two of it."""
_CLAUSE_END = re.compile(r"[,;:](?=\s)|\s[–—](?=\s)")


@dataclass(frozen=True)
class Sentence:
    text: str
    """As written: what transcripts show."""
    spoken: str
    """As said: what the engine reads."""
    pause: float
    """Seconds of silence after it."""


@dataclass(frozen=True)
class Part:
    kind: str
    """intro, teaser, section or outro."""
    title: str
    """The chapter title."""
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Script:
    parts: tuple[Part, ...]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(sentence for part in self.parts for sentence in part.sentences)


def build_script(article: Article, settings: Settings) -> Script:
    """The narration of `article`: intro, teaser, each section with its subheading, outro, with
    the words of the settings' pronunciation lexicon said its way."""
    lexicon = load_lexicon(settings.lexicon) if settings.lexicon else None
    sentence, paragraph, section = (
        settings.pause_sentence,
        settings.pause_paragraph,
        settings.pause_section,
    )

    def say(blocks: list[str], last_pause: float) -> tuple[Sentence, ...]:
        said: list[Sentence] = []
        for index, block in enumerate(blocks):
            parts = split_sentences(block)
            block_end = last_pause if index == len(blocks) - 1 else paragraph
            for number, written in enumerate(parts):
                pieces = in_pieces(written)
                end = block_end if number == len(parts) - 1 else sentence
                said.extend(
                    Sentence(piece, normalize(piece, lexicon), end if last else PIECE_PAUSE)
                    for piece, last in zip(pieces, _last_flags(len(pieces)), strict=True)
                )
        return tuple(said)

    intro = [phrases.intro(article.author, article.published)]
    if not _teaser_repeats(article):
        intro.insert(0, _closed(article.title))
    parts = [Part("intro", phrases.CHAPTER_INTRO, say(intro, section))]
    if article.teaser:
        parts.append(Part("teaser", phrases.CHAPTER_TEASER, say([article.teaser], section)))
    for item in article.sections:
        heading = [_closed(item.heading)] if item.heading else []
        title = item.heading or phrases.CHAPTER_BODY
        parts.append(Part("section", title, say([*heading, *item.paragraphs], section)))
    outro = phrases.outro(article.author, settings.podcast_title)
    parts.append(Part("outro", phrases.CHAPTER_OUTRO, say([" ".join(outro)], 0.0)))
    return Script(tuple(parts))


def in_pieces(sentence: str) -> list[str]:
    """`sentence` cut into pieces of at most LONGEST_SENTENCE characters (see there)."""
    pieces = []
    rest = sentence
    while len(rest) > LONGEST_SENTENCE:
        window = rest[: LONGEST_SENTENCE + 1]
        clauses = [m.end() for m in _CLAUSE_END.finditer(window) if m.end() >= len(window) // 2]
        space = window.rfind(" ")
        cut = clauses[-1] if clauses else space if space > 0 else LONGEST_SENTENCE
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return [*pieces, rest]


def _last_flags(count: int) -> list[bool]:
    return [number == count - 1 for number in range(count)]


def _teaser_repeats(article: Article) -> bool:
    """A title cut from the teaser would be heard twice in a row."""
    return bool(article.teaser) and article.teaser.startswith(article.title.rstrip(" …"))


def _closed(line: str) -> str:
    """Headings carry no full stop; without one, engines run them into the next sentence."""
    return line if line.endswith((".", "!", "?")) else f"{line}."
