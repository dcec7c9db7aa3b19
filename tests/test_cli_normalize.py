"""`audio-edition normalize`: the spoken form of text from the argument or standard input."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from audio.cli import app

runner = CliRunner()


def test_normalizes_the_argument(project: Path) -> None:
    result = runner.invoke(app, ["normalize", "Am 21. Januar 2022 um 19:00 Uhr, z. B. in der EU."])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Am einundzwanzigsten Januar zweitausend zweiundzwanzig um neunzehn Uhr, "
        "zum Beispiel in der E-U.\n"
    )


def test_reads_standard_input_line_by_line_keeping_empty_lines(project: Path) -> None:
    written = "21. Januar 2022, 19:00 Uhr\n\nRund 100.000 Soldaten. Das ist Dr. Müllers 3. Buch.\n"
    result = runner.invoke(app, ["normalize"], input=written)
    assert result.exit_code == 0, result.output
    assert result.output.split("\n") == [
        "einundzwanzigster Januar zweitausend zweiundzwanzig, neunzehn Uhr",
        "",
        "Rund hunderttausend Soldaten. Das ist Doktor Müllers drittes Buch.",
        "",
    ]


def test_applies_the_lexicon_from_the_settings_and_the_option(project: Path) -> None:
    (project / "lexikon.txt").write_text("Lawrow = Lawroff\n", encoding="utf-8")
    (project / "andere.txt").write_text("Lawrow = Lavrov\n", encoding="utf-8")
    settings = (project / "pyproject.toml").read_text(encoding="utf-8")
    (project / "pyproject.toml").write_text(settings + 'lexicon = "lexikon.txt"\n', "utf-8")

    from_settings = runner.invoke(app, ["normalize", "Sergej Lawrow sprach."])
    from_option = runner.invoke(
        app, ["normalize", "--lexicon", "andere.txt", "Sergej Lawrow sprach."]
    )
    assert from_settings.output == "Sergej Lawroff sprach.\n"
    assert from_option.output == "Sergej Lavrov sprach.\n"


def test_a_bad_lexicon_is_one_message_with_file_and_line(project: Path) -> None:
    (project / "lexikon.txt").write_text("# Namen\nLawrow Lawroff\n", encoding="utf-8")
    result = runner.invoke(app, ["normalize", "--lexicon", "lexikon.txt", "Lawrow"])
    assert result.exit_code == 1
    assert "lexikon.txt:2: expected" in result.output
    assert "Traceback" not in result.output


def test_the_readme_example_is_what_the_tool_prints(project: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    found = re.search(r'`echo "([^"]+)" \| audio-edition normalize` prints\s+`([^`]+)`', readme)
    assert found, "README.md has no normalize example"
    written, printed = found[1], " ".join(found[2].split())
    result = runner.invoke(app, ["normalize"], input=written + "\n")
    assert result.exit_code == 0, result.output
    assert result.output == printed + "\n"


def test_a_year_in_a_date_is_two_words_an_amount_one(project: Path) -> None:
    result = runner.invoke(app, ["normalize", "Am 21. Januar 2022 kostete es 2.022 Euro."])
    assert result.output == (
        "Am einundzwanzigsten Januar zweitausend zweiundzwanzig kostete es "
        "zweitausendzweiundzwanzig Euro.\n"
    )
