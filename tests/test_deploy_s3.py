"""A deploy to a real S3 API server with access keys, read back as a listener reads it: through a
public web front (tests/servers.py). Feeds parsed by feedparser, enclosures fetched whole and by
range, headers of every kind of file, and what the second deploy and an edit send."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import feedparser
import pytest

from audio.hosting.deploy import DeployReport, deploy_output
from audio.hosting.deploy.failures import CredentialsRefused, MissingBucket, TargetUnreachable
from audio.hosting.deploy.rclone import rclone_path
from audio.hosting.media import IMMUTABLE, SHORT
from audio.hosting.remote_check import check_remote
from audio.settings import Settings
from tests.deploys import contents, edit, get, live_problems, newsroom
from tests.servers import S3, s3_server

pytestmark = pytest.mark.slow

TARGET = "s3://podcast/kommentare"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3]:
    with s3_server(tmp_path_factory.mktemp("s3")) as store:
        yield store


@pytest.fixture(scope="module")
def aws(store: S3) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in store.environ.items():
            patch.setenv(name, value)
        yield


@pytest.fixture(scope="module")
def built(store: S3, aws: None, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Three editions, built for the front's address and deployed once."""
    folder = tmp_path_factory.mktemp("newsroom")
    settings = newsroom(folder, store.url("kommentare/"), 3, deploy=TARGET)
    first = deploy_output(settings)
    assert len(first.sent) == len(contents(settings.output))
    return settings


def metadata(store: S3, path: str) -> dict[str, str]:
    """What the S3 server keeps with an object, read through its API."""
    listing = subprocess.run(
        [rclone_path(), "lsjson", "-M", store.api(f"podcast/kommentare/{path}")],
        env={**os.environ, **store.environ},
        capture_output=True,
        text=True,
        check=True,
    )
    (entry,) = json.loads(listing.stdout)
    return entry["Metadata"]


def test_feedparser_reads_the_feed_from_the_server_and_every_enclosure_is_whole(
    built: Settings, store: S3
) -> None:
    status, headers, body = get(store.url("kommentare/feed.xml"))
    assert (status, headers["Content-Type"]) == (200, "application/rss+xml")
    assert body == (built.output / "feed.xml").read_bytes()
    feed = feedparser.parse(body)
    assert not feed.bozo
    assert len(feed.entries) == 3
    for entry in feed.entries:
        (enclosure,) = entry.enclosures
        status, headers, audio = get(enclosure.href)
        assert status == 200
        assert len(audio) == int(enclosure.length) == int(headers["Content-Length"])
        assert headers["Content-Type"] == "audio/mpeg"
        assert audio[:3] == b"ID3"
        status, headers, part = get(enclosure.href, Range="bytes=100-199")
        assert status == 206
        assert part == audio[100:200]
        assert headers["Content-Range"] == f"bytes 100-199/{len(audio)}"
    assert check_remote(store.url("kommentare/feed.xml")) == []


def of_kind(paths: Iterable[str], kind: str) -> str:
    """The first edition file of a kind: ".mp3" is the podcast rendition, not the speaker's."""
    return next(
        p
        for p in sorted(paths)
        if "/" in p and p.endswith(kind) and not (kind == ".mp3" and p.endswith(".speaker.mp3"))
    )


@pytest.mark.parametrize(
    ("kind", "content_type", "cache"),
    [
        (".mp3", "audio/mpeg", IMMUTABLE),
        (".speaker.mp3", "audio/mpeg", IMMUTABLE),
        (".vtt", "text/vtt; charset=utf-8", IMMUTABLE),
        (".srt", "application/x-subrip; charset=utf-8", IMMUTABLE),
        (".transcript.json", "application/json", IMMUTABLE),
        (".chapters.json", "application/json", IMMUTABLE),
        ("/index.html", "text/html; charset=utf-8", SHORT),
        ("feed.xml", "application/rss+xml", SHORT),
        ("flash-briefing.json", "application/json", SHORT),
        ("index.html", "text/html; charset=utf-8", SHORT),
        ("cover.jpg", "image/jpeg", SHORT),
        ("assets/site.css", "text/css; charset=utf-8", SHORT),
    ],
)
def test_every_kind_of_file_has_its_type_and_cache_time(
    built: Settings, store: S3, kind: str, content_type: str, cache: str
) -> None:
    path = kind if not kind.startswith((".", "/")) else of_kind(contents(built.output), kind)
    stored = metadata(store, path)
    assert (stored["content-type"], stored["cache-control"]) == (content_type, cache)
    assert get(store.url(f"kommentare/{path}"))[1]["Content-Type"] == content_type


def test_nothing_private_is_sent(built: Settings, store: S3) -> None:
    on_server = {
        path.relative_to(store.folder / "podcast" / "kommentare").as_posix()
        for path in (store.folder / "podcast" / "kommentare").rglob("*")
        if path.is_file()
    }
    assert on_server == set(contents(built.output))
    assert "manifest.json" not in on_server
    assert not [path for path in on_server if any(p.startswith(".") for p in path.split("/"))]
    assert (built.output / "manifest.json").is_file()


def stamps(store: S3) -> dict[str, tuple[int, int]]:
    """Inode and change time of every object's file: a file sent again gets new ones."""
    root = store.folder / "podcast" / "kommentare"
    return {
        path.relative_to(root).as_posix(): (path.stat().st_ino, path.stat().st_ctime_ns)
        for path in root.rglob("*")
        if path.is_file()
    }


def test_a_second_deploy_sends_nothing(built: Settings, store: S3) -> None:
    before = stamps(store)
    again = deploy_output(built)
    assert (again.sent, again.deleted, again.plan.steps) == ([], [], ())
    assert stamps(store) == before


def test_an_edit_sends_its_edition_and_the_feed_and_site_and_retires_the_old_files(
    built: Settings, store: S3
) -> None:
    old = set(contents(built.output))
    changed = edit(built, 1, author="Anna Berger")
    before = stamps(store)
    report: DeployReport = deploy_output(built)
    folder = next(p.split("/")[0] for p in changed if p.endswith(".mp3"))
    assert set(report.sent) == changed
    assert {p.split("/")[0] for p in changed} == {
        folder,
        "feed.xml",
        "index.html",
        "flash-briefing.json",
    }
    assert set(report.deleted) == old - set(contents(built.output))
    assert {p.split("/")[0] for p in report.deleted} == {folder}
    # The order a listener needs: media, the page, then flash briefing, index and feed.
    steps = [step.name for step in report.plan.steps]
    assert steps == ["files", "pages", "index and flash briefing", "feed.xml"]
    after = stamps(store)
    assert {p for p in after if before.get(p) != after[p]} == changed
    assert live_problems(store.url("kommentare/feed.xml")) == []
    entry = next(
        e
        for e in feedparser.parse(get(store.url("kommentare/feed.xml"))[2]).entries
        if e.author == "Anna Berger"
    )
    assert entry.enclosures[0].href.startswith(store.url(f"kommentare/{folder}/"))


def test_a_wrong_key_is_named_and_the_secret_is_never_shown(
    built: Settings, store: S3, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "Falsch-geheim-0815-xyz")
    with pytest.raises(CredentialsRefused) as refused:
        deploy_output(built)
    assert "refused the credentials" in str(refused.value)
    assert "SignatureDoesNotMatch" in str(refused.value)
    assert "Falsch-geheim-0815-xyz" not in str(refused.value)


def test_a_missing_bucket_is_named(built: Settings) -> None:
    with pytest.raises(MissingBucket, match="s3://kein-eimer/x: the bucket does not exist"):
        deploy_output(built, "s3://kein-eimer/x")


def test_an_unreachable_store_is_named(built: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.servers import free_port

    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(TargetUnreachable, match=r"cannot reach the target .*connection refused"):
        deploy_output(built)


def test_a_failing_deploy_keeps_the_secret_out_of_output_errors_and_files(
    built: Settings, store: S3, tmp_path: Path
) -> None:
    secret = "Geheimer-Schluessel-4711-abc"
    environ = {**os.environ, **store.environ, "AWS_SECRET_ACCESS_KEY": secret}
    for arguments in (["deploy", "-v"], ["deploy", "--dry-run"], ["build", "--deploy"]):
        run = subprocess.run(
            [sys.executable, "-m", "audio", *arguments],
            cwd=built.articles.parent,
            env=environ,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 1, run.stdout + run.stderr
        assert "refused the credentials" in run.stderr
        assert secret not in run.stdout + run.stderr
    for path in built.articles.parent.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
