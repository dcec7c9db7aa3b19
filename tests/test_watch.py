"""The watch: what counts as a change, when a round runs, and what a round publishes.

The loop runs with a scripted `sleep`: each call makes the next change in the folder, and the
script's end stops the watch. No test waits for a clock."""

from __future__ import annotations

import errno
import functools
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from mutagen.id3 import ID3
from typer.testing import CliRunner

from audio.builds import watch as watching
from audio.builds.build import Report, build_output
from audio.builds.lock import build_lock
from audio.builds.watch import INTERVAL, SETTLE, look, settings_inputs, watch
from audio.cli import app
from audio.errors import ArticleError, SettingsError
from audio.settings import Settings, load_settings
from tests.conftest import PYPROJECT
from tests.newsroom import short_article

pytestmark = pytest.mark.slow

NEW_SENTENCE = "Dieser Satz wurde erst nach der ersten Ausgabe geschrieben."


class Script:
    """A `sleep` for the watch: the n-th call makes the n-th change; after the last, it stops."""

    def __init__(self, *steps: Callable[[], object]) -> None:
        self.steps = list(steps)
        self.stop = threading.Event()
        self.slept: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.slept.append(seconds)
        if self.steps:
            self.steps.pop(0)()
        else:
            self.stop.set()


def idle() -> None:
    """A look at which nothing has changed since the one before."""


def write(path: Path, text: str) -> Callable[[], None]:
    return lambda: path.write_text(text, encoding="utf-8")


def run(script: Script, build: Callable[[Settings], object] | None = None) -> list[str]:
    """Watch until the script ends; the problems told."""
    problems: list[str] = []
    watch(load_settings, build or (lambda s: None), problems.append, stop=script.stop, sleep=script)
    return problems


@pytest.fixture
def newsroom(project: Path) -> Path:
    """The project with two short articles instead of the seed."""
    (project / "articles" / "seed.txt").unlink()
    for number in range(2):
        (project / "articles" / f"k{number}.txt").write_text(short_article(number), "utf-8")
    return project


@pytest.fixture
def rounds() -> list[dict[str, str]]:
    """What each round saw: the title setting and the articles' text."""
    return []


def recording(rounds: list[dict[str, str]]) -> Callable[[Settings], None]:
    def build(settings: Settings) -> None:
        seen = {p.name: p.read_text(encoding="utf-8") for p in settings.articles.iterdir()}
        rounds.append({"title": settings.podcast_title, **seen})

    return build


def test_a_look_sees_an_edit_an_added_and_a_removed_article(newsroom: Path) -> None:
    settings = load_settings()
    k0, k1 = newsroom / "articles" / "k0.txt", newsroom / "articles" / "k1.txt"
    before = look(settings)
    assert set(before.articles) == {Path("articles/k0.txt"), Path("articles/k1.txt")}
    assert look(settings) == before

    # Same size, written in the same clock tick as far as a coarse file system knows: the
    # modification time set explicitly is what tells them apart.
    stat = k0.stat()
    k0.write_text(k0.read_text(encoding="utf-8").replace("Grenze", "Brücke"), encoding="utf-8")
    os.utime(k0, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    edited = look(settings)
    assert edited.articles[Path("articles/k0.txt")] != before.articles[Path("articles/k0.txt")]
    assert edited.settings == before.settings

    (newsroom / "articles" / "k2.md").write_text("# Neu\n\nText.\n", encoding="utf-8")
    (newsroom / "articles" / "~k2.md").write_text("backup", encoding="utf-8")
    k1.unlink()
    assert set(look(settings).articles) == {Path("articles/k0.txt"), Path("articles/k2.md")}


def test_a_look_sees_the_settings_file_and_every_file_a_setting_names(newsroom: Path) -> None:
    pyproject = newsroom / "pyproject.toml"
    pyproject.write_text(
        PYPROJECT + 'cover = "bild.jpg"\nlexicon = "lexikon.txt"\nintro_music = "intro.mp3"\n',
        encoding="utf-8",
    )
    settings = load_settings()
    assert settings_inputs(settings) == [
        pyproject,
        newsroom / "bild.jpg",
        newsroom / "lexikon.txt",
        newsroom / "intro.mp3",
    ]
    piper = settings.replace(piper_model=newsroom / "stimme.onnx")
    model = [newsroom / "stimme.onnx", newsroom / "stimme.onnx.json"]
    assert set(settings_inputs(piper)) == {*settings_inputs(settings), *model}

    before = look(settings)
    assert before.settings[newsroom / "bild.jpg"] is None
    (newsroom / "bild.jpg").write_bytes(b"\xff\xd8 not yet a cover")
    after = look(settings)
    assert after.settings[newsroom / "bild.jpg"] == (
        (newsroom / "bild.jpg").stat().st_mtime_ns,
        len(b"\xff\xd8 not yet a cover"),
    )
    assert after.articles == before.articles


def test_no_change_no_round(newsroom: Path, rounds: list) -> None:
    assert run(Script(idle, idle, idle), recording(rounds)) == []
    assert len(rounds) == 1


def test_a_change_is_built_once_it_has_settled(newsroom: Path, rounds: list) -> None:
    k0 = newsroom / "articles" / "k0.txt"
    first, second = "Titel\n\nErster Teil.\n", "Titel\n\nErster Teil.\n\nZweiter Teil.\n"
    added = newsroom / "articles" / "k2.txt"
    script = Script(write(k0, first), write(k0, second), idle, write(added, "Neu.\n"), idle)
    run(script, recording(rounds))
    assert [r["k0.txt"] for r in rounds[1:]] == [second, second]
    assert "k2.txt" not in rounds[1]
    assert rounds[2]["k2.txt"] == "Neu.\n"


def test_a_change_seen_is_looked_at_again_after_the_settling_time(
    newsroom: Path, rounds: list
) -> None:
    k0 = newsroom / "articles" / "k0.txt"
    script = Script(idle, write(k0, "Titel\n\nText.\n"), idle, idle)
    run(script, recording(rounds))
    assert script.slept == [INTERVAL, INTERVAL, SETTLE, INTERVAL, INTERVAL]
    assert len(rounds) == 2


def test_a_removed_article_starts_a_round(newsroom: Path, rounds: list) -> None:
    run(Script((newsroom / "articles" / "k1.txt").unlink, idle), recording(rounds))
    assert [sorted(r) for r in rounds] == [["k0.txt", "k1.txt", "title"], ["k0.txt", "title"]]


def test_changed_settings_are_read_again(newsroom: Path, rounds: list) -> None:
    retitled = PYPROJECT.replace("Testkommentare", "Neue Kommentare")
    run(Script(write(newsroom / "pyproject.toml", retitled), idle), recording(rounds))
    assert [r["title"] for r in rounds] == ["Testkommentare", "Neue Kommentare"]


def test_a_changed_file_a_setting_names_starts_a_round(newsroom: Path, rounds: list) -> None:
    (newsroom / "lexikon.txt").write_text("Lawrow = Lawroff\n", encoding="utf-8")
    (newsroom / "pyproject.toml").write_text(PYPROJECT + 'lexicon = "lexikon.txt"\n', "utf-8")
    lexicon = write(newsroom / "lexikon.txt", "Lawrow = Lawroff\nSelenskyj = Selenski\n")
    run(Script(lexicon, idle), recording(rounds))
    assert len(rounds) == 2


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        ("[tool.audio-edition\n", "cannot read settings"),
        (PYPROJECT + "bitrate = 100\n", "bitrate 100 kbps is not an MP3 bitrate at 44100 Hz"),
        (PYPROJECT + "podcast_titel = 'x'\n", "unknown setting podcast_titel"),
    ],
)
def test_invalid_settings_are_told_with_their_file_and_the_old_ones_kept(
    newsroom: Path, rounds: list, broken: str, problem: str
) -> None:
    k0 = newsroom / "articles" / "k0.txt"
    script = Script(
        write(newsroom / "pyproject.toml", broken), idle, idle, write(k0, "Neu.\n"), idle
    )
    problems = run(script, recording(rounds))
    assert len(problems) == 1
    assert problems[0].startswith(f"{newsroom / 'pyproject.toml'}: ")
    assert problem in problems[0]
    assert problems[0].endswith("(still building with the settings as they were)")
    # No round for the broken settings; the article's edit is built with the settings before.
    assert [(r["title"], r["k0.txt"]) for r in rounds[1:]] == [("Testkommentare", "Neu.\n")]


def test_invalid_settings_at_the_start_stop_the_watch(newsroom: Path) -> None:
    (newsroom / "pyproject.toml").write_text(PYPROJECT + "bitrate = 100\n", "utf-8")
    with pytest.raises(SettingsError, match="bitrate 100 kbps"):
        run(Script())


def test_a_round_that_cannot_start_is_told_and_the_watch_goes_on(
    newsroom: Path, rounds: list
) -> None:
    record = recording(rounds)

    def build(settings: Settings) -> None:
        if not settings.articles.is_dir():
            raise ArticleError(settings.articles, "is not a folder of articles")
        record(settings)

    articles = newsroom / "articles"
    away = newsroom / "away"
    script = Script(lambda: articles.rename(away), idle, lambda: away.rename(articles), idle)
    assert run(script, build) == ["articles: is not a folder of articles"]
    assert len(rounds) == 2


def test_a_full_disk_is_told_in_words_and_the_watch_goes_on(newsroom: Path, rounds: list) -> None:
    record = recording(rounds)
    calls: list[Settings] = []

    def build(settings: Settings) -> None:
        calls.append(settings)
        if len(calls) == 1:  # the first round meets a full disk
            raise OSError(errno.ENOSPC, "No space left on device", "output/feed.xml")
        record(settings)

    script = Script(write(newsroom / "articles" / "k0.txt", short_article(5)), idle)
    assert run(script, build) == ["output/feed.xml: the disk is full"]
    assert len(rounds) == 1


@pytest.mark.parametrize(("engine", "opened"), [("espeak", 1), ("auto", 2)])
def test_the_engine_is_kept_across_rounds_unless_auto_must_ask_google_again(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch, engine: str, opened: int
) -> None:
    from audio.builds import workers

    (newsroom / "pyproject.toml").write_text(PYPROJECT.replace('"espeak"', f'"{engine}"'), "utf-8")
    monkeypatch.setattr(workers, "open_engine", lambda name, settings: object())
    workers.engine_for.cache_clear()
    engines: list[object] = []
    run(
        Script(write(newsroom / "articles" / "k0.txt", "Neu.\n"), idle),
        lambda settings: engines.append(workers.engine_for(settings)),
    )
    workers.engine_for.cache_clear()
    assert len(engines) == 2
    assert len({id(e) for e in engines}) == opened


@pytest.fixture
def edited(project: Path) -> tuple[list[Report], Path]:
    """The seed built by the watch, then a paragraph edited and the watch's next round, then a
    build that does not wait, as cron's, between rounds."""
    seed = project / "articles" / "seed.txt"
    paragraphs = seed.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    paragraphs[-2] += " " + NEW_SENTENCE
    reports: list[Report] = []

    def cron_build() -> None:
        # Between rounds the lock is free: a build that will not wait gets it.
        with build_lock(project / "output", wait=False):
            reports.append(Report(output=project / "output"))

    run(
        Script(write(seed, "\n\n".join(paragraphs) + "\n"), idle, cron_build),
        lambda settings: reports.append(build_output(settings, jobs=1, wait=True)),
    )
    return reports, project / "output"


def test_an_edited_paragraph_is_published_by_the_next_round(
    edited: tuple[list[Report], Path],
) -> None:
    reports, output = edited
    assert [dict(r.count()) for r in reports] == [{"built": 1}, {"built": 1}, {}]
    mp3 = reports[1].outcomes[0].record
    assert mp3 is not None
    path = output / mp3.edition["audio"]
    lyrics = ID3(path).getall("USLT")
    assert NEW_SENTENCE in lyrics[0].text
    feed = feedparser.parse((output / "feed.xml").read_bytes())
    enclosure = feed.entries[0].enclosures[0]
    assert int(enclosure.length) == path.stat().st_size
    assert enclosure.href.endswith(mp3.edition["audio"])


runner = CliRunner()


def interrupt() -> None:
    """Ctrl-C."""
    raise KeyboardInterrupt


def command(
    monkeypatch: pytest.MonkeyPatch, *steps: Callable[[], object], options: tuple[str, ...] = ()
) -> str:
    """`audio-edition watch --jobs 1 OPTIONS` while `steps` happen, then Ctrl-C: its output."""
    script = Script(*steps, interrupt)
    monkeypatch.setattr(watching, "watch", functools.partial(watch, sleep=script))
    result = runner.invoke(app, ["watch", "--jobs", "1", *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_command_tells_a_bad_article_goes_on_and_stops_on_ctrl_c(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = newsroom / "articles" / "leer.txt"
    steps = write(bad, ""), idle, write(bad, short_article(5)), idle
    output = command(monkeypatch, *steps, options=("-q",))
    assert output.splitlines() == [
        "2 built → output",
        "error: articles/leer.txt: the file is empty",
        "2 unchanged, 1 failed → output",
        "1 built, 2 unchanged → output",
        "Stopped watching.",
    ]


def test_sigterm_ends_the_watch_as_ctrl_c_does(project: Path) -> None:
    watching_process = subprocess.Popen(
        [sys.executable, "-m", "audio", "watch", "--engine", "espeak", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert watching_process.stdout is not None
        assert watching_process.stdout.readline() == "1 built → output\n"
        watching_process.terminate()
        _, errors = watching_process.communicate(timeout=60)
    finally:
        watching_process.kill()
    assert watching_process.returncode == 0
    assert errors.splitlines()[-1] == "Stopped watching."


def test_each_round_s_table_says_when_it_ran(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = command(monkeypatch, write(newsroom / "articles" / "k0.txt", short_article(7)), idle)
    titles = re.findall(r"^audio-edition (\w+), \d\d:\d\d:\d\d$", output, re.MULTILINE)
    assert titles == ["watch", "watch"]
    assert "audio-edition build" not in output
