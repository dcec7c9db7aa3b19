"""Where a deploy goes: the target a user names, as rclone reaches it.

- `s3://BUCKET/PREFIX`: S3-compatible object storage (AWS, R2, B2, MinIO, Hetzner, Spaces); keys,
  endpoint, region and profile as the AWS CLI finds them (audio/hosting/deploy/aws.py);
  `?acl=public-read` where the store wants every object marked public.
- `sftp://USER@HOST:PORT/PATH`: an SSH host, through the ssh agent, else the first of
  ~/.ssh/id_ed25519, id_ecdsa, id_rsa; the host's key must be in ~/.ssh/known_hosts. PATH is
  absolute; `/~/PATH` is in the user's home.
- `webdav+https://USER@HOST/PATH` (or `webdav+http`): a WebDAV share; the password from rclone's
  own `RCLONE_WEBDAV_PASS` (obscured with `rclone obscure`); `?vendor=nextcloud` and the like.
- `NAME:PATH`: a remote of the user's rclone config, any of rclone's backends.
- anything else: a local folder (a mounted web root), `file:///…` too.

A target names no credential: a password in it is refused, so that the settings file, the
record of a deploy and every message may show it. rclone's connection strings carry the rest.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit

from audio.errors import SettingsError
from audio.hosting.deploy.aws import aws_place

S3, SFTP, WEBDAV, REMOTE, LOCAL = "s3", "sftp", "webdav", "remote", "local"
SSH_KEYS = ("id_ed25519", "id_ecdsa", "id_rsa")
"""The identities ssh tries by default, in its order, that rclone's SSH library can read."""
# rclone's remote names: letters, digits, `_ . + @ -` and inner spaces; a URL has `//` instead.
_REMOTE = re.compile(r"^(?P<name>[\w.+@-][\w.+@ -]*):(?!//)(?P<path>.*)$")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
# S3 providers rclone knows, by the host of their endpoint: each gets rclone's quirks for it.
_PROVIDERS = (
    ("amazonaws.com", "AWS"),
    ("r2.cloudflarestorage.com", "Cloudflare"),
    ("digitaloceanspaces.com", "DigitalOcean"),
    ("your-objectstorage.com", "Hetzner"),
)
_OPTIONS = {S3: {"acl"}, WEBDAV: {"vendor"}}


@dataclass(frozen=True)
class Target:
    name: str
    """As the user named it: safe to show."""
    kind: str
    remote: str
    """rclone's name for the place, a connection string or a path."""
    identity: str
    """What tells two targets apart: the name, and for S3 the endpoint the name stands for."""
    folder: str = ""
    """rclone's name for the target's folder as seen from the server's root, where the folder
    must be made before anything is sent into it (WebDAV); "" where rclone makes it itself."""

    @property
    def key(self) -> str:
        """A short file name for what is recorded about this target."""
        return hashlib.sha256(self.identity.encode()).hexdigest()[:16]

    def at(self, relative: str) -> str:
        """rclone's name for a path below the target."""
        if self.kind == LOCAL:
            return str(Path(self.remote, relative))
        joined = self.remote.endswith((":", "/"))
        return f"{self.remote}{relative}" if joined else f"{self.remote}/{relative}"


def parse_target(
    text: str, environ: Mapping[str, str] | None = None, home: Path | None = None
) -> Target:
    """The target `text` names; SettingsError naming the problem if it names none."""
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    text = text.strip()
    if not text:
        raise SettingsError(
            'no deploy target: pass --to TARGET or set deploy = "s3://BUCKET/PREFIX" (or '
            "sftp://USER@HOST/PATH, an rclone remote NAME:PATH, a folder) in pyproject.toml"
        )
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme == "s3":
        return _s3(text, environ)
    if scheme == "sftp":
        return _sftp(text, environ, home)
    if scheme in ("webdav+https", "webdav+http"):
        return _webdav(text, scheme.split("+")[1])
    if scheme == "file":
        return _local(unquote(urlsplit(text).path), text)
    if scheme:
        raise SettingsError(
            f"deploy target {text!r}: unknown kind {scheme}://; use s3://, sftp://, "
            "webdav+https://, an rclone remote NAME:PATH or a folder"
        )
    if text.startswith(":"):
        raise SettingsError(
            f"deploy target {text!r}: name a remote of your rclone config (rclone config) "
            "instead of a connection string, which may carry keys into the settings"
        )
    remote = _REMOTE.match(text)
    if remote and not (os.name == "nt" and _DRIVE.match(text)):
        return Target(text, REMOTE, text, text)
    return _local(text, text)


def _s3(text: str, environ: Mapping[str, str]) -> Target:
    parts = _split(text, S3)
    bucket, prefix = parts.netloc, parts.path.strip("/")
    if not bucket:
        raise SettingsError(f"deploy target {text!r} names no bucket: s3://BUCKET/PREFIX")
    place = aws_place(environ)
    provider = _provider(place.endpoint)
    options = {"provider": provider, "env_auth": "true", "no_check_bucket": "true"}
    options |= {"region": place.region} if place.region else {}
    options |= {"endpoint": place.endpoint} if place.endpoint else {}
    options |= _query(parts.query, text, S3)
    identity = f"{text} at {place.endpoint or 'AWS'}"
    return Target(text, S3, _connection("s3", options, f"{bucket}/{prefix}"), identity)


def _provider(endpoint: str) -> str:
    if not endpoint:
        return "AWS"
    host = (urlsplit(endpoint).hostname or "").lower()
    return next((name for suffix, name in _PROVIDERS if host.endswith(suffix)), "Other")


def _sftp(text: str, environ: Mapping[str, str], home: Path) -> Target:
    parts = _split(text, SFTP)
    if not parts.hostname:
        raise SettingsError(f"deploy target {text!r} names no host: sftp://USER@HOST/PATH")
    options = {"host": parts.hostname}
    options |= {"user": unquote(parts.username)} if parts.username else {}
    options |= {"port": str(parts.port)} if parts.port else {}
    known_hosts = home / ".ssh" / "known_hosts"
    if not known_hosts.is_file():
        raise SettingsError(
            f"deploy target {text!r}: {known_hosts} does not exist; connect once with "
            f"`ssh {parts.netloc}` to check the host's key and record it"
        )
    options["known_hosts_file"] = str(known_hosts)
    if not environ.get("SSH_AUTH_SOCK") and not environ.get("RCLONE_SFTP_KEY_FILE"):
        key = next((home / ".ssh" / k for k in SSH_KEYS if (home / ".ssh" / k).is_file()), None)
        if key is None:
            raise SettingsError(
                f"deploy target {text!r}: no ssh agent (SSH_AUTH_SOCK) and no key "
                f"{', '.join(SSH_KEYS)} in {home / '.ssh'}"
            )
        options["key_file"] = str(key)
    path = unquote(parts.path) or "/"
    path = path[3:] if path.startswith("/~/") else "" if path == "/~" else path
    return Target(text, SFTP, _connection("sftp", options, path), text)


def _webdav(text: str, scheme: str) -> Target:
    parts = _split(text, WEBDAV)
    if not parts.hostname:
        raise SettingsError(f"deploy target {text!r} names no host: webdav+https://HOST/PATH")
    host = parts.netloc.rsplit("@", 1)[-1]
    login = {"user": unquote(parts.username)} if parts.username else {}
    login |= _query(parts.query, text, WEBDAV)
    remote = _connection("webdav", {"url": f"{scheme}://{host}{parts.path or '/'}"} | login, "")
    # rclone makes folders below its url only: the target's own is made from the server's root.
    folder = _connection("webdav", {"url": f"{scheme}://{host}/"} | login, unquote(parts.path))
    return Target(text, WEBDAV, remote, text, folder)


def _local(path: str, text: str) -> Target:
    folder = Path(path).expanduser().absolute()
    return Target(text, LOCAL, str(folder), str(folder))


def _split(text: str, kind: str) -> SplitResult:
    parts = urlsplit(text)
    if parts.password is not None:
        shown = text.replace(f":{parts.password}@", ":…@")
        where = "ssh keys or the ssh agent" if kind == SFTP else "RCLONE_WEBDAV_PASS"
        raise SettingsError(
            f"deploy target {shown!r} holds a password: take it out and use {where}, or an "
            "rclone remote; a target is shown in messages and kept in the settings"
        )
    return parts


def _query(query: str, text: str, kind: str) -> dict[str, str]:
    given = {key: values[-1] for key, values in parse_qs(query, keep_blank_values=True).items()}
    unknown = set(given) - _OPTIONS.get(kind, set())
    if unknown:
        known = ", ".join(sorted(_OPTIONS.get(kind, ()))) or "none"
        raise SettingsError(
            f"deploy target {text!r}: unknown option {', '.join(sorted(unknown))} (known: {known})"
        )
    return given


def _connection(backend: str, options: dict[str, str], path: str) -> str:
    """rclone's on-the-fly remote: `:backend,key=value,…:path`, values quoted where needed."""
    listed = ",".join(f"{key}={_quoted(value)}" for key, value in options.items())
    return f":{backend},{listed}:{path}"


def _quoted(value: str) -> str:
    if not re.search(r"[:,'\"]", value):
        return value
    return "'" + value.replace("'", "''") + "'"
