"""Publishing as one step (audio/builds/journal.py), on documents made by hand: the old publication
stays whole until the journal is written, the new one counts from then on, `located` reads what
is not switched yet, and `finish` completes a switch a build left halfway."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from audio import crashpoints
from audio.builds import journal
from audio.builds.manifest import Inputs, Manifest, Record, load_manifest, save_manifest
from audio.builds.staging import new_stage


class Killed(Exception):
    """Stands for SIGKILL at a crash point (tests/test_crash.py kills for real)."""


@pytest.fixture
def output(tmp_path: Path) -> Path:
    """A published folder: an edition file, its page, the index and the feed, the manifest."""
    folder = tmp_path / "output"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "a.0123456789.mp3").write_bytes(b"old audio")
    (folder / "a" / "index.html").write_bytes(b"old page")
    (folder / "index.html").write_bytes(b"old index")
    (folder / "feed.xml").write_bytes(b"old feed")
    save_manifest(folder, manifest("old"))
    return folder


def manifest(version: str) -> Manifest:
    files = {"a/a.0123456789.mp3": 9, "a/index.html": len(f"{version} page")}
    record = Record({"slug": "a", "version": version}, Inputs(version, "", ""), files)
    site = {"index.html": len(f"{version} index"), "feed.xml": len(f"{version} feed")}
    return Manifest({"a.txt": record}, version, site)


NEW = {"a/index.html": b"new page", "index.html": b"new index", "feed.xml": b"new feed"}


def published(output: Path) -> dict[str, bytes]:
    return {name: (output / name).read_bytes() for name in NEW}


def kill_at(monkeypatch: pytest.MonkeyPatch, name: str, count: int = 1) -> list[str]:
    """Crash points passed, in order; the `count`-th pass of `name` raises Killed."""
    passed: list[str] = []

    def point(where: str) -> None:
        passed.append(where)
        if passed.count(name) == count and where == name:
            raise Killed(where)

    monkeypatch.setattr(crashpoints, "point", point)
    return passed


def test_a_whole_switch_publishes_every_document_the_feed_last(
    output: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    passed = kill_at(monkeypatch, "never")
    order: list[str] = []
    replace = journal.os.replace

    def recording(source: Path, target: Path) -> None:
        order.append(Path(target).relative_to(output).as_posix())
        replace(source, target)

    monkeypatch.setattr(journal.os, "replace", recording)
    done = journal.publish(output, new_stage(output), NEW, manifest("new"))
    assert published(output) == NEW
    # The page before the index that links to it, the feed last, the manifests around them.
    assert order == [
        "manifest.json", "a/index.html", "index.html", "feed.xml", "manifest.json"
    ]  # fmt: skip
    assert passed == ["documents", "write:manifest.json", "journal", *["switch"] * 3,
                      "write:manifest.json", "switched"]  # fmt: skip
    assert load_manifest(output) == done and done.switching == [] and done.published_with == "new"


def test_killed_before_the_journal_the_old_publication_is_whole(
    output: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kill_at(monkeypatch, "documents")
    with pytest.raises(Killed):
        journal.publish(output, new_stage(output), NEW, manifest("old-then-new"))
    assert published(output) == {
        "a/index.html": b"old page",
        "index.html": b"old index",
        "feed.xml": b"old feed",
    }
    assert load_manifest(output) == manifest("old")


@pytest.mark.parametrize("switched", [0, 1, 2])
def test_killed_while_switching_the_journal_finds_the_rest(
    output: Path, monkeypatch: pytest.MonkeyPatch, switched: int
) -> None:
    if switched:
        kill_at(monkeypatch, "switch", switched)
    else:
        kill_at(monkeypatch, "journal")
    with pytest.raises(Killed):
        journal.publish(output, new_stage(output), NEW, manifest("new"))
    on_disk = load_manifest(output)
    assert on_disk.published_with == "new" and len(on_disk.switching) == 3
    # Whatever is switched already, each document is found whole in its new version.
    where = journal.located(output, on_disk)
    assert {name: where(name).read_bytes() for name in NEW} == NEW
    assert sum(published(output)[name] == NEW[name] for name in NEW) == switched
    monkeypatch.undo()
    done = journal.finish(output, on_disk)
    assert published(output) == NEW and done.switching == []
    assert load_manifest(output).switching == []


def test_a_journal_may_not_rename_from_outside_the_staging_folder(output: Path) -> None:
    (output / "secret.txt").write_bytes(b"not staged")
    data = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    data["switching"] = [["secret.txt", "feed.xml"], ["/etc/hostname", "index.html"]]
    (output / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    loaded = load_manifest(output)
    assert loaded.switching == [("secret.txt", "feed.xml")]
    assert loaded.refused == ["/etc/hostname → index.html"]
    journal.finish(output, loaded)
    assert (output / "secret.txt").read_bytes() == b"not staged"
    assert (output / "feed.xml").read_bytes() == b"old feed"


@pytest.mark.parametrize("write", [1, 2, 3, 4])
def test_a_full_disk_before_the_switch_leaves_the_old_publication(
    output: Path, monkeypatch: pytest.MonkeyPatch, write: int
) -> None:
    """Writes 1 to 3 are the staged documents, 4 the manifest with the journal."""
    monkeypatch.setenv(crashpoints.FULL, str(write))
    monkeypatch.setattr(crashpoints, "_passed", crashpoints.Counter())
    with pytest.raises(OSError) as full:
        journal.publish(output, new_stage(output), NEW, manifest("new"))
    assert full.value.errno == errno.ENOSPC
    assert load_manifest(output) == manifest("old")
    assert published(output)["feed.xml"] == b"old feed"
    assert not [p.name for p in output.iterdir() if p.name.endswith(".audio-edition-tmp")]


def test_a_full_disk_at_the_last_manifest_leaves_the_journal_to_finish(
    output: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(crashpoints.FULL, "5")
    monkeypatch.setattr(crashpoints, "_passed", crashpoints.Counter())
    with pytest.raises(OSError):
        journal.publish(output, new_stage(output), NEW, manifest("new"))
    assert published(output) == NEW  # every document switched; only the journal remains
    assert journal.pending(output)
    monkeypatch.delenv(crashpoints.FULL)
    journal.finish(output, load_manifest(output))
    assert not journal.pending(output)


def test_unchanged_documents_are_not_written_again(output: Path) -> None:
    before = (output / "index.html").stat().st_mtime_ns
    documents = {**NEW, "index.html": b"old index"}
    journal.publish(output, new_stage(output), documents, manifest("new"))
    assert (output / "index.html").stat().st_mtime_ns == before
    assert (output / "feed.xml").read_bytes() == b"new feed"
