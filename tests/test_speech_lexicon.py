"""The user's pronunciation lexicon: file format, errors, and where it applies."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio.errors import SettingsError
from audio.text.speech import Lexicon, load_lexicon, normalize


def test_load_lexicon_reads_entries_comments_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "lexikon.txt"
    path.write_text(
        "\ufeff# Namen\n\nLawrow = Lawroff\n  Sergej Lawrow=Sergej Lawroff  \n", encoding="utf-8"
    )
    lexicon = load_lexicon(path)
    assert dict(lexicon) == {"Lawrow": "Lawroff", "Sergej Lawrow": "Sergej Lawroff"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Lawrow = Lawroff\nPutin\n", ':2: expected "written = spoken"'),
        ("= Lawroff\n", ":1: the written form is empty"),
        ("# x\nLawrow =\n", ":2: the spoken form is empty"),
        ("Lawrow = Lawroff\nLawrow = Lavrov\n", ":2: 'Lawrow' is already said as 'Lawroff'"),
    ],
)
def test_a_bad_line_is_named_with_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "lexikon.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        load_lexicon(path)
    assert str(raised.value).startswith(str(path))
    assert message in str(raised.value)


def test_a_missing_file_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot read the pronunciation lexicon"):
        load_lexicon(tmp_path / "fehlt.txt")


def test_entries_replace_whole_words_longest_first_and_keep_a_genitive_s() -> None:
    lexicon = Lexicon({"Lawrow": "Lawroff", "Sergej Lawrow": "Sergej Lawróff"})
    assert normalize("Sergej Lawrow sprach mit Lawrow.", lexicon) == (
        "Sergej Lawróff sprach mit Lawroff."
    )
    assert normalize("Lawrows Antwort kam spät.", lexicon) == "Lawroffs Antwort kam spät."
    assert normalize("Lawrowa und Klawrow schwiegen.", lexicon) == "Lawrowa und Klawrow schwiegen."


def test_the_lexicon_wins_over_the_rules() -> None:
    lexicon = Lexicon({"IWF": "Währungsfonds"})
    assert normalize("Der IWF warnt.", lexicon) == "Der Währungsfonds warnt."
    assert normalize("Der IWF warnt.") == "Der I-W-F warnt."


def test_an_empty_lexicon_changes_nothing() -> None:
    assert not Lexicon()
    assert normalize("Lawrow kam.", Lexicon()) == "Lawrow kam."
