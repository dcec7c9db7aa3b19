"""`audio-edition list`: the published editions, newest first, from the manifest alone."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from audio.builds.manifest import Record, load_manifest


@dataclass(frozen=True)
class Listed:
    published: str
    """ISO 8601 with the newsroom's offset."""
    title: str
    duration: float
    """Seconds of the podcast rendition."""
    engine: str
    mp3_size: int
    """Bytes of the MP3 a listener gets (mp3_size): what `build` reports and the feed announces."""
    total_size: int
    """Bytes of all of the edition's files: MP3s, transcripts, chapters and page."""
    audio: str
    source: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def editions(output: Path) -> list[Listed]:
    records = load_manifest(output).records
    listed = [
        Listed(
            published=r.edition["published"],
            title=r.edition["title"],
            duration=r.edition["duration"],
            engine=r.edition["engine"],
            mp3_size=mp3_size(r),
            total_size=sum(r.files.values()),
            audio=r.edition["audio"],
            source=source,
        )
        for source, r in records.items()
    ]
    return sorted(listed, key=lambda e: datetime.fromisoformat(e.published), reverse=True)


def mp3_size(record: Record) -> int:
    """Bytes of the MP3 the feed announces and the site plays: the podcast rendition, or the
    smart-speaker one when the podcast rendition is switched off."""
    listening = record.to_edition().listening
    return record.files.get(listening, 0)
