"""The one exception family: each carries a message a user can act on without a traceback."""

from __future__ import annotations

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
