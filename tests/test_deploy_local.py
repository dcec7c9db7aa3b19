"""`deploy` to a local folder (a mounted web root) through the real rclone, from the command line
too: what it prints, the dry run, the build lock, a folder a killed build left unfinished, and
`build --deploy` and `watch --deploy`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audio.builds.lock import build_lock
from audio.cli import app
from audio.errors import AudioEditionError
from audio.hosting.deploy import deploy_output
from audio.settings import Settings
from tests.deploys import build, contents, newsroom
from tests.test_watch import command, idle, write

pytestmark = pytest.mark.slow

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return newsroom(tmp_path_factory.mktemp("newsroom"), "https://example.org/podcast/", 2)


@pytest.fixture
def here(built: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """A copy of the built newsroom as the working folder, deploying to ../web."""
    folder = tmp_path / "newsroom"
    shutil.copytree(built.articles.parent, folder)
    with (folder / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write(f'deploy = "{tmp_path / "web"}"\n')
    monkeypatch.chdir(folder)
    return built.replace(
        articles=folder / "articles", output=folder / "output", deploy=str(tmp_path / "web")
    )


def web(settings: Settings) -> dict[str, bytes]:
    folder = Path(settings.deploy)
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def size(settings: Settings, *names: str) -> str:
    """The size the deploy shows for these files (pages: by their edition's date)."""
    total = sum(
        len(data)
        for path, data in published(settings).items()
        if path in names or any(path.startswith(n) and path.endswith("/index.html") for n in names)
    )
    return f"{total / 1e6:.1f} MB" if total >= 1e6 else f"{round(total / 1e3)} kB"


def files(settings: Settings) -> list[str]:
    """What the first step sends: all but the pages, the index, the flash briefing, the feed."""
    listing = ("index.html", "flash-briefing.json", "feed.xml")
    return [p for p in published(settings) if p not in listing and not p.endswith("/index.html")]


def published(settings: Settings) -> dict[str, bytes]:
    return {path: (settings.output / path).read_bytes() for path in contents(settings.output)}


def test_the_command_sends_everything_then_nothing(here: Settings) -> None:
    count = len(published(here))
    first = runner.invoke(app, ["deploy"])
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert lines[:4] == [
        f"sending files: {count - 5} files, {size(here, *files(here))}",
        f"sending pages: 2 files, {size(here, '2022-01-21', '2022-01-22')}",
        f"sending index and flash briefing: 2 files, "
        f"{size(here, 'flash-briefing.json', 'index.html')}",
        f"sending feed.xml: 1 file, {size(here, 'feed.xml')}",
    ]
    assert lines[4].startswith(f"{here.deploy}: {count} files sent (")
    assert lines[4].endswith(", 0 deleted, 0 unchanged, " + lines[4].rsplit(", ", 1)[1])
    assert len(lines) == 5
    assert web(here) == published(here)
    second = runner.invoke(app, ["deploy"])
    assert second.exit_code == 0, second.output
    assert second.output.startswith(
        f"{here.deploy}: 0 files sent (0 kB), 0 deleted, {count} unchanged"
    )
    assert runner.invoke(app, ["deploy", "-q"]).output == ""


def test_a_dry_run_lists_and_changes_nothing(here: Settings) -> None:
    result = runner.invoke(app, ["deploy", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert not Path(here.deploy).exists()
    lines = result.output.splitlines()
    assert "send    feed.xml  (feed.xml)" in lines
    assert lines[-1].startswith(f"{here.deploy}: would send {len(published(here))} files (")
    assert lines[-1].endswith("and delete 0; 0 unchanged (dry run: nothing was changed)")


def test_a_removed_edition_goes_after_the_feed_and_foreign_files_stay(here: Settings) -> None:
    deploy_output(here)
    (Path(here.deploy) / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    gone = {p for p in contents(here.output) if p.startswith("2022-01-22")}
    (here.articles / "k1.txt").unlink()
    build(here)
    report = deploy_output(here)
    assert set(report.deleted) == gone
    assert [step.name for step in report.plan.steps] == ["index and flash briefing", "feed.xml"]
    assert web(here) == {**published(here), "robots.txt": b"User-agent: *\n"}
    assert not (Path(here.deploy) / "2022-01-22-kommentar-nummer-1-zur-lage-an-der-grenze").exists()


def test_a_target_inside_the_output_folder_is_refused(here: Settings) -> None:
    with pytest.raises(AudioEditionError, match="must lie outside the output folder"):
        deploy_output(here, str(here.output / "web"))


def test_a_folder_a_killed_build_left_unfinished_is_not_sent(here: Settings) -> None:
    speaker = next(p for p in contents(here.output) if p.endswith(".speaker.mp3"))
    (here.output / speaker).unlink()
    with pytest.raises(AudioEditionError, match=f"the feeds name {speaker}, which is missing;"):
        deploy_output(here)
    podcast = next(p for p in contents(here.output) if p.endswith(".mp3") and "speaker" not in p)
    size = (here.output / podcast).stat().st_size
    with (here.output / podcast).open("r+b") as cut:
        cut.truncate(size - 1)
    with pytest.raises(AudioEditionError, match=f"{podcast}, which is not {size} bytes long;"):
        deploy_output(here)
    assert not Path(here.deploy).exists()


def test_a_deploy_waits_for_a_build_or_stops(here: Settings) -> None:
    with build_lock(here.output, wait=False):
        result = runner.invoke(app, ["deploy"])
    assert result.exit_code == 1
    assert "another build is running on this folder" in result.output
    assert not Path(here.deploy).exists()


def test_build_deploy_builds_then_deploys_under_the_same_lock(here: Settings) -> None:
    (here.articles / "k0.txt").write_text(
        (here.articles / "k0.txt").read_text(encoding="utf-8").replace("Grenze", "Küste"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["build", "--deploy", "-q"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "1 built, 1 unchanged → output"
    assert lines[1].startswith(f"{here.deploy}: ")
    assert web(here) == published(here)


def test_build_deploy_without_a_target_stops_before_building(here: Settings) -> None:
    result = runner.invoke(app, ["build", "--deploy"], env={"AUDIO_EDITION_DEPLOY": ""})
    assert result.exit_code == 1
    assert "no deploy target" in result.output
    assert "built" not in result.output


def test_watch_deploy_deploys_after_every_round(
    here: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = (here.articles / "k1.txt").read_text(encoding="utf-8").replace("Grenze", "Küste")
    before = published(here)
    edit = write(here.articles / "k1.txt", edited)
    lines = command(monkeypatch, edit, idle, options=("-q", "--deploy")).splitlines()
    changed = {path for path, data in published(here).items() if before.get(path) != data}
    assert lines[0] == "2 unchanged → output"
    assert lines[1].startswith(f"{here.deploy}: {len(before)} files sent")
    assert lines[2] == "1 built, 1 unchanged → output"
    assert lines[3].startswith(f"{here.deploy}: {len(changed)} files sent")
    assert lines[4] == "Stopped watching."
    assert web(here) == published(here)


def test_a_failed_deploy_is_told_and_the_watch_goes_on(
    here: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    blocked = tmp_path / "a-file" / "web"
    monkeypatch.setenv("AUDIO_EDITION_DEPLOY", str(blocked))
    edited = (here.articles / "k1.txt").read_text(encoding="utf-8").replace("Grenze", "Küste")
    edit = write(here.articles / "k1.txt", edited)
    lines = command(monkeypatch, edit, idle, options=("-q", "--deploy")).splitlines()
    failed = f"error: {blocked}: sending files failed: mkdir {tmp_path / 'a-file'}: not a directory"
    assert lines == [
        "2 unchanged → output",
        failed,
        "1 built, 1 unchanged → output",
        failed,
        "Stopped watching.",
    ]
