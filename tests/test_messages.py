"""What the user is told when the disk, the folders or the input are not as a build needs them: one
line that names the file and the problem, never a traceback. The full and the read-only disks are
real: small tmpfs mounts (skipped where mounting is not allowed)."""

from __future__ import annotations

import errno
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audio.errors import ArticleError, system_problem
from audio.text.readers import read_article

runner = CliRunner()


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mounts a tmpfs with the given options below tmp_path; unmounted after the test."""
    mounted: list[Path] = []

    def make(options: str) -> Path:
        folder = tmp_path / f"mount{len(mounted)}"
        folder.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(folder)
        return folder

    yield make
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def build(*options: str) -> str:
    from audio.cli import app

    result = runner.invoke(app, ["build", "--jobs", "1", *options])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return " ".join(result.output.split())


def test_system_errors_read_as_what_to_mend() -> None:
    full = OSError(errno.ENOSPC, "No space left on device", "output/feed.xml")
    assert system_problem(full) == "output/feed.xml: the disk is full"
    somewhere = OSError(errno.ENOSPC, "No space left on device")
    assert system_problem(somewhere) == "the disk is full"
    odd = OSError(errno.ENOLINK, "Link has been severed", "x")
    assert system_problem(odd) == "x: Link has been severed"


@pytest.mark.slow
def test_an_output_that_is_a_file_is_named_before_the_build(project: Path) -> None:
    (project / "output").write_text("not a folder", encoding="utf-8")
    said = build()
    assert "error: output output: a file, not a folder" in said
    (project / "output").unlink()
    (project / "elsewhere").write_text("a file", encoding="utf-8")
    said = build("--out", "elsewhere/output")
    assert "error: output elsewhere/output: a file, not a folder (elsewhere is in its path)" in said


@pytest.mark.slow
def test_a_read_only_output_is_named_before_the_build(project: Path, mount: Callable) -> None:
    folder = mount("size=1M,ro")
    said = build("--out", str(folder / "output"))
    assert (
        f"error: output {folder / 'output'} cannot be written: the file system is read-only "
        f"({folder})"
    ) in said


@pytest.mark.slow
def test_a_full_disk_fails_the_edition_with_a_line_that_says_so(
    project: Path, mount: Callable
) -> None:
    folder = mount("size=600k")
    said = build("--out", str(folder / "output"))
    # Refused before any of it is narrated: the edition would not fit beside the reserve.
    assert re.search(
        r"error: articles/seed\.txt: its edition \(about 4 minutes of speech\) needs about \d+ MB "
        r"in .*, and the disk has \d+ MB free",
        " ".join(said.split()),
    ), said
    assert "failed unexpectedly" not in said


@pytest.mark.slow
def test_render_onto_a_full_disk_says_so(project: Path, mount: Callable) -> None:
    from audio.cli import app

    folder = mount("size=64k")
    result = runner.invoke(app, ["render", "articles/seed.txt", "-o", str(folder / "x.mp3")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "the disk is full" in result.output


@pytest.mark.parametrize("date", ["9999-12-31T23:59:59+14:00", "0001-01-01", "1899-12-31"])
def test_a_date_no_calendar_can_convert_is_refused_when_read(tmp_path: Path, date: str) -> None:
    path = tmp_path / "datum.md"
    body = "Ein Absatz mit genug Text, damit er als Kommentar gelesen wird."
    path.write_text(f"---\ndate: {date}\n---\n{body}\n", encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value) == (
        f"{path}: the date {date[:10]} cannot be a commentary's: its year lies outside 1900 to 2199"
    )
