"""The one exception family: each carries a message a user can act on without a traceback."""

from __future__ import annotations

import errno
from pathlib import Path


class AudioEditionError(Exception):
    """Base of every error the CLI reports as a plain message."""


class ArticleError(AudioEditionError):
    """An article file cannot be read or makes no sense."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class SourceError(AudioEditionError):
    """A web page, feed or saved page could not be fetched or read as an article."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class SettingsError(AudioEditionError):
    """A setting is missing, unknown or out of range."""


class EngineError(AudioEditionError):
    """A speech engine is unusable or failed for good."""


class AudioError(AudioEditionError):
    """Audio could not be decoded, mastered or encoded."""


_SYSTEM_PROBLEMS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "not permitted",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.EEXIST: "something else is in the way",
    errno.EIO: "the disk reports an input/output error",
}


def system_problem(error: OSError) -> str:
    """An OSError as a line for the user: the file, and what the system said, in plain words
    where we have them."""
    said = _SYSTEM_PROBLEMS.get(error.errno or 0) or error.strerror or str(error)
    return f"{error.filename}: {said}" if error.filename else said
