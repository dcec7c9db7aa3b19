"""A build killed with SIGKILL at every stage leaves a folder that `check` passes, whose feed names
only whole files at the lengths it announces, and the next build completes the job. The kills are
real: a build in a subprocess kills itself at a named place (audio/crashpoints.py), exactly as
`kill -9` would. (Kills at random instants and disk-full sweeps: bench/adversarial.py.)"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest

from audio import crashpoints
from audio.builds import journal
from audio.builds.build import BUILT, UNCHANGED, build_output
from audio.builds.check import check, targets
from audio.builds.manifest import load_manifest
from audio.crashpoints import FULL, VARIABLE
from audio.errors import AudioEditionError
from audio.settings import Settings, load_settings
from audio.text.readers import read_article
from tests.conftest import PYPROJECT
from tests.newsroom import short_article

pytestmark = pytest.mark.slow

# Where a build is killed, in the order a build passes them.
BEFORE_SYNTHESIS = "synthesis@1"
DURING_SYNTHESIS = "synthesis@2"  # the first article is staged, the second is being spoken
AFTER_SYNTHESIS = "synthesized@1"  # speech in memory, nothing encoded
ENCODED = "write:{slug}.mp3"  # the first MP3 complete under its temporary name
STAGED = "staged@1"
COMMITTING = "commit@1"  # the first edition file moved into the published folder
DOCUMENTS = "documents"  # every new document staged, the journal not yet written
JOURNAL = "write:manifest.json@1"  # the manifest with the journal complete, not yet renamed
JOURNALED = "journal"  # the journal written, no document switched yet
SWITCHING = "switch@2"  # two documents switched in, the others still staged
SAVING = "write:manifest.json@2"  # every document switched, the manifest without journal not
SWITCHED = "switched"  # the manifest without journal written, nothing retired yet
RETIRING = "retire@1"  # the first file of a dropped edition deleted
POINTS = [
    BEFORE_SYNTHESIS,
    DURING_SYNTHESIS,
    AFTER_SYNTHESIS,
    ENCODED,
    STAGED,
    COMMITTING,
    DOCUMENTS,
    JOURNAL,
    JOURNALED,
    SWITCHING,
    SAVING,
    SWITCHED,
    RETIRING,
]


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three articles, nothing built yet."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "articles").mkdir()
    for number in range(3):
        write(tmp_path, number)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def good_state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three articles built: the state an update starts from."""
    folder = tmp_path_factory.mktemp("good")
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (folder / "articles").mkdir()
    for number in range(3):
        write(folder, number)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        assert not build_output(load_settings(), jobs=1).failures
    return folder


@pytest.fixture
def updated(good_state: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the good state with k0 corrected, k2 removed and k3 new, nothing built yet."""
    folder = tmp_path / "newsroom"
    shutil.copytree(good_state, folder)
    write(folder, 0, author="Anna Berger")
    write(folder, 3)
    (folder / "articles" / "k2.txt").unlink()
    monkeypatch.chdir(folder)
    return folder


def write(folder: Path, number: int, **fields: object) -> None:
    text = short_article(number, **fields)
    (folder / "articles" / f"k{number}.txt").write_text(text, encoding="utf-8")


def killed_build(folder: Path, point: str, jobs: int = 1) -> None:
    """A build in a subprocess that is killed at `point`; its workers die with it."""
    slug = first_slug(folder)
    environment = {**os.environ, VARIABLE: point.format(slug=slug)}
    build = subprocess.Popen(
        [sys.executable, "-m", "audio", "build", "--jobs", str(jobs), "-q"],
        cwd=folder,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    output, _ = build.communicate(timeout=120)
    with contextlib.suppress(ProcessLookupError):  # workers still rendering for the dead build
        os.killpg(build.pid, signal.SIGKILL)
    assert build.returncode == -signal.SIGKILL, output.decode()


def first_slug(folder: Path) -> str:
    """The slug of the first article rendered: k0's (new or changed, it comes first)."""
    return read_article(folder / "articles" / "k0.txt").slug


def assert_feed_names_only_whole_files(output: Path, lengths: bool) -> None:
    feed = output / "feed.xml"
    if not feed.exists():
        return
    for entry in feedparser.parse(feed.read_bytes()).entries:
        (enclosure,) = entry.enclosures
        path = output / enclosure.href.removeprefix("https://example.org/podcast/")
        assert path.is_file(), f"the feed names {path}, which is missing"
        if lengths:
            assert int(enclosure.length) == path.stat().st_size, path


def recover(folder: Path) -> dict[str, str]:
    """Build again as usual, then check: what the build did with each article."""
    report = build_output(load_settings(), jobs=1)
    assert not report.failures, report.failures
    assert [str(p) for p in check(folder / "output", targets(load_settings()))] == []
    assert_feed_names_only_whole_files(folder / "output", lengths=True)
    assert not (folder / "output" / ".staging").exists()
    assert not list((folder / "output").rglob(".*.tmp"))
    return {o.source.name: o.why or o.action for o in report.outcomes}


@pytest.mark.parametrize("point", [DURING_SYNTHESIS, DOCUMENTS, SWITCHING])
def test_a_first_build_killed(newsroom: Path, point: str) -> None:
    killed_build(newsroom, point)
    assert_feed_names_only_whole_files(newsroom / "output", lengths=True)
    if point == SWITCHING:  # the first publication, half switched in: check reads the journal
        assert [str(p) for p in check(newsroom / "output", targets(load_settings()))] == []
    done = recover(newsroom)
    assert len(feedparser.parse((newsroom / "output" / "feed.xml").read_bytes()).entries) == 3
    if point == DOCUMENTS:
        assert done["k0.txt"] == "staged by a killed build"


@pytest.mark.parametrize("point", POINTS)
def test_an_update_killed(updated: Path, point: str) -> None:
    output = updated / "output"
    removed = {output / p for p in load_manifest(output).records["k2.txt"].files}
    killed_build(updated, point)
    # At every instant the folder is the old publication or the new one, the new one perhaps
    # with documents still under their staged names, which `check` reads from the journal.
    assert_feed_names_only_whole_files(output, lengths=True)
    assert [str(p) for p in check(output, targets(load_settings()))] == []
    done = recover(updated)
    entries = feedparser.parse((output / "feed.xml").read_bytes()).entries
    assert sorted(e.title for e in entries) == [
        f"Kommentar Nummer {n} zur Lage an der Grenze" for n in (0, 1, 3)
    ]
    assert {e.author for e in entries} == {"Anna Berger", "Thomas Ludwig"}
    assert not any(path.exists() for path in removed)
    assert done["k1.txt"] == UNCHANGED
    if POINTS.index(STAGED) <= POINTS.index(point) <= POINTS.index(JOURNAL):
        assert done["k0.txt"] == "staged by a killed build"
    elif POINTS.index(point) > POINTS.index(JOURNAL):  # published before the kill
        assert done["k0.txt"] == UNCHANGED


def test_a_parallel_build_killed_in_a_worker(newsroom: Path) -> None:
    killed_build(newsroom, AFTER_SYNTHESIS, jobs=2)
    assert not (newsroom / "output" / "feed.xml").exists()
    assert set(recover(newsroom).values()) <= {"new", "staged by a killed build", BUILT}


def group_members(group: int) -> set[int]:
    """Live processes of a process group (zombies waiting to be reaped are not alive)."""
    members = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if fields[0] != "Z" and int(fields[2]) == group:
                members.add(int(stat.parent.name))
    return members


def waited_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_workers_end_when_the_build_alone_is_killed(newsroom: Path) -> None:
    build = subprocess.Popen(
        [sys.executable, "-m", "audio", "build", "--jobs", "2", "-q"],
        cwd=newsroom,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert waited_for(lambda: len(group_members(build.pid)) > 1), "no worker started"
        build.kill()  # the build's process only, as `kill -9 PID` or a timeout does
        build.wait()
        assert waited_for(lambda: not group_members(build.pid)), group_members(build.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)


def writes_of_a_build(folder: Path, settings: Settings) -> int:
    """How many writes (through audio/files.py) an uninterrupted build of a copy makes."""
    copy = folder.parent / "counted"
    shutil.copytree(folder, copy)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(copy)
        patch.setenv(FULL, str(10**9))
        patch.setattr(crashpoints, "_passed", crashpoints.Counter())
        assert not build_output(settings, jobs=1).failures
        return crashpoints._passed[FULL]


def test_a_full_disk_at_every_write_of_publishing(
    good_state: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A setting of the feed and the site changed: the documents showing it are written again,
    then the manifest with the journal and without. The disk fills up at each write in turn;
    each time the build says so in one sentence, the folder passes `check` as it is, and the next
    build completes. (Edited articles, writes while rendering and a real full file system:
    bench/adversarial.py.)"""
    settings = load_settings(good_state).replace(podcast_description="Neu beschrieben.")
    total = writes_of_a_build(good_state, settings)
    assert total >= 4  # the pages, the index and the feed that describe it; the manifest twice
    stays = "nothing new was published, the previous publication stays"
    finishes = "the new publication is in place but not every document is switched in yet; "
    finishes += "the next build finishes it"
    said = []
    for write in range(1, total + 1):
        copy = tmp_path / f"full-at-{write}"
        shutil.copytree(good_state, copy)
        monkeypatch.chdir(copy)
        monkeypatch.setenv(FULL, str(write))
        monkeypatch.setattr(crashpoints, "_passed", crashpoints.Counter())
        with pytest.raises(AudioEditionError) as full:
            build_output(settings, jobs=1)
        monkeypatch.delenv(FULL)
        message = str(full.value)
        assert re.fullmatch(rf"output: the disk is full \(writing [\w.-]+\): ({stays}|{finishes})",
                            message), message  # fmt: skip
        said.append(message.rsplit(": ", 1)[1])
        assert [str(p) for p in check(copy / "output", targets(settings))] == []
        assert_feed_names_only_whole_files(copy / "output", lengths=True)
        assert build_output(settings, jobs=1).count() == {UNCHANGED: 3}
        assert b"Neu beschrieben." in (copy / "output" / "feed.xml").read_bytes()
        assert not journal.pending(copy / "output")
    # The last write is the manifest without the journal: only then is the switch unfinished.
    assert said == [stays] * (total - 1) + [finishes]
