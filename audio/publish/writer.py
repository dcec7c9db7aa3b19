"""The documents of the publication, rendered in memory: every edition's page, then the index and
the feeds that link to them, the cover and the site's assets. Nothing here writes: the build
switches them in all together (audio/builds/journal.py), after every edition's files are in place,
so nothing published names a missing file.

An edition whose page or feed item cannot be rendered is reported alone: the others go out."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from pathlib import Path

from audio.edition.cover import podcast_cover
from audio.edition.model import Edition, page_path
from audio.edition.verify import verify_image
from audio.errors import AudioError
from audio.files import holds
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


def render_pages(
    editions: Sequence[Edition],
    settings: Settings,
    output: Path,
    current: Collection[str] = frozenset(),
) -> tuple[dict[str, bytes], dict[str, str]]:
    """Each edition's page by its path, and the editions (by slug) that cannot be published,
    with the reason. `current` names (by slug) editions whose published page is known to be what
    rendering it again would give: neither their page nor their feed item is rendered here.

    An edition is tried alone in the index, the flash briefing and the feed too, so that what
    only the feeds cannot carry fails the edition rather than the publication (a few
    milliseconds, for the editions that changed)."""
    pages: dict[str, bytes] = {}
    failed: dict[str, str] = {}
    for edition in editions:
        if edition.slug in current:
            continue
        edition = with_page(edition)
        try:
            page = render_page(edition, settings, output).encode()
            render_index([edition], settings)
            render_flash_briefing([edition], settings)
            render_feed([edition] if edition.audio else [], settings)
        except Exception as error:  # whatever one edition's data breaks must not stop the rest
            failed[edition.slug] = f"cannot be published: {type(error).__name__}: {error}"
            continue
        pages[edition.files["page"]] = page
    return pages, failed


def render_site(editions: Sequence[Edition], settings: Settings, output: Path) -> dict[str, bytes]:
    """The documents that belong to no one edition, by path: the assets, the cover, the index,
    the flash briefing and the feed. A cover that is not the one published in `output` must
    decode, or nothing is published."""
    editions = [with_page(edition) for edition in editions]
    cover = podcast_cover(settings)
    if not holds(output / cover.name, cover.data):
        try:
            verify_image(cover.data, f"{cover.name}: the podcast cover")
        except AudioError as error:
            raise AudioError(f"{error}; nothing was published") from error
    return {
        **static_files(),
        cover.name: cover.data,
        INDEX: render_index(editions, settings).encode(),
        FLASH_BRIEFING: render_flash_briefing(editions, settings).encode(),
        # The feed encloses the podcast rendition; an edition without one is no podcast episode.
        FEED: render_feed([e for e in editions if e.audio], settings),
    }


def publication_warnings(editions: Sequence[Edition], settings: Settings) -> list[str]:
    """What Apple, the W3C feed validator or Alexa would complain about."""
    unlisted = [] if settings.podcast_rendition else [PODCAST_OFF]
    return feed_warnings(settings) + flash_warnings(editions, settings) + unlisted
