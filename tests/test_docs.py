"""The documentation keeps up with the code: every command and setting is in the README, every
command's help shows an example, and the module map lists every module."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audio.cli import app
from audio.settings import Settings
from tests.modulemap import PACKAGE, module_map

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(
    command.name or command.callback.__name__.replace("_", "-")
    for command in app.registered_commands
    if command.callback is not None
)


def section(title: str) -> str:
    """The README's section under `## title`, up to the next one."""
    match = re.search(
        rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.MULTILINE | re.DOTALL
    )
    assert match, f"README has no section '## {title}'"
    return match[1]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name: str) -> None:
    assert re.search(rf"^audio-edition {name}\b", section("Commands"), re.MULTILINE), name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_shows_an_example(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert re.search(rf"Example: .*audio-edition {name}\b", result.output), result.output


@pytest.mark.parametrize("name", [field.name for field in fields(Settings)])
def test_every_setting_is_in_the_readme(name: str) -> None:
    assert re.search(rf"^\| [^|]*`{name}`", section("Settings"), re.MULTILINE), name


def test_the_module_map_lists_every_module() -> None:
    on_disk = (ROOT / "docs" / "modules.md").read_text(encoding="utf-8")
    assert on_disk == module_map(), "run: python -m tests.modulemap > docs/modules.md"


def test_the_readme_names_every_part_of_the_package() -> None:
    files = {p.name for p in PACKAGE.glob("*.py")} - {"__init__.py", "__main__.py"}
    folders = {f"{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    development = section("Development")
    missing = {part for part in files | folders if part not in development}
    assert not missing, f"the README's Development section does not name {sorted(missing)}"
