"""ID3v2.3 tags (the version every player reads) on a published MP3."""

from __future__ import annotations

from pathlib import Path

from mutagen.id3 import ID3, TALB, TCON, TDRC, TIME, TIT2, TLAN, TPE1

from audio.edition import Edition
from audio.settings import Settings


def write_tags(mp3: Path, edition: Edition, settings: Settings) -> None:
    tags = ID3()
    tags.add(TIT2(encoding=1, text=edition.title))
    tags.add(TPE1(encoding=1, text=edition.author or settings.author))
    tags.add(TALB(encoding=1, text=settings.podcast_title))
    tags.add(TDRC(encoding=1, text=edition.published.strftime("%Y-%m-%dT%H:%M")))
    tags.add(TCON(encoding=1, text="Podcast"))
    tags.add(TLAN(encoding=1, text="deu"))
    # TDRC exists only in ID3v2.4: the conversion turns it into v2.3's TYER and TDAT, but
    # mutagen leaves out the time of day, which v2.3 keeps in TIME (HHMM).
    tags.update_to_v23()
    tags.add(TIME(encoding=1, text=edition.published.strftime("%H%M")))
    tags.save(mp3, v2_version=3)
