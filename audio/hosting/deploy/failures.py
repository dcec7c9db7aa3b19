"""Why a deploy failed, named: what rclone said, turned into an error a user can act on.

Each kind is recognised by the words rclone and the servers behind it use (AWS's error codes,
Go's network errors, the SSH library's, HTTP statuses); the message keeps rclone's own reason at
its end, shortened, for whoever has to look further.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from audio.errors import AudioEditionError
from audio.hosting.deploy.targets import Target


class DeployError(AudioEditionError):
    """A deploy failed; the target's live feed is still the one it had before."""


class TargetUnreachable(DeployError):
    """The target's host does not answer, or cannot be found."""


class CredentialsRefused(DeployError):
    """The target refused the keys (or there were none to offer)."""


class HostNotTrusted(DeployError):
    """An SSH host's key is not the one known_hosts holds."""


class DiskFull(DeployError):
    """The target has no room for what the deploy sends."""


class MissingBucket(DeployError):
    """The S3 bucket the target names does not exist."""


KINDS: tuple[tuple[type[DeployError], str, str], ...] = (
    (
        MissingBucket,
        r"NoSuchBucket|specified bucket does not exist",
        "the bucket does not exist; create it first (a deploy never creates buckets)",
    ),
    (
        DiskFull,
        r"no space left|quota exceeded|insufficient storage|\b507\b|StorageFull|storage cap"
        r"|EntityTooLarge|not enough space",
        "the target is full: it has no room for the files this deploy sends",
    ),
    (
        HostNotTrusted,
        r"knownhosts: key mismatch",
        "the host's key is not the one ~/.ssh/known_hosts holds for it: if the host was "
        "really changed, check its new key with ssh and replace the old one",
    ),
    (
        HostNotTrusted,
        r"knownhosts: key is unknown",
        "the host is not in ~/.ssh/known_hosts: connect once with ssh to check its key",
    ),
    (
        CredentialsRefused,
        r"failed to refresh cached credentials|NoCredentialProviders|no EC2 IMDS role"
        r"|SSH_AUTH_SOCK not-specified|couldn't connect to ssh-agent",
        "no credentials to offer: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or "
        "AWS_PROFILE), or start an ssh agent",
    ),
    (
        CredentialsRefused,
        r"InvalidAccessKeyId|SignatureDoesNotMatch|InvalidToken|ExpiredToken|AccessDenied"
        r"|Forbidden|\b403\b|\b401\b|Unauthori[sz]ed|unable to authenticate|passphrase protected"
        r"|no supported methods remain",
        "the target refused the credentials: a wrong key or password, or one without the "
        "right to write there",
    ),
    (
        TargetUnreachable,
        r"connection refused|no such host|i/o timeout|network is unreachable|no route to host"
        r"|connection reset|TLS handshake|x509|dial tcp|timeout awaiting|context deadline",
        "cannot reach the target",
    ),
    (
        DeployError,
        r"didn't find section in config file|NewFs: .*not found",
        "rclone has no remote of that name (see `rclone listremotes`)",
    ),
    (
        DeployError,
        r"permission denied",
        "the target does not let this user write there",
    ),
)
# The frames rclone puts around a reason: which command failed, and the remote it was given.
_FRAMES = (
    re.compile(r"^Failed to [\w ]+?(?: with \d+ errors)?: (?:last error was: )?"),
    re.compile(r'Failed to create file system for ".*?": '),
    re.compile(r"^(?:error in \w+|Attempt \d+/\d+ failed with \d+ errors and): "),
)
_LONGEST_REASON = 300


def failure(target: Target, errors: Sequence[str], doing: str) -> DeployError:
    """The named error for what rclone said while `doing` (e.g. "listing the target"), with the
    line that tells it as the reason."""
    for kind, pattern, meaning in KINDS:
        telling = [error for error in errors if re.search(pattern, error, re.IGNORECASE)]
        if telling:
            return kind(f"{target.name}: {meaning} ({doing}: {_reason(telling)})")
    return DeployError(f"{target.name}: {doing} failed: {_reason(errors)}")


def _reason(errors: Sequence[str]) -> str:
    """rclone's last word on it, without its frames."""
    last = errors[-1] if errors else "rclone gave no reason"
    for frame in _FRAMES:
        last = frame.sub("", last)
    reason = last.strip()
    if len(reason) > _LONGEST_REASON:
        reason = reason[: _LONGEST_REASON - 1] + "…"
    return reason
