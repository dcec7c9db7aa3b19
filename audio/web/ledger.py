"""What import wrote, so that a cron run imports only what is new: `articles/.imported.json`
records each article's canonical address, its file and the digest of the text written. An
article the source has not changed is not written again; one it changed is updated, unless the
file was edited here since (the edit is kept) or removed here (it stays removed); `--force`
writes them all again. Files made without the ledger (or after losing it) are found by the
`url` in their front matter."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from audio.errors import SourceError
from audio.files import write_text
from audio.text.calendar import NEWSROOM_TZ
from audio.web.article_file import file_name, render
from audio.web.extract import Imported

LEDGER = ".imported.json"
NEW, UPDATED, UNCHANGED, KEPT, SKIPPED = "new", "updated", "unchanged", "kept", "skipped"
REMOVED = "removed here after its import: not imported again (--force does)"
EDITED = "edited here since its import: the source's changes are not taken (--force takes them)"


@dataclass(frozen=True)
class Stored:
    """What became of one imported article."""

    action: str
    path: Path
    reason: str | None = None


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Ledger:
    """The ledger of one articles folder, read once and saved after every write."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LEDGER
        self.entries: dict[str, dict[str, str]] = self._load()
        self.files_by_url: dict[str, Path] | None = None

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise SourceError(str(self.path), f"cannot read the import ledger: {error}") from None
        entries = data.get("articles") if isinstance(data, dict) else None
        if not isinstance(entries, dict):
            raise SourceError(str(self.path), "the import ledger has no 'articles' table")
        return entries

    def store(self, article: Imported, force: bool = False) -> Stored:
        """Write the article's file if it is new or the source changed it."""
        text = render(article)
        entry = self.entries.get(article.url) or self._adopt(article.url)
        if entry is None:
            return self._write(article, text, self._free_name(article), NEW)
        path = self.folder / entry["file"]
        if not path.is_file() and not force:
            return Stored(SKIPPED, path, REMOVED)
        if not path.is_file():
            return self._write(article, text, path.name, NEW)
        new, current = digest(text), digest(path.read_text(encoding="utf-8"))
        if current == new or (new == entry["digest"] and not force):
            return Stored(UNCHANGED, path)
        if current != entry["digest"] and not force:
            return Stored(KEPT, path, EDITED)
        return self._write(article, text, path.name, UPDATED)

    def _write(self, article: Imported, text: str, name: str, action: str) -> Stored:
        path = self.folder / name
        write_text(path, text)
        self.entries[article.url] = {"file": name, "digest": digest(text)}
        self._save()
        return Stored(action, path)

    def _save(self) -> None:
        data = {"articles": dict(sorted(self.entries.items()))}
        write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")

    def _free_name(self, article: Imported) -> str:
        """The article's file name, with `-2`, `-3` … if another article has it."""
        name = file_name(article, datetime.now(NEWSROOM_TZ))
        taken = {entry["file"] for entry in self.entries.values()}
        stem, number = name.removesuffix(".md"), 1
        while name in taken or (self.folder / name).exists():
            number += 1
            name = f"{stem}-{number}.md"
        return name

    def _adopt(self, url: str) -> dict[str, str] | None:
        """An entry for a Markdown file whose front matter names `url`, as it is now."""
        if self.files_by_url is None:
            self.files_by_url = {}
            for path in sorted(self.folder.glob("*.md"), reverse=True):
                found = _front_matter_url(path.read_text(encoding="utf-8", errors="replace"))
                if found:
                    self.files_by_url[found] = path
        path = self.files_by_url.get(url)
        if path is None or not path.is_file():
            return None
        return {"file": path.name, "digest": digest(path.read_text(encoding="utf-8"))}


def _front_matter_url(text: str) -> str | None:
    if not text.startswith("---"):
        return None
    head = text.split("\n---", 1)[0]
    for line in head.splitlines():
        if line.startswith("url:"):
            return line[4:].strip().strip("'\"") or None
    return None
