"""Readers turn one file format into an `Article`; they never touch audio or the output folder.

A reader is a module with `parse(path, text) -> Article`, registered in READERS under the file
suffixes it reads, as Pelican keys its readers by file extension. A reader is imported when a file
of its kind is read: a build with nothing to read imports none.

An article is read only when it is a regular file of at most `max_article_size` bytes, looked at
before anything is read. A symbolic link must lead to a file in the article's own folder unless
`allow_outside_links` is set: otherwise a link to `/etc/passwd` would be read aloud and published.
Whatever has an article's name but cannot be read (a dangling link, a loop of links, a FIFO, a
folder) is found all the same, so that its reading fails with a message instead of a silence.
"""

from __future__ import annotations

import errno
import importlib
import os
from pathlib import Path

from audio.errors import ArticleError
from audio.inputs import read_bounded
from audio.settings import Settings
from audio.text.article import Article

READERS = {".txt": "raw", ".md": "markdown", ".markdown": "markdown"}
"""The reader module (below audio.text.readers) of each file suffix, in lower case."""
YEARS = range(1900, 2200)
"""The years a commentary's date may lie in."""


def read_article(path: Path, settings: Settings | None = None) -> Article:
    """Read one article file with the reader its suffix names, within the limits of `settings`
    (the defaults' without)."""
    from audio.text.readers.decode import decode

    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise ArticleError(path, f"unsupported file type {suffix or '(none)'}")
    data = article_bytes(path, settings or Settings())
    reader = importlib.import_module(f"{__name__}.{READERS[suffix]}")
    article: Article = reader.parse(path, decode(path, data))
    published = article.published
    if published is not None and published.year not in YEARS:
        # Year 1 or 9999 overflows when the feed and the site convert it to the newsroom's time.
        raise ArticleError(
            path,
            f"the date {published.date().isoformat()} cannot be a commentary's: its year lies "
            f"outside {YEARS[0]} to {YEARS[-1]}",
        )
    return article


def article_bytes(path: Path, settings: Settings) -> bytes:
    """The bytes of the article file `path`, or an ArticleError saying why it is not read."""
    if path.is_symlink():
        _check_link(path, settings.allow_outside_links)
    try:
        return read_bounded(path, settings.max_article_size)
    except OSError as error:
        if error.errno == errno.EFBIG:
            raise ArticleError(
                path,
                f"the file {error.strerror}, the max_article_size setting: no commentary is that "
                "long; raise the setting if this really is one article",
            ) from None
        if error.errno == errno.EINVAL:
            raise ArticleError(path, str(error.strerror)) from None
        raise ArticleError(path, f"cannot read the file: {error.strerror or error}") from None


def _check_link(path: Path, outside_allowed: bool) -> None:
    target = Path(os.readlink(path))
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        raise ArticleError(path, f"is a symbolic link to {target}, which does not exist") from None
    except (OSError, RuntimeError):  # a loop: RuntimeError before Python 3.13, then OSError
        raise ArticleError(path, "is a symbolic link that leads round in a loop") from None
    folder = path.parent.resolve()
    if not outside_allowed and not resolved.is_relative_to(folder):
        raise ArticleError(
            path,
            f"is a symbolic link to {resolved}, outside {path.parent}: not read, so that no file "
            "from elsewhere is published by mistake; set allow_outside_links = true to read it",
        )


def find_articles(folder: Path) -> list[Path]:
    """Everything in `folder` named as an article, in a stable order; hidden and backup files
    are skipped. Entries that are no readable file (a FIFO, a folder, a dangling link) are among
    them: reading them says what is wrong."""
    if not folder.is_dir():
        raise ArticleError(folder, "is not a folder of articles")
    return sorted(path for path in folder.iterdir() if is_article(path.name))


def is_article(name: str) -> bool:
    """Whether a file of this name is read as an article: not hidden, not an editor's lock or
    backup, and of a kind a reader reads."""
    suffix = os.path.splitext(name)[1].lower()
    return suffix in READERS and not name.startswith((".", "~"))
