"""What a deploy sends, in which order, and what it deletes: decided from the output folder's
files, a listing of the target and the record of what was sent before. No transfer here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from audio.hosting.deploy import local
from audio.hosting.deploy.failures import (
    CredentialsRefused,
    DeployError,
    DiskFull,
    HostNotTrusted,
    MissingBucket,
    TargetUnreachable,
    failure,
)
from audio.hosting.deploy.local import LocalFile, published_files
from audio.hosting.deploy.plan import make_plan
from audio.hosting.deploy.rclone import redact, secrets
from audio.hosting.deploy.record import Record
from audio.hosting.deploy.targets import parse_target
from audio.hosting.media import IMMUTABLE, SHORT, cache_control, content_type

SLUG = "2022-01-21-kommentar"
MP3 = f"{SLUG}/{SLUG}.0123456789.mp3"
VTT = f"{SLUG}/{SLUG}.abcdef0123.vtt"
PAGE = f"{SLUG}/index.html"
OLD = "2022-01-20-alt"
SITE = ["assets/site.css", "cover.jpg", "flash-briefing.json", "index.html", "feed.xml"]


def files(*paths: str, size: int = 100) -> dict[str, LocalFile]:
    return {path: LocalFile(size, f"digest of {path}") for path in paths}


def test_a_first_deploy_sends_media_then_pages_then_briefing_index_and_feed_last() -> None:
    plan = make_plan(files(MP3, VTT, PAGE, *SITE), {}, Record("t"))
    assert [(step.name, step.paths) for step in plan.steps] == [
        ("files", (MP3, VTT, "assets/site.css", "cover.jpg")),
        ("pages", (PAGE,)),
        ("index and flash briefing", ("flash-briefing.json", "index.html")),
        ("feed.xml", ("feed.xml",)),
    ]
    assert plan.delete == ()


def test_a_file_named_by_its_content_is_there_when_the_listing_shows_its_size() -> None:
    here = files(MP3, VTT, "feed.xml")
    plan = make_plan(here, {MP3: 100, VTT: 99, "feed.xml": 100}, Record("t"))
    # The feed's name says nothing of its content: without a record it goes again.
    assert plan.sending == [VTT, "feed.xml"]
    assert plan.unchanged == (MP3,)


def test_the_record_counts_only_where_the_listing_confirms_it() -> None:
    here = files("feed.xml", "index.html", "cover.jpg")
    record = Record("t", {p: (100, f"digest of {p}") for p in here} | {"cover.jpg": (100, "old")})
    remote = {"feed.xml": 100, "index.html": 120, "cover.jpg": 100}
    plan = make_plan(here, remote, record)
    assert plan.unchanged == ("feed.xml",)
    assert sorted(plan.sending) == ["cover.jpg", "index.html"]


def test_a_file_whose_sending_was_cut_short_is_sent_again() -> None:
    here = files(MP3, "feed.xml")
    record = Record("t", {"feed.xml": (100, "digest of feed.xml")}, {"feed.xml": (100, "x")})
    plan = make_plan(here, {MP3: 100, "feed.xml": 100}, record)
    assert plan.sending == ["feed.xml"]


def test_only_files_of_its_own_are_deleted() -> None:
    here = files(MP3, PAGE, "feed.xml")
    remote = {
        **dict.fromkeys(here, 100),
        f"{OLD}/{OLD}.0000000000.mp3": 5,  # a removed edition's file
        f"{OLD}/index.html": 5,  # its page: in an edition folder
        f"{SLUG}/{SLUG}.9999999999.mp3": 5,  # the edited edition's old version
        "retired.jpg": 5,  # sent by an earlier deploy, no longer published
        "robots.txt": 5,  # the host's own
        "downloads/flyer.pdf": 5,  # the host's own, in a folder
        "feed.xml.0a1b2c3d.partial": 5,  # what is left of an upload cut short
        "notes.txt.0a1b2c3d.partial": 5,  # not ours
    }
    record = Record("t", {"retired.jpg": (5, "d")})
    plan = make_plan(here, remote, record)
    assert plan.delete == (
        f"{OLD}/{OLD}.0000000000.mp3",
        f"{OLD}/index.html",
        f"{SLUG}/{SLUG}.9999999999.mp3",
        "feed.xml.0a1b2c3d.partial",
        "retired.jpg",
    )


@pytest.mark.parametrize(
    ("path", "kind", "cache"),
    [
        (MP3, "audio/mpeg", IMMUTABLE),
        (f"{SLUG}/{SLUG}.0123456789.speaker.mp3", "audio/mpeg", IMMUTABLE),
        (VTT, "text/vtt; charset=utf-8", IMMUTABLE),
        (f"{SLUG}/{SLUG}.0123456789.srt", "application/x-subrip; charset=utf-8", IMMUTABLE),
        (f"{SLUG}/{SLUG}.0123456789.chapters.json", "application/json", IMMUTABLE),
        (PAGE, "text/html; charset=utf-8", SHORT),
        ("feed.xml", "application/rss+xml", SHORT),
        ("flash-briefing.json", "application/json", SHORT),
        ("cover.jpg", "image/jpeg", SHORT),
        ("cover.png", "image/png", SHORT),
        (f"{SLUG}/{SLUG}.mp3", "audio/mpeg", SHORT),  # no digest in the name: it may change
        ("README", "", SHORT),
    ],
)
def test_http_headers_of_each_kind(path: str, kind: str, cache: str) -> None:
    assert (content_type(path), cache_control(path)) == (kind, cache)


def test_what_is_never_deployed(tmp_path: Path) -> None:
    output = tmp_path / "output"
    for path in [
        "feed.xml",
        f"{SLUG}/index.html",
        "manifest.json",
        ".audio-edition.lock",
        ".staging/build-1/x.mp3",
        f"{SLUG}/.{SLUG}.mp3.x1y2.tmp",
        ".deploy/abc.json",
        "cache/segments/x.mp3",
        "assets/.DS_Store",
    ]:
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_bytes(b"x" * 10)
    (output / "outside").symlink_to(tmp_path)
    found = published_files(output, skip=[output / "cache"])
    assert sorted(found) == [f"{SLUG}/index.html", "feed.xml"]
    assert found["feed.xml"] == LocalFile(10, local.file_digest(output / "feed.xml"))


def test_digests_are_taken_again_only_for_changed_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.mp3", "b.mp3"):
        (tmp_path / name).write_bytes(b"one")
    published_files(tmp_path)
    hashed: list[str] = []
    real = local.file_digest
    monkeypatch.setattr(local, "file_digest", lambda p: hashed.append(p.name) or real(p))
    (tmp_path / "b.mp3").write_bytes(b"two")
    os.utime(tmp_path / "b.mp3", ns=(1, 1))
    assert published_files(tmp_path)["b.mp3"].digest == real(tmp_path / "b.mp3")
    assert hashed == ["b.mp3"]


S3_TARGET = parse_target("s3://podcast/kommentare", {"AWS_CONFIG_FILE": os.devnull})


@pytest.mark.parametrize(
    ("said", "kind", "meaning"),
    [
        (
            "error in ListJSON: operation error S3: ListObjects, https response error "
            "StatusCode: 403, api error SignatureDoesNotMatch: The request signature we calculated "
            "does not match the signature you provided.",
            CredentialsRefused,
            "refused the credentials",
        ),
        (
            "operation error S3: ListObjects, get identity: get credentials: failed to refresh "
            "cached credentials, no EC2 IMDS role found",
            CredentialsRefused,
            "no credentials to offer",
        ),
        (
            "operation error S3: PutObject, api error NoSuchBucket: The specified bucket does "
            "not exist",
            MissingBucket,
            "the bucket does not exist",
        ),
        (
            'Get "http://127.0.0.1:18999/bucket?prefix=": dial tcp 127.0.0.1:18999: connect: '
            "connection refused",
            TargetUnreachable,
            "cannot reach the target",
        ),
        (
            "NewFs: couldn't connect SSH: dial tcp: lookup web.example.invalid: no such host",
            TargetUnreachable,
            "cannot reach the target",
        ),
        (
            "NewFs: couldn't connect SSH: ssh: handshake failed: ssh: unable to authenticate, "
            "attempted methods [none publickey], no supported methods remain",
            CredentialsRefused,
            "refused the credentials",
        ),
        ("ssh: handshake failed: knownhosts: key mismatch", HostNotTrusted, "not the one"),
        ("ssh: handshake failed: knownhosts: key is unknown", HostNotTrusted, "connect once"),
        (
            'Update Close failed: sftp: "write /srv/x.mp3.53c44bc8.partial: no space left on '
            'device" (SSH_FX_FAILURE)',
            DiskFull,
            "the target is full",
        ),
        ("Insufficient Storage: 507 Insufficient Storage", DiskFull, "the target is full"),
        ("couldn't list files: 401 Unauthorized: 401 Unauthorized", CredentialsRefused, "refused"),
        ("something rclone never said before", DeployError, "sending files failed"),
    ],
)
def test_what_rclone_says_is_named(said: str, kind: type, meaning: str) -> None:
    error = failure(S3_TARGET, ["an earlier line", said], "sending files")
    assert type(error) is kind
    assert str(error).startswith("s3://podcast/kommentare: ")
    assert meaning in str(error)


def test_the_reason_is_kept_short_and_without_rclone_s_frames() -> None:
    said = (
        'Failed to create file system for ":sftp,host=web,user=anna:/srv": NewFs: couldn\'t '
        "connect SSH: dial tcp 10.0.0.9:22: i/o timeout"
    )
    error = failure(S3_TARGET, [said], "listing the target")
    assert str(error) == (
        "s3://podcast/kommentare: cannot reach the target (listing the target: NewFs: couldn't "
        "connect SSH: dial tcp 10.0.0.9:22: i/o timeout)"
    )


def test_credentials_in_the_environment_are_cut_out_of_what_rclone_says() -> None:
    environ = {
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG",
        "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
        "RCLONE_WEBDAV_PASS": "obscured-pass",
        "HOME": "/home/anna",
        "AWS_SESSION_TOKEN": "short",  # too short to be told from ordinary words: kept
    }
    hidden = secrets(environ)
    said = "key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG pass obscured-pass in /home/anna"
    assert redact(said, hidden) == "key … secret … pass … in /home/anna"
