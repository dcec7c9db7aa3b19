"""Writing the publication: every edition's page, then the index and the feeds that link to them.
Runs after every edition's own files are in place, so nothing published names a missing file."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from pathlib import Path

from audio.edition.cover import publish_cover
from audio.edition.model import Edition, page_path
from audio.files import write_changed
from audio.publish.feed import FEED, feed_warnings, render_feed
from audio.publish.flash import FLASH_BRIEFING, flash_warnings, render_flash_briefing
from audio.publish.site import INDEX, render_index, render_page, static_files
from audio.settings import Settings

PODCAST_OFF = (
    "the podcast rendition is switched off (podcast_rendition = false): "
    "feed.xml lists no edition built without it"
)


def with_page(edition: Edition) -> Edition:
    """The edition naming its page among its files, as the feeds link to it."""
    return dataclasses.replace(edition, files={**edition.files, "page": page_path(edition.slug)})


def publish(
    editions: list[Edition], settings: Settings, output: Path, current: Collection[str] = ()
) -> list[Path]:
    """The feeds and the site from complete editions; returns every file written that belongs to
    no one edition, which the next build checks for. Runs after every edition's files are in
    place. `current`: slugs of editions whose pages need no rendering (`write_publication`)."""
    cover = output / publish_cover(settings, output)
    return [cover, *write_publication(editions, settings, output, current)]


def write_publication(
    editions: Sequence[Edition],
    settings: Settings,
    output: Path,
    current: Collection[str] = frozenset(),
) -> list[Path]:
    """Pages, index, flash briefing and feed; returns the files that belong to no one edition.

    `current` names (by slug) editions whose published page is known to be what rendering it
    again would give: those pages are not rendered. Every other file is rendered and written
    only where it differs from what is on disk.
    """
    editions = [with_page(edition) for edition in editions]
    written = []
    for name, data in static_files().items():
        write_changed(output / name, data)
        written.append(output / name)
    for edition in editions:
        if edition.slug not in current:
            page = render_page(edition, settings, output)
            write_changed(output / edition.files["page"], page.encode())
    for name, data in (
        (INDEX, render_index(editions, settings).encode()),
        (FLASH_BRIEFING, render_flash_briefing(editions, settings).encode()),
        # The feed encloses the podcast rendition; an edition without one is no podcast episode.
        (FEED, render_feed([e for e in editions if e.audio], settings)),
    ):
        write_changed(output / name, data)
        written.append(output / name)
    return written


def publication_warnings(editions: Sequence[Edition], settings: Settings) -> list[str]:
    """What Apple, the W3C feed validator or Alexa would complain about."""
    unlisted = [] if settings.podcast_rendition else [PODCAST_OFF]
    return feed_warnings(settings) + flash_warnings(editions, settings) + unlisted
