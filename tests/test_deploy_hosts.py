"""Deploys to a real SFTP server (an ssh key from the home folder, or the ssh agent) and to a real
WebDAV server (user and password from rclone's variables), with the errors a user meets there:
an unknown host key, a wrong password, a full disk."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from audio.hosting.deploy import deploy_output
from audio.hosting.deploy.failures import (
    CredentialsRefused,
    DeployError,
    DiskFull,
    HostNotTrusted,
)
from audio.settings import Settings
from tests.deploys import contents, edit, newsroom
from tests.servers import Sftp, WebDav, obscured, sftp_server, webdav_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return newsroom(tmp_path_factory.mktemp("newsroom"), "https://example.org/podcast/", 2)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of its own, as ssh and the AWS CLI find theirs; no agent."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    return folder


@pytest.fixture
def sftp(tmp_path: Path, home: Path) -> Iterator[Sftp]:
    with sftp_server(tmp_path / "server", home) as server:
        yield server


def held(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def published(settings: Settings) -> dict[str, bytes]:
    return {path: (settings.output / path).read_bytes() for path in contents(settings.output)}


def test_sftp_with_the_key_in_the_home_folder(built: Settings, sftp: Sftp, tmp_path: Path) -> None:
    settings = copy(built, tmp_path)
    first = deploy_output(settings, sftp.target())
    assert held(sftp.folder / "podcast") == published(settings)
    assert len(first.sent) == len(published(settings))
    assert deploy_output(settings, sftp.target()).sent == []
    old = set(published(settings))
    changed = edit(settings, 0, author="Anna Berger")
    again = deploy_output(settings, sftp.target())
    assert set(again.sent) == changed
    assert set(again.deleted) == old - set(published(settings))
    assert held(sftp.folder / "podcast") == published(settings)


def test_sftp_through_the_ssh_agent(
    built: Settings, sftp: Sftp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("ssh-agent") is None:
        pytest.skip("ssh-agent is not installed")
    agent = subprocess.run(["ssh-agent", "-s"], capture_output=True, text=True, check=True)
    variables = dict(
        part.split("=", 1) for part in agent.stdout.replace(";", "\n").split() if "=" in part
    )
    try:
        key = sftp.home / ".ssh" / "id_ed25519"
        environ = {**os.environ, **variables}
        subprocess.run(["ssh-add", "-q", str(key)], env=environ, check=True)
        key.rename(sftp.home / "elsewhere")  # only the agent has it now
        monkeypatch.setenv("SSH_AUTH_SOCK", variables["SSH_AUTH_SOCK"])
        report = deploy_output(copy(built, tmp_path), sftp.target("agent"))
        assert held(sftp.folder / "agent") == published(built)
        assert report.sent
    finally:
        subprocess.run(["kill", variables["SSH_AGENT_PID"]], check=False)


def test_an_sftp_host_with_another_key_is_not_trusted(
    built: Settings, sftp: Sftp, tmp_path: Path
) -> None:
    known = sftp.home / ".ssh" / "known_hosts"
    client = (sftp.home / ".ssh" / "id_ed25519.pub").read_text(encoding="utf-8")
    known.write_text(f"[127.0.0.1]:{sftp.port} {client}", encoding="utf-8")
    with pytest.raises(HostNotTrusted, match=r"not the one ~/\.ssh/known_hosts holds"):
        deploy_output(copy(built, tmp_path), sftp.target())
    assert not (sftp.folder / "podcast").exists()


def test_a_full_disk_is_named_and_the_live_feed_stays(
    built: Settings, tmp_path: Path, home: Path
) -> None:
    """The SFTP server in a mount namespace of its own, on a 1 MB disk."""
    small = tmp_path / "small"
    small.mkdir()
    mount = f'mount -t tmpfs -o size=1m tmpfs "{small}" && exec "$0" "$@"'
    wrap = ["unshare", "-Urm", "sh", "-c", mount]
    probe = subprocess.run([*wrap, "true"], capture_output=True)
    if shutil.which("unshare") is None or probe.returncode:
        pytest.skip(f"no mount namespace for a small disk here: {probe.stderr!r}")
    settings = copy(built, tmp_path)
    full = pytest.raises(DiskFull, match=r"the target is full.*no space left on device")
    with sftp_server(small, home, wrap) as sftp, full:
        deploy_output(settings, sftp.target())
    # It failed on the MP3s, before anything that names them was sent.
    assert not (small / "podcast" / "feed.xml").exists()


def copy(built: Settings, tmp_path: Path) -> Settings:
    """The built newsroom copied: each test edits and deploys its own."""
    folder = tmp_path / "newsroom"
    shutil.copytree(built.articles.parent, folder)
    return built.replace(articles=folder / "articles", output=folder / "output")


@pytest.fixture
def dav(tmp_path: Path) -> Iterator[WebDav]:
    with webdav_server(tmp_path / "dav") as server:
        yield server


def test_webdav_with_rclone_s_password_variable(
    built: Settings, dav: WebDav, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RCLONE_WEBDAV_PASS", obscured(dav.password))
    settings = copy(built, tmp_path)
    deploy_output(settings, dav.target())
    assert held(dav.folder / "podcast") == published(settings)
    assert deploy_output(settings, dav.target()).sent == []


def test_webdav_with_a_wrong_password(
    built: Settings, dav: WebDav, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RCLONE_WEBDAV_PASS", obscured("falsch"))
    with pytest.raises(CredentialsRefused, match="401"):
        deploy_output(copy(built, tmp_path), dav.target())


def test_a_remote_of_the_user_s_rclone_config(
    built: Settings, dav: WebDav, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "rclone.conf"
    config.write_text(
        f"[kommentare]\ntype = webdav\nurl = http://127.0.0.1:{dav.port}/\n"
        f"user = {dav.user}\npass = {obscured(dav.password)}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("RCLONE_CONFIG", str(config))
    settings = copy(built, tmp_path)
    deploy_output(settings, "kommentare:podcast")
    assert held(dav.folder / "podcast") == published(settings)
    with pytest.raises(DeployError, match="rclone has no remote of that name"):
        deploy_output(settings, "nirgends:podcast")
