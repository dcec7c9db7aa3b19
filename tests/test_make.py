"""Incremental builds through the library: what is rendered again, re-tagged, kept or dropped."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from audio.builds.build import (
    BUILT,
    FAILED,
    REMOVED,
    RETAGGED,
    UNCHANGED,
    Events,
    Report,
    build_output,
)
from audio.builds.check import check, targets
from audio.builds.lock import LOCK, BuildLocked, build_lock
from audio.builds.staleness import ROTTEN
from audio.errors import SettingsError
from audio.settings import load_settings
from audio.voice.engines.espeak import EspeakEngine
from tests.conftest import PYPROJECT
from tests.newsroom import short_article

pytestmark = pytest.mark.slow


@pytest.fixture
def newsroom(project: Path) -> Path:
    """The project with three short articles instead of the seed."""
    (project / "articles" / "seed.txt").unlink()
    for number in range(3):
        write(project, f"k{number}.txt", short_article(number))
    return project


@pytest.fixture
def synthesized(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The intros espeak-ng read, one per article narrated (the real engine still speaks)."""
    intros: list[str] = []
    speak = EspeakEngine.synthesize

    def counting(self: EspeakEngine, texts: list[str]) -> list:
        intros.extend(text for text in texts if text.startswith("Ein Kommentar"))
        return speak(self, texts)

    monkeypatch.setattr(EspeakEngine, "synthesize", counting)
    return intros


def write(project: Path, name: str, text: str) -> Path:
    path = project / "articles" / name
    path.write_text(text, encoding="utf-8")
    return path


def build(**options: object) -> Report:
    return build_output(load_settings(), jobs=1, **options)  # type: ignore[arg-type]


def actions(report: Report) -> dict[str, str]:
    return {o.source.name: o.action for o in report.outcomes}


def manifest(project: Path) -> dict:
    return json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))


def feed_entries(project: Path) -> list:
    feed = feedparser.parse((project / "output" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed.entries


def mp3_of(project: Path, name: str) -> Path:
    return project / "output" / manifest(project)["editions"][name]["audio"]


def test_a_rebuild_with_nothing_changed_synthesizes_and_writes_nothing(
    newsroom: Path, synthesized: list[str]
) -> None:
    assert set(actions(build()).values()) == {BUILT}
    assert len(synthesized) == 3
    before = published_times(newsroom / "output")
    report = build()
    assert actions(report) == dict.fromkeys(("k0.txt", "k1.txt", "k2.txt"), UNCHANGED)
    assert len(synthesized) == 3
    assert published_times(newsroom / "output") == before


def published_times(output: Path) -> dict[Path, int]:
    """Every file's time of change but the build lock's, which is not published and which every
    build opens."""
    return {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file() and p.name != LOCK}


def test_a_changed_article_is_the_only_one_rendered_again(
    newsroom: Path, synthesized: list[str]
) -> None:
    build()
    write(newsroom, "k1.txt", short_article(1, author="Anna Berger"))
    assert actions(build()) == {"k0.txt": UNCHANGED, "k1.txt": BUILT, "k2.txt": UNCHANGED}
    assert len(synthesized) == 4
    assert str(ID3(mp3_of(newsroom, "k1.txt"))["TPE1"]) == "Anna Berger"
    assert {e.author for e in feed_entries(newsroom)} == {"Thomas Ludwig", "Anna Berger"}


def files_written(project: Path) -> dict[str, tuple[int, int]]:
    """Every file in the output folder by its inode and time of change: each write (temporary
    name + rename) makes a new inode, and a file written twice may get back the number of the
    one it replaced, but not its time."""
    output = project / "output"
    return {
        p.relative_to(output).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in output.rglob("*")
    }


def test_a_changed_article_rewrites_its_own_page_and_no_other(newsroom: Path) -> None:
    build()
    slugs = {name: edition["slug"] for name, edition in manifest(newsroom)["editions"].items()}
    before = files_written(newsroom)
    write(newsroom, "k1.txt", short_article(1, author="Anna Berger"))
    build()
    after = files_written(newsroom)
    rewritten = {path for path, inode in after.items() if before.get(path) != inode}
    assert f"{slugs['k1.txt']}/index.html" in rewritten
    assert {"index.html", "feed.xml", "manifest.json"} <= rewritten
    assert not {path for path in rewritten if path.startswith((slugs["k0.txt"], slugs["k2.txt"]))}
    assert not {"assets/site.css", "assets/player.js", "cover.jpg"} & rewritten
    assert "Anna Berger" in (newsroom / "output" / slugs["k1.txt"] / "index.html").read_text()


def test_a_feed_only_setting_leaves_every_page_as_it_was(newsroom: Path) -> None:
    build()
    before = files_written(newsroom)
    report = build_output(load_settings().replace(owner_email="redaktion@example.org"), jobs=1)
    assert set(actions(report).values()) == {UNCHANGED}
    after = files_written(newsroom)
    rewritten = {path for path, inode in after.items() if before[path] != inode}
    assert rewritten == {"feed.xml", "manifest.json"}
    assert "redaktion@example.org" in (newsroom / "output" / "feed.xml").read_text()


def test_a_speech_setting_renders_every_edition_again(newsroom: Path) -> None:
    build()
    names = ("k0.txt", "k1.txt", "k2.txt")
    before = {name: MP3(mp3_of(newsroom, name)).info.length for name in names}
    settings = load_settings().replace(pause_sentence=0.7)
    report = build_output(settings, jobs=1)
    assert set(actions(report).values()) == {BUILT}
    assert report.outcomes[0].why == "speech settings or engine changed"
    # Every narration has its sentence pauses 0.25 s longer. (A segment whose sentences all end
    # in a paragraph's pause may still come from the narration cache.)
    for name in names:
        assert MP3(mp3_of(newsroom, name)).info.length > before[name] + 0.2


def test_an_author_in_the_settings_only_retags(newsroom: Path, synthesized: list[str]) -> None:
    write(newsroom, "k0.txt", short_article(0, author=None))
    build()
    mp3 = mp3_of(newsroom, "k0.txt")
    assert str(ID3(mp3)["TPE1"]) == "Testredaktion"
    audio_before = mp3.read_bytes()[-50_000:]
    settings = load_settings().replace(author="Redaktion Prignitz")
    report = build_output(settings, jobs=1)
    assert set(actions(report).values()) == {RETAGGED}
    assert len(synthesized) == 3
    retagged = mp3_of(newsroom, "k0.txt")
    assert retagged != mp3 and not mp3.exists()  # a new file, the old one retired
    assert str(ID3(retagged)["TPE1"]) == "Redaktion Prignitz"
    assert retagged.read_bytes()[-50_000:] == audio_before
    (entry,) = [e for e in feed_entries(newsroom) if "Nummer 0" in e.title]
    assert int(entry.enclosures[0].length) == retagged.stat().st_size
    assert build_output(settings, jobs=1).count() == {UNCHANGED: 3}


def test_a_removed_article_leaves_the_feed_and_the_output(newsroom: Path) -> None:
    build()
    mp3 = mp3_of(newsroom, "k2.txt")
    (newsroom / "articles" / "k2.txt").unlink()
    assert actions(build())["k2.txt"] == REMOVED
    assert not mp3.exists() and not mp3.parent.exists()
    assert len(feed_entries(newsroom)) == 2
    assert "k2.txt" not in manifest(newsroom)["editions"]


def test_keep_leaves_a_removed_article_published(newsroom: Path) -> None:
    build()
    mp3 = mp3_of(newsroom, "k2.txt")
    (newsroom / "articles" / "k2.txt").unlink()
    build(keep=True)
    assert mp3.exists()
    assert len(feed_entries(newsroom)) == 3


def test_a_deleted_edition_file_is_rendered_again(newsroom: Path) -> None:
    build()
    mp3_of(newsroom, "k0.txt").unlink()
    report = build()
    assert actions(report)["k0.txt"] == BUILT
    assert report.outcomes[-1].why == "files missing or changed"
    assert mp3_of(newsroom, "k0.txt").exists()


def test_an_undated_article_keeps_the_date_of_its_first_build(newsroom: Path) -> None:
    write(newsroom, "k0.txt", short_article(0, published=None))
    report = build()
    (outcome,) = [o for o in report.outcomes if o.source.name == "k0.txt"]
    assert "no dateline found, the time of the first build is used" in outcome.warnings
    first = manifest(newsroom)["editions"]["k0.txt"]["published"]
    write(newsroom, "k0.txt", short_article(0, published=None, author="Anna Berger"))
    assert actions(build())["k0.txt"] == BUILT
    assert manifest(newsroom)["editions"]["k0.txt"]["published"] == first
    (entry,) = [e for e in feed_entries(newsroom) if "Nummer 0" in e.title]
    moment = datetime.fromisoformat(first).astimezone(timezone.utc)
    assert tuple(entry.published_parsed[:6]) == moment.timetuple()[:6]


def test_two_articles_with_one_file_name_are_both_named(newsroom: Path) -> None:
    write(newsroom, "k9.txt", short_article(1))
    report = build()
    assert actions(report) == {"k0.txt": BUILT, "k1.txt": BUILT, "k2.txt": BUILT, "k9.txt": FAILED}
    (failure,) = report.failures
    slug = manifest(newsroom)["editions"]["k1.txt"]["slug"]
    assert failure.error == (
        f"articles/k9.txt: would be published as {slug}.mp3 like articles/k1.txt; "
        "give one of them another title or date"
    )
    assert len(feed_entries(newsroom)) == 3


def test_a_broken_correction_keeps_the_previous_edition(newsroom: Path) -> None:
    build()
    mp3 = mp3_of(newsroom, "k1.txt")
    (newsroom / "articles" / "k1.txt").write_bytes(b"")
    report = build()
    (failure,) = report.failures
    assert failure.error == "articles/k1.txt: the file is empty"
    assert failure.warnings == ["its previous edition stays published"]
    assert mp3.exists()
    assert len(feed_entries(newsroom)) == 3


def test_leftover_temporary_files_are_removed(newsroom: Path) -> None:
    build()
    leftover = newsroom / "output" / ".manifest.json.k2x_9q0a.audio-edition-tmp"
    leftover.write_bytes(b"half a manifest")
    staged = newsroom / "output" / ".staging" / "build-1-abc" / "x"
    staged.mkdir(parents=True)
    build()
    assert not leftover.exists()
    assert not (newsroom / "output" / ".staging").exists()


def test_only_the_tools_own_temporary_files_are_removed(newsroom: Path) -> None:
    """With `output = "."` the published folder is the newsroom's own: its `.tmp` files are not
    the build's."""
    (newsroom / "pyproject.toml").write_text(
        PYPROJECT.replace('cache_dir = "cache"', 'cache_dir = "cache"\noutput = "."'),
        encoding="utf-8",
    )
    theirs = [newsroom / ".notes.txt.tmp", newsroom / "articles" / ".k0.txt.abc123.tmp"]
    for path in theirs:
        path.write_text("an editor's draft", encoding="utf-8")
    report = build()
    assert report.count() == {BUILT: 3}
    assert [path.read_text(encoding="utf-8") for path in theirs] == ["an editor's draft"] * 2
    assert (newsroom / "feed.xml").is_file()


def test_a_second_build_is_refused_while_one_runs(newsroom: Path) -> None:
    with build_lock(newsroom / "output", wait=False), pytest.raises(BuildLocked) as refused:
        build()
    assert str(refused.value) == (
        "output: another build is running on this folder (lock output/.audio-edition.lock); "
        "let it finish, or pass --wait to start when it has"
    )
    assert not (newsroom / "output" / "feed.xml").exists()


def test_wait_starts_when_the_other_build_ends(newsroom: Path) -> None:
    other = build_lock(newsroom / "output", wait=False)
    other.__enter__()
    messages: list[str] = []

    class Watcher(Events):
        def waiting(self, message: str) -> None:
            messages.append(message)
            other.__exit__(None, None, None)

    report = build_output(load_settings(), jobs=1, wait=True, events=Watcher())
    assert messages == ["output: another build is running, waiting for it to finish"]
    assert report.count() == {BUILT: 3}


def test_parallel_workers_build_every_article(newsroom: Path) -> None:
    statuses: list[tuple[str, str]] = []

    class Watcher(Events):
        status: Callable[[str, str], None] = staticmethod(lambda *s: statuses.append(s))

    report = build_output(load_settings(), jobs=2, events=Watcher())
    assert report.count() == {BUILT: 3}
    synthesizing = {name for name, text in statuses if text.startswith("synthesizing")}
    assert synthesizing == {"k0.txt", "k1.txt", "k2.txt"}
    assert len(feed_entries(newsroom)) == 3
    # Each article's line says what it is doing in order, mastering once its narration is over,
    # verifying what it wrote last.
    for name in synthesizing:
        stages = [text.split()[0] for source, text in statuses if source == name]
        assert stages[0] == "writing" and stages[-2:] == ["mastering", "verifying"]
        assert set(stages[1:-2]) == {"synthesizing"}


def test_bad_settings_are_refused_before_any_work(newsroom: Path) -> None:
    settings = load_settings().replace(engine="festival", bitrate=100, base_url="example.org")
    with pytest.raises(SettingsError) as refused:
        build_output(settings)
    assert str(refused.value) == (
        "the settings have problems:\n"
        "  - base_url 'example.org' is not an http(s) address like https://example.org/\n"
        "  - engine 'festival' is unknown; choose one of auto, gtts, espeak, piper\n"
        "  - bitrate 100 kbps is not an MP3 bitrate at 44100 Hz; "
        "choose one of 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320"
    )
    assert not (newsroom / "output").exists()


def test_a_new_title_moves_the_edition_and_clears_the_old_folder(newsroom: Path) -> None:
    build()
    old = mp3_of(newsroom, "k0.txt").parent
    text = short_article(0).replace("Kommentar Nummer 0", "Neuer Titel Nummer 0")
    write(newsroom, "k0.txt", text)
    assert actions(build())["k0.txt"] == BUILT
    new = mp3_of(newsroom, "k0.txt").parent
    assert new.name == "2022-01-21-neuer-titel-nummer-0-zur-lage-an-der-grenze"
    assert new.is_dir() and not old.exists()
    titles = sorted(e.title for e in feed_entries(newsroom))
    assert titles[-1] == "Neuer Titel Nummer 0 zur Lage an der Grenze"
    assert len(titles) == 3


def test_bit_rot_is_found_by_check_and_repaired_by_a_verifying_build(newsroom: Path) -> None:
    build()
    mp3 = mp3_of(newsroom, "k1.txt")
    rotten = bytearray(mp3.read_bytes())
    rotten[len(rotten) // 2] ^= 0x10  # one bit, the size unchanged
    mp3.write_bytes(bytes(rotten))
    found = [str(p) for p in check(newsroom / "output", targets(load_settings()))]
    assert f"{mp3}: does not hold what its name's digest says: damaged" in found
    # An ordinary build compares sizes only (docs/robustness.md): the no-op stays cheap.
    assert set(actions(build()).values()) == {UNCHANGED}
    report = build(verify=True)
    assert actions(report) == {"k0.txt": UNCHANGED, "k1.txt": BUILT, "k2.txt": UNCHANGED}
    assert {o.why for o in report.outcomes if o.action == BUILT} == {ROTTEN}
    assert (
        hashlib.sha256(mp3_of(newsroom, "k1.txt").read_bytes())
        .hexdigest()
        .startswith(mp3_of(newsroom, "k1.txt").name.split(".")[1])
    )
    assert [str(p) for p in check(newsroom / "output", targets(load_settings()))] == []


def test_edition_files_a_killed_build_left_unpublished_are_swept(newsroom: Path) -> None:
    build()
    orphan = newsroom / "output" / "2022-02-01-verwaist"
    orphan.mkdir()
    (orphan / "2022-02-01-verwaist.0123456789.mp3").write_bytes(b"moved in, never published")
    (orphan / "index.html").write_bytes(b"<html></html>")
    (newsroom / "output" / ".staging" / "build-1-abcdef").mkdir(parents=True)  # it was killed
    assert set(actions(build()).values()) == {UNCHANGED}
    assert not orphan.exists()


def test_bit_rot_is_never_copied_into_a_retagged_edition(newsroom: Path) -> None:
    build()
    mp3 = mp3_of(newsroom, "k2.txt")
    rotten = bytearray(mp3.read_bytes())
    rotten[len(rotten) // 3] ^= 0x01
    mp3.write_bytes(bytes(rotten))
    report = build_output(load_settings().replace(author="Anna Berger"), jobs=1)
    assert actions(report) == {"k0.txt": RETAGGED, "k1.txt": RETAGGED, "k2.txt": BUILT}
    assert {o.why for o in report.outcomes if o.action == BUILT} == {ROTTEN}
    assert not mp3.exists()  # the rotten file, retired with the edition it belonged to
