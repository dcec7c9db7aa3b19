"""Writing the publication: every edition's page, then the index and the feeds that link to them.
Runs after every edition's own files are in place, so nothing published names a missing file."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from audio.edition import Edition
from audio.files import write_bytes, write_text
from audio.publish.feed import FEED, feed_warnings, render_feed
from audio.publish.flash import FLASH_BRIEFING, flash_warnings, render_flash_briefing
from audio.publish.site import INDEX, page_path, render_index, render_page, static_files
from audio.settings import Settings

PODCAST_OFF = (
    "the podcast rendition is switched off (podcast_rendition = false): "
    "feed.xml lists no edition built without it"
)


def with_page(edition: Edition) -> Edition:
    """The edition naming its page among its files, as the feeds link to it."""
    return dataclasses.replace(edition, files={**edition.files, "page": page_path(edition.slug)})


def write_publication(editions: Sequence[Edition], settings: Settings, output: Path) -> list[Path]:
    """Pages, index, flash briefing and feed; returns the files that belong to no one edition."""
    editions = [with_page(edition) for edition in editions]
    written = []
    for name, data in static_files().items():
        write_bytes(output / name, data)
        written.append(output / name)
    for edition in editions:
        write_text(output / edition.files["page"], render_page(edition, settings, output))
    for name, text in (
        (INDEX, render_index(editions, settings)),
        (FLASH_BRIEFING, render_flash_briefing(editions, settings)),
    ):
        write_text(output / name, text)
        written.append(output / name)
    # The feed encloses the podcast rendition; an edition without one is no podcast episode.
    write_bytes(output / FEED, render_feed([e for e in editions if e.audio], settings))
    written.append(output / FEED)
    return written


def publication_warnings(editions: Sequence[Edition], settings: Settings) -> list[str]:
    """What Apple, the W3C feed validator or Alexa would complain about."""
    unlisted = [] if settings.podcast_rendition else [PODCAST_OFF]
    return feed_warnings(settings) + flash_warnings(editions, settings) + unlisted
