"""The code's fingerprints: every file of the package in one group, and a change to the code that
shapes an edition builds it again in an installed copy of the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import audio
from audio.fingerprints import CACHES, GROUPS, PACKAGE, code_digest, source_files


def package_files() -> set[str]:
    return {file.relative_to(PACKAGE).as_posix() for file in source_files(PACKAGE)}


def test_every_file_of_the_package_is_in_exactly_one_group() -> None:
    owners: dict[str, list[str]] = {}
    for group, parts in GROUPS.items():
        for part in parts:
            for file in source_files(PACKAGE / part):
                owners.setdefault(file.relative_to(PACKAGE).as_posix(), []).append(group)
    unassigned = package_files() - set(owners)
    assert not unassigned, f"put {sorted(unassigned)} into a group in audio/fingerprints.py"
    twice = {file: groups for file, groups in owners.items() if len(groups) > 1}
    assert not twice, f"in more than one group: {twice}"


def test_the_code_behind_a_cache_shapes_editions() -> None:
    shaping = {
        file.relative_to(PACKAGE).as_posix()
        for group in ("audio", "tags")
        for part in GROUPS[group]
        for file in source_files(PACKAGE / part)
    }
    for cache, parts in CACHES.items():
        files = {
            f.relative_to(PACKAGE).as_posix() for p in parts for f in source_files(PACKAGE / p)
        }
        assert files <= shaping, f"{cache}: {sorted(files - shaping)} shape no edition"


def test_a_part_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "speech").mkdir()
    (tmp_path / "speech" / "dates.py").write_text("MONTHS = 12\n", encoding="utf-8")
    with pytest.raises(LookupError, match=r"limiter\.py"):
        code_digest(("speech", "limiter.py"), tmp_path)


def test_code_counts_by_its_source(tmp_path: Path) -> None:
    (tmp_path / "speech").mkdir()
    rule = tmp_path / "speech" / "dates.py"
    rule.write_text("MONTHS = 12\n", encoding="utf-8")
    (tmp_path / "tags.py").write_text("", encoding="utf-8")
    before = code_digest(("speech",), tmp_path)
    (tmp_path / "speech" / "__pycache__").mkdir()
    (tmp_path / "speech" / "__pycache__" / "dates.pyc").write_bytes(b"compiled")
    assert code_digest(("speech",), tmp_path) == before
    rule.write_text("MONTHS = 13\n", encoding="utf-8")
    assert code_digest(("speech",), tmp_path) != before
    assert code_digest(("speech", "tags.py"), tmp_path) != code_digest(("speech",), tmp_path)


@pytest.fixture
def installed(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package outside the repository, as pip installs it: its own source files."""
    site = tmp_path_factory.mktemp("site-packages")
    shutil.copytree(
        Path(audio.__file__).parent, site / "audio", ignore=shutil.ignore_patterns("__pycache__")
    )
    return site


def build_with(site: Path, project: Path) -> str:
    """`audio-edition build` run with the package in `site`; what it says it did."""
    environment = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-m", "audio", "build", "--jobs", "1"],
        cwd=project, env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def change(site: Path, module: str) -> None:
    with (site / "audio" / module).open("a", encoding="utf-8") as source:
        source.write("\n# a change\n")


@pytest.mark.slow
@pytest.mark.parametrize(
    "module",
    ["mastering/limiter.py", "voice/cutting.py", "mastering/encoder.py", "text/readers/raw.py"],
)
def test_a_change_to_code_that_shapes_the_audio_builds_the_edition_again(
    installed: Path, project: Path, module: str
) -> None:
    assert "1 built" in build_with(installed, project)
    change(installed, module)
    assert "1 built" in build_with(installed, project)


@pytest.mark.slow
def test_a_change_to_the_cli_or_the_progress_display_builds_nothing(
    installed: Path, project: Path
) -> None:
    assert "1 built" in build_with(installed, project)
    change(installed, "cli/__init__.py")
    change(installed, "cli/progress.py")
    assert "1 unchanged" in build_with(installed, project)
