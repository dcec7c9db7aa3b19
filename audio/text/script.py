"""Article → Script: what the narrator says, sentence by sentence, with the silence after each and
the parts that become chapters."""

from __future__ import annotations

from dataclasses import dataclass

from audio.settings import Settings
from audio.text import phrases
from audio.text.article import Article
from audio.text.speech import load_lexicon, normalize, split_sentences


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
            said.extend(
                Sentence(
                    text, normalize(text, lexicon), block_end if i == len(parts) - 1 else sentence
                )
                for i, text in enumerate(parts)
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


def _teaser_repeats(article: Article) -> bool:
    """A title cut from the teaser would be heard twice in a row."""
    return bool(article.teaser) and article.teaser.startswith(article.title.rstrip(" …"))


def _closed(line: str) -> str:
    """Headings carry no full stop; without one, engines run them into the next sentence."""
    return line if line.endswith((".", "!", "?")) else f"{line}."
