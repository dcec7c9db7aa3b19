"""Readers turn one file format into an `Article`; they never touch audio or the output folder.

A reader is a module with `parse(path, text) -> Article`, registered in READERS under the file
suffixes it reads, as Pelican keys its readers by file extension. A reader is imported when a file
of its kind is read: a build with nothing to read imports none.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from audio.errors import ArticleError
from audio.text.article import Article

READERS = {".txt": "raw", ".md": "markdown", ".markdown": "markdown"}
"""The reader module (below audio.text.readers) of each file suffix, in lower case."""


def read_article(path: Path) -> Article:
    """Read one article file with the reader its suffix names."""
    from audio.text.readers.decode import read_text

    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise ArticleError(path, f"unsupported file type {suffix or '(none)'}")
    reader = importlib.import_module(f"{__name__}.{READERS[suffix]}")
    article: Article = reader.parse(path, read_text(path))
    return article


def find_articles(folder: Path) -> list[Path]:
    """Article files in `folder`, in a stable order; hidden and backup files are skipped."""
    if not folder.is_dir():
        raise ArticleError(folder, "is not a folder of articles")
    return sorted(path for path in folder.iterdir() if is_article(path.name) and path.is_file())


def is_article(name: str) -> bool:
    """Whether a file of this name is read as an article: not hidden, not an editor's lock or
    backup, and of a kind a reader reads."""
    suffix = os.path.splitext(name)[1].lower()
    return suffix in READERS and not name.startswith((".", "~"))
