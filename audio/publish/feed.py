"""`feed.xml`: RSS 2.0 with the iTunes tags podcast apps read."""

from __future__ import annotations

from collections.abc import Sequence

from feedgen.feed import FeedGenerator

from audio.edition import Edition
from audio.settings import Settings

COVER = "cover.jpg"


def render_feed(editions: Sequence[Edition], settings: Settings) -> bytes:
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.title(settings.podcast_title)
    feed.description(settings.podcast_description)
    # feedgen takes the channel <link> from the last link added: self first, the site last.
    feed.link(href=settings.feed_url, rel="self")
    feed.link(href=settings.url_for(""), rel="alternate")
    feed.language(settings.language)
    cover = settings.url_for(COVER)
    feed.image(url=cover, title=settings.podcast_title, link=settings.url_for(""))
    feed.podcast.itunes_image(cover)
    feed.podcast.itunes_author(settings.author)
    feed.podcast.itunes_summary(settings.podcast_description)
    if settings.owner_email:
        feed.podcast.itunes_owner(
            name=settings.owner_name or settings.author, email=settings.owner_email
        )
    for edition in sorted(editions, key=lambda e: e.published, reverse=True):
        entry = feed.add_entry(order="append")
        entry.guid(edition.guid, permalink=False)
        entry.title(edition.title)
        entry.description(edition.teaser or edition.title)
        entry.published(edition.published)
        entry.enclosure(settings.url_for(edition.audio), str(edition.size), "audio/mpeg")
        entry.podcast.itunes_duration(round(edition.duration))
        entry.podcast.itunes_author(edition.author or settings.author)
        if edition.url:
            entry.link(href=edition.url)
    return feed.rss_str(pretty=True)
