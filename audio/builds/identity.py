"""Which edition an article continues: its GUID, and an undated article's first publication time,
survive every build, an edit and a rename of its file.

An article continues the edition published before from the same file name; a file that is new
continues an edition whose article file is gone from the folder (renamed, then) with the same URL,
else the same title and date, else the same content. An article that continues none is new: its
GUID is derived from its URL, else from its title and first publication time, which every machine
derives alike (audio/edition/model.py). A title corrected later keeps the GUID, since the file name
stays; a podcast app sees one episode updated, not a second one.
"""

from __future__ import annotations

from datetime import datetime

from audio.builds.manifest import Manifest, Record
from audio.builds.staleness import Plan
from audio.text.article import Article


class Identities:
    def __init__(self, manifest: Manifest, work: Plan, removed: dict[str, Record]) -> None:
        """`removed`: the editions the build drops, which a renamed article may continue."""
        self.records = manifest.records
        self.content = work.content
        self.removed = dict(removed)

    def of(self, name: str, article: Article, now: datetime) -> tuple[str | None, datetime]:
        """The GUID (None: a new one, derived) and the publication time of the edition of the
        article file `name`."""
        previous = self.records.get(name) or self._renamed(name, article)
        if previous is None:
            return None, article.published or now
        first = datetime.fromisoformat(previous.edition["published"])
        return str(previous.edition["guid"]), article.published or first

    def _renamed(self, name: str, article: Article) -> Record | None:
        """The dropped edition the article file `name` continues under its new name; each is
        continued once."""
        for matches in (_same_url, _same_title_and_date, self._same_content):
            for old, record in self.removed.items():
                if matches(record, name, article):
                    return self.removed.pop(old)
        return None

    def _same_content(self, record: Record, name: str, article: Article) -> bool:
        return record.inputs.content == self.content.get(name)


def _same_url(record: Record, name: str, article: Article) -> bool:
    return article.url is not None and record.edition.get("url") == article.url


def _same_title_and_date(record: Record, name: str, article: Article) -> bool:
    if article.published is None:
        return False
    edition = record.edition
    return (edition.get("title"), edition.get("published")) == (
        article.title,
        article.published.isoformat(),
    )
