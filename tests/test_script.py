from __future__ import annotations

from pathlib import Path

import pytest

from audio.errors import SettingsError
from audio.settings import Settings
from audio.text.readers import read_article
from audio.text.script import build_script
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
