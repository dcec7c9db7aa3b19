"""Which files are read as articles, and how far: regular files of a bounded size, links that stay
in the articles folder; everything else is named with its problem, never read for ever, never
skipped in silence. The same for the cover and the music the settings name."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from audio.builds.validate import validate
from audio.cli import app
from audio.edition.cover import check_cover
from audio.errors import ArticleError, AudioError, SettingsError
from audio.mastering.music import add_music
from audio.settings import Settings, load_settings
from audio.text.readers import find_articles, read_article
from tests.conftest import SEED

runner = CliRunner()


def finishes(call: Callable[[], Any], seconds: float = 10) -> Any:
    """`call()`'s answer or exception, or a failure if it takes longer than `seconds` (a FIFO
    opened for reading waits for a writer for ever)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except Exception as error:
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still reading after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "gut.txt").write_bytes(SEED.read_bytes())
    return folder


def test_what_cannot_be_read_is_found_to_be_reported(articles: Path, tmp_path: Path) -> None:
    os.mkfifo(articles / "pipe.txt")
    (articles / "ordner.txt").mkdir()
    (articles / "weg.txt").symlink_to(tmp_path / "gone.txt")
    (articles / ".versteckt.txt").write_text("x", encoding="utf-8")
    assert [path.name for path in find_articles(articles)] == [
        "gut.txt",
        "ordner.txt",
        "pipe.txt",
        "weg.txt",
    ]


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda path: os.mkfifo(path), "is a named pipe (FIFO), not a file"),
        (lambda path: path.mkdir(), "is a folder, not a file"),
        (lambda path: path.symlink_to("/dev/null"), "is a symbolic link to /dev/null, outside"),
        (lambda path: path.symlink_to(path.parent / "fehlt.txt"), "which does not exist"),
        (lambda path: path.symlink_to(path), "is a symbolic link that leads round in a loop"),
    ],
    ids=["fifo", "folder", "device", "dangling", "loop"],
)
def test_what_is_no_file_is_refused_at_once(
    articles: Path, make: Callable[[Path], None], problem: str
) -> None:
    path = articles / "kaputt.txt"
    make(path)
    with pytest.raises(ArticleError, match=r"kaputt\.txt: ") as caught:
        finishes(lambda: read_article(path))
    assert problem in str(caught.value)


def test_a_link_out_of_the_articles_folder_is_read_only_when_allowed(
    articles: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_bytes(SEED.read_bytes())
    (articles / "link.txt").symlink_to(secret)
    with pytest.raises(ArticleError) as caught:
        read_article(articles / "link.txt")
    assert str(caught.value) == (
        f"{articles / 'link.txt'}: is a symbolic link to {secret}, outside {articles}: not read, "
        "so that no file from elsewhere is published by mistake; "
        "set allow_outside_links = true to read it"
    )
    article = read_article(articles / "link.txt", Settings(allow_outside_links=True))
    assert article.title.startswith("US-Außenminister Antony Blinken")
    (articles / "inside.txt").symlink_to("gut.txt")
    assert read_article(articles / "inside.txt").title == article.title


def test_an_article_over_the_limit_is_refused_before_it_is_read(articles: Path) -> None:
    huge = articles / "riesig.txt"
    with huge.open("wb") as file:
        file.truncate(50 * 10**6)  # sparse: reading it would make 50 MB of zeros
    with pytest.raises(ArticleError) as caught:
        read_article(huge)
    assert str(caught.value) == (
        f"{huge}: the file is 50.0 MB, more than 200 kB, the max_article_size setting: no "
        "commentary is that long; raise the setting if this really is one article"
    )
    seed = articles / "gut.txt"
    assert read_article(seed, Settings(max_article_size=seed.stat().st_size)).title
    with pytest.raises(ArticleError, match=r"the file is 2\.2 kB, more than 1\.0 kB"):
        read_article(seed, Settings(max_article_size=1000))


def test_the_size_limit_is_a_setting_written_as_people_write_sizes(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.audio-edition]\nmax_article_size = "500kB"\n', encoding="utf-8"
    )
    assert load_settings(tmp_path, environ={}).max_article_size == 500_000
    environ = {"AUDIO_EDITION_MAX_ARTICLE_SIZE": "1.5 MB"}
    assert load_settings(tmp_path, environ=environ).max_article_size == 1_500_000
    with pytest.raises(SettingsError, match="setting max_article_size: '12 Seiten' is not a size"):
        load_settings(tmp_path, environ={"AUDIO_EDITION_MAX_ARTICLE_SIZE": "12 Seiten"})
    with pytest.raises(SettingsError, match="max_article_size = 0 bytes: an article must be"):
        validate(Settings(base_url="https://example.org/", max_article_size=0))


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_cover_or_music_that_is_no_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "bild.jpg"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/null")
    what = "a named pipe (FIFO)" if kind == "fifo" else "a character device"
    with pytest.raises(SettingsError) as refused:
        finishes(lambda: check_cover(path))
    assert str(refused.value) == f"{path}: cannot read the cover: is {what}, not a file"
    settings = Settings(base_url="https://example.org/", intro_music=path, cover=path)
    with pytest.raises(SettingsError) as caught:
        finishes(lambda: validate(settings))
    assert f"intro_music {path} is {what}, not a file" in str(caught.value)
    with pytest.raises(AudioError) as unread:
        finishes(lambda: add_music(_timeline(), path, None, 44100))
    assert str(unread.value) == f"{path}: cannot read this music: is {what}, not a file"


def test_a_cover_larger_than_any_cover_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "cover.png"
    with path.open("wb") as file:
        file.truncate(10**9)
    with pytest.raises(
        SettingsError, match=r"cannot read the cover: is 1\.0 GB, more than 64\.0 MB"
    ):
        check_cover(path)


def _timeline() -> Any:
    from audio.voice.pcm import InMemory
    from audio.voice.timeline import Timeline

    return Timeline(InMemory(bytes(44100 * 2), 22050), (), (), ())


@pytest.mark.slow
def test_a_build_names_every_file_it_cannot_read_and_publishes_the_rest(
    project: Path, tmp_path: Path
) -> None:
    articles = project / "articles"
    os.mkfifo(articles / "pipe.txt")
    (articles / "ordner.md").mkdir()
    (articles / "passwd.txt").symlink_to("/etc/passwd")
    (articles / "weg.txt").symlink_to(project / "gone.txt")
    with (articles / "riesig.txt").open("wb") as file:
        file.truncate(5 * 10**6)
    result = finishes(lambda: runner.invoke(app, ["build", "--jobs", "1"]), seconds=300)
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    for name, problem in [
        ("pipe.txt", "is a named pipe (FIFO), not a file"),
        ("ordner.md", "is a folder, not a file"),
        ("passwd.txt", "is a symbolic link to /etc/passwd, outside articles"),
        ("weg.txt", f"is a symbolic link to {project / 'gone.txt'}, which does not exist"),
        ("riesig.txt", "the file is 5.0 MB, more than 200 kB, the max_article_size setting"),
    ]:
        assert f"error: articles/{name}: {problem}" in output
    assert "1 built, 5 failed" in output
    manifest = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["editions"]) == ["seed.txt"]
    assert "root:" not in (project / "output" / "feed.xml").read_text(encoding="utf-8")
