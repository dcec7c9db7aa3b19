"""An edition: what was published for one article, everything the feeds and the site need.

Editions are stored in the manifest, so publishing never re-reads articles or decodes audio.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from audio.mastering.renditions import SPEAKER
from audio.text.article import Article, Section
from audio.voice.timeline import Chapter

DIGEST_LENGTH = 10
"""Hex digits of a content digest in a published file's name (40 bits)."""
# Namespace of edition guids: the same article source yields the same guid on every machine.
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://audio-edition.invalid/edition")


@dataclass(frozen=True)
class Edition:
    guid: str
    slug: str
    source: str
    title: str
    author: str | None
    published: datetime
    teaser: str | None
    sections: tuple[Section, ...]
    url: str | None
    audio: str
    """The podcast rendition, relative to the output folder."""
    size: int
    duration: float
    engine: str
    chapters: tuple[Chapter, ...]
    files: dict[str, str] = field(default_factory=dict)
    """Other published files by kind, relative to the output folder."""
    fallback: bool = False
    """Narrated by the offline voice because Google did not answer (engine auto)."""
    voice: str = ""
    """The engine's voice, e.g. de+m3; `engine` names it with every option."""

    @property
    def listening(self) -> str:
        """The MP3 the site plays: the podcast rendition, or the smart-speaker one when the
        podcast rendition is switched off."""
        return self.audio or self.files.get(SPEAKER, "")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = self.published.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Edition:
        return cls(
            **{
                **data,
                "published": datetime.fromisoformat(data["published"]),
                "sections": tuple(
                    Section(s["heading"], tuple(s["paragraphs"])) for s in data["sections"]
                ),
                "chapters": tuple(Chapter(**c) for c in data["chapters"]),
            }
        )


def edition_guid(article: Article, published: datetime) -> str:
    """A new edition's GUID, from what identifies the article: its URL, else its title and first
    publication time; never its file name, which an editor may change. The same on every
    machine; a build keeps the GUID of the edition an article continues, through corrections of
    its title too (audio/builds/identity.py)."""
    key = article.url or f"{article.title}\n{published.isoformat()}"
    return str(uuid.uuid5(GUID_NAMESPACE, key))


def edition_file(slug: str, suffix: str, content: bytes) -> str:
    """Where the edition `slug` publishes a file of one kind (`suffix`: ".mp3", ".vtt" …) and
    this content, relative to the output folder. The name carries a digest of the content: a new
    version is a new file, so a feed, a page or a podcast app that still names the old one finds
    it whole until it is retired, and a web host may cache every such file for ever."""
    digest = hashlib.sha256(content).hexdigest()[:DIGEST_LENGTH]
    return f"{slug}/{slug}.{digest}{suffix}"


def page_path(slug: str) -> str:
    """Where an edition's page is published, relative to the output folder."""
    return f"{slug}/index.html"
