from __future__ import annotations

from pathlib import Path

import pytest

from audio.errors import SettingsError
from audio.settings import Settings
from audio.text.article import Article, Section
from audio.text.readers import read_article
from audio.text.script import LONGEST_SENTENCE, PIECE_PAUSE, build_script
from audio.voice.cutting import MIN_PAUSE, Cutting
from tests.conftest import SEED

SETTINGS = Settings(pause_sentence=0.4, pause_paragraph=0.8, pause_section=1.5)


def test_seed_script_parts_and_chapter_titles() -> None:
    script = build_script(read_article(SEED), SETTINGS)
    assert [part.kind for part in script.parts] == [
        "intro",
        "teaser",
        "section",
        "section",
        "outro",
    ]
    assert [part.title for part in script.parts] == [
        "Ansage",
        "Vorspann",
        "Kommentar",
        "Logik von empfundener Bedrohung und zur Schau getragener Abschreckung",
        "Abspann",
    ]


def test_intro_names_author_date_and_time_and_skips_a_title_cut_from_the_teaser() -> None:
    intro = build_script(read_article(SEED), SETTINGS).parts[0]
    assert [s.text for s in intro.sentences] == [
        "Ein Kommentar von Thomas Ludwig vom 21. Januar 2022, 19:00 Uhr."
    ]
    assert [s.spoken for s in intro.sentences] == [
        "Ein Kommentar von Thomas Ludwig vom einundzwanzigsten Januar "
        "zweitausend zweiundzwanzig, neunzehn Uhr."
    ]


def test_intro_of_a_dateline_without_time_says_only_the_date(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("21. Januar 2022, 19:00 Uhr", "21. Januar 2022")
    article = tmp_path / "ohne_uhrzeit.txt"
    article.write_text(text, encoding="utf-8")
    intro = build_script(read_article(article), SETTINGS).parts[0]
    assert [s.spoken for s in intro.sentences] == [
        "Ein Kommentar von Thomas Ludwig vom einundzwanzigsten Januar zweitausend zweiundzwanzig."
    ]


def test_subheading_is_spoken_and_pauses_grow_with_the_unit() -> None:
    script = build_script(read_article(SEED), SETTINGS)
    section = script.parts[3]
    heading = section.sentences[0]
    assert heading.text == "Logik von empfundener Bedrohung und zur Schau getragener Abschreckung."
    assert heading.pause == 0.8
    paragraph_end = next(s for s in section.sentences if s.text.startswith("Vertrauen aufzubauen"))
    assert paragraph_end.pause == 0.8
    inside = next(s for s in section.sentences if s.text.startswith("Es ist die Logik"))
    assert inside.pause == 0.4
    assert section.sentences[-1].text == "Es gäbe nur Verlierer."
    assert section.sentences[-1].pause == 1.5


def test_outro_names_the_podcast_and_ends_without_pause() -> None:
    outro = build_script(read_article(SEED), Settings(podcast_title="Morgenkommentar")).parts[-1]
    assert [s.text for s in outro.sentences] == [
        "Das war ein Kommentar von Thomas Ludwig.",
        "Sie hörten Morgenkommentar.",
    ]
    assert outro.sentences[-1].pause == 0.0


def test_the_settings_lexicon_changes_what_is_said_not_what_is_shown(tmp_path: Path) -> None:
    lexicon = tmp_path / "aussprache.txt"
    lexicon.write_text("# Namen\nLawrow = Lawroff\n", encoding="utf-8")
    script = build_script(read_article(SEED), Settings(lexicon=lexicon))
    named = [s for s in script.sentences if "Lawrow" in s.text]
    assert len(named) == 2
    assert all("Lawroff" in s.spoken and "Lawrow " not in s.spoken for s in named)


def test_a_broken_lexicon_is_named_with_its_line(tmp_path: Path) -> None:
    lexicon = tmp_path / "aussprache.txt"
    lexicon.write_text("Lawrow = Lawroff\nNato\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"aussprache\.txt:2: expected"):
        build_script(read_article(SEED), Settings(lexicon=lexicon))


def long_article(body: str) -> Article:
    return Article(
        source=Path("lang.txt"),
        title="Ein Satz ohne Ende",
        author="Anna Beispiel",
        published=None,
        teaser=None,
        sections=(Section(None, (body,)),),
    )


def test_a_sentence_without_end_is_read_in_pieces_an_engine_can_take() -> None:
    words = [f"W{number:05d}" for number in range(28_600)]
    body = " ".join(words)  # 200,000 characters, no punctuation at all
    script = build_script(long_article(body), SETTINGS)
    pieces = script.parts[1].sentences
    assert len(body) >= 200_000 and len(pieces) >= len(body) // (LONGEST_SENTENCE + 1)
    assert max(len(piece.text) for piece in pieces) <= LONGEST_SENTENCE
    assert " ".join(piece.text for piece in pieces).split() == words
    assert {piece.pause for piece in pieces[:-1]} == {PIECE_PAUSE}
    assert pieces[-1].pause == SETTINGS.pause_section
    # Each piece ends in a pause the programme may be cut in: a segment holds a few at most.
    runs = Cutting(44100, 1152).runs(script.sentences)
    assert max(len(run) for run in runs) <= 3


def test_a_long_sentence_is_cut_after_its_clauses() -> None:
    clause = "die Verhandlungen in Genf gehen weiter als alle erwartet hatten"
    body = ", ".join([clause] * 12) + "."
    pieces = build_script(long_article(body), SETTINGS).parts[1].sentences
    assert [len(piece.text) for piece in pieces] == [259, 259, 259]  # four clauses each
    assert all(piece.text.endswith("hatten,") for piece in pieces[:-1])
    assert pieces[-1].text.endswith("hatten.") and pieces[0].spoken.endswith("hatten")
    assert " ".join(piece.text for piece in pieces) == body


def test_a_word_longer_than_a_piece_is_cut_as_it_stands() -> None:
    body = "Das " + "x" * 1000 + " Ende."
    pieces = [piece.text for piece in build_script(long_article(body), SETTINGS).parts[1].sentences]
    x = "x" * LONGEST_SENTENCE
    assert pieces == ["Das", x, x, x, "x" * 100 + " Ende."]


def test_a_cut_sentence_may_be_cut_into_segments_there() -> None:
    assert PIECE_PAUSE >= MIN_PAUSE


def test_a_number_longer_than_python_converts_is_read_in_pieces() -> None:
    # Python refuses to convert more than 4,300 digits (a ValueError that failed the article
    # "unexpectedly"): the number is cut with its sentence (audio/text/script.py).
    article = Article(
        source=Path("zahlen.txt"),
        title="Zahlen",
        author=None,
        published=None,
        teaser=None,
        sections=(Section(None, (f"Es waren {'9' * 5000} Menschen.",)),),
    )
    said = build_script(article, Settings()).parts[1].sentences
    assert said[0].text == "Es waren" and said[-1].text.endswith(" Menschen.")
    assert "".join(sentence.text for sentence in said[1:]).startswith("9" * 5000)
    assert all(set(s.spoken.split()) == {"neun"} for s in said[1:-1])
