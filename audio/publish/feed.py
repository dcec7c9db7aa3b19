"""`feed.xml`: RSS 2.0 that Apple Podcasts, the Podcast Index apps and gPodder all read.

feedgen writes the RSS core and the iTunes tags it handles well. Our own feedgen extensions add
what it lacks: the podcast namespace (guid, locked, transcripts, chapters, person), Podlove Simple
Chapters (the only chapters gPodder reads), and the iTunes tags feedgen gets wrong for Apple
(`itunes:explicit` must be true/false; its category list has no News › News Commentary).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import datetime, timezone

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from audio import __version__
from audio.edition.model import Edition
from audio.errors import SettingsError
from audio.publish.apple import apple_problems
from audio.publish.html import article_html
from audio.settings import Settings
from audio.voice.timeline import Chapter

FEED = "feed.xml"

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
PSC_NS = "http://podlove.org/simple-chapters"
# The namespace the podcast namespace specification fixes for deriving podcast:guid.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

# Edition.files kind → (MIME type, podcast:transcript rel). The type strings are the spec's.
TRANSCRIPTS = {
    "vtt": ("text/vtt", "captions"),
    "transcript": ("application/json", None),
    "srt": ("application/srt", "captions"),
}
CHAPTERS_TYPE = "application/json+chapters"


def cover_name(settings: Settings) -> str:
    """The cover's name in the output folder, by the format its file name says (the cover check
    refuses a file whose suffix belies its format)."""
    png = settings.cover is not None and settings.cover.suffix.lower() == ".png"
    return "cover.png" if png else "cover.jpg"


def podcast_guid(feed_url: str) -> str:
    """podcast:guid: UUIDv5 of the feed URL without its scheme and trailing slashes."""
    name = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, name))


def check_settings(settings: Settings) -> None:
    """Refuse settings that would make Apple reject the feed (a build checks them earlier)."""
    problem = next(apple_problems(settings), None)
    if problem:
        raise SettingsError(problem)


def copyright_notice(settings: Settings, editions: Sequence[Edition]) -> str:
    """The copyright line for these editions: its year is the newest edition's."""
    return settings.copyright_line(max((e.published.year for e in editions), default=None))


def feed_warnings(settings: Settings) -> list[str]:
    """What the feed can do without but Apple or the W3C validator will complain about."""
    if not settings.owner_email:
        return [
            "owner_email is not set: Apple Podcasts requires itunes:email to verify the owner "
            "and the W3C feed validator flags its absence"
        ]
    return []


def render_feed(
    editions: Sequence[Edition],
    settings: Settings,
    now: datetime | None = None,
    served_from: str | None = None,
) -> bytes:
    """The whole feed, newest edition first; `now` is lastBuildDate when there are no editions.

    `served_from` replaces base_url in every link (for `serve`); the podcast keeps its identity:
    podcast:guid stays the one of the public feed URL.
    """
    check_settings(settings)
    identity = podcast_guid(settings.feed_url)
    if served_from:
        settings = settings.replace(base_url=served_from)
    newest_first = sorted(editions, key=lambda e: (e.published, e.guid), reverse=True)
    updated = newest_first[0].published if newest_first else now or datetime.now(timezone.utc)
    owner = settings.owner_name or settings.author
    cover = settings.url_for(cover_name(settings))
    site = settings.website or settings.url_for("")

    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.register_extension("apple", _AppleChannel, atom=False)
    feed.register_extension("podcastindex", _PodcastChannel, _PodcastItem, atom=False)
    feed.register_extension("psc", _SimpleChaptersChannel, _SimpleChapters, atom=False)

    feed.title(settings.podcast_title)
    feed.description(settings.podcast_description)
    # feedgen takes the channel <link> from the last link added: self first, the site last.
    feed.link(href=settings.feed_url, rel="self")
    feed.link(href=site, rel="alternate")
    feed.language(settings.language)
    feed.copyright(copyright_notice(settings, newest_first))
    feed.lastBuildDate(updated)
    feed.pubDate(updated)
    feed.generator("audio-edition", __version__)
    feed.image(url=cover, title=settings.podcast_title, link=site)
    feed.podcast.itunes_image(cover)
    feed.podcast.itunes_author(settings.author)
    feed.podcast.itunes_summary(settings.podcast_description)
    feed.podcast.itunes_type(settings.podcast_type)
    if settings.owner_email:
        feed.podcast.itunes_owner(name=owner, email=settings.owner_email)
    feed.apple.explicit = settings.explicit
    feed.apple.category = (settings.category, settings.subcategory)
    feed.podcastindex.guid = identity
    feed.podcastindex.locked = settings.podcast_locked
    feed.podcastindex.owner = settings.owner_email

    for edition in newest_first:
        _add_item(feed, edition, settings)
    return feed.rss_str(pretty=True, xml_declaration=True, encoding="UTF-8")


def _add_item(feed: FeedGenerator, edition: Edition, settings: Settings) -> None:
    files = edition.files
    entry = feed.add_entry(order="append")
    entry.guid(edition.guid, permalink=False)
    entry.title(edition.title)
    entry.description(edition.teaser or edition.title)
    entry.content(article_html(edition))
    link = settings.url_for(files["page"]) if "page" in files else edition.url
    if link:
        entry.link(href=link)
    entry.published(edition.published)
    entry.enclosure(settings.url_for(edition.audio), str(edition.size), "audio/mpeg")
    entry.podcast.itunes_duration(round(edition.duration))
    entry.podcast.itunes_author(edition.author or settings.author)
    entry.podcast.itunes_episode_type("full")
    entry.podcast.itunes_image(settings.url_for(files.get("cover", cover_name(settings))))
    item = entry.podcastindex
    item.transcripts = [
        (settings.url_for(files[kind]), kind_type, rel, settings.language)
        for kind, (kind_type, rel) in TRANSCRIPTS.items()
        if kind in files
    ]
    item.chapters = settings.url_for(files["chapters"]) if "chapters" in files else None
    item.person = edition.author
    entry.psc.chapters = edition.chapters


class _AppleChannel(BaseExtension):
    """itunes:explicit and itunes:category as Apple documents them."""

    def __init__(self) -> None:
        self.explicit = False
        self.category: tuple[str, str] = ("", "")

    def extend_ns(self) -> dict[str, str]:
        return {"itunes": ITUNES_NS}

    def extend_rss(self, rss: etree._Element) -> etree._Element:
        channel = rss[0]
        _element(channel, ITUNES_NS, "explicit", "true" if self.explicit else "false")
        name, sub = self.category
        if name:
            # Apple's category names go in an attribute that happens to be called `text`.
            category = _element(channel, ITUNES_NS, "category", text=name)
            if sub:
                _element(category, ITUNES_NS, "category", text=sub)
        return rss


class _PodcastChannel(BaseExtension):
    def __init__(self) -> None:
        self.guid: str | None = None
        self.locked = False
        self.owner = ""

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss: etree._Element) -> etree._Element:
        channel = rss[0]
        owner = {"owner": self.owner} if self.owner else {}
        _element(channel, PODCAST_NS, "locked", "yes" if self.locked else "no", **owner)
        if self.guid:
            _element(channel, PODCAST_NS, "guid", self.guid)
        return rss


class _PodcastItem(BaseEntryExtension):
    def __init__(self) -> None:
        self.transcripts: list[tuple[str, str, str | None, str]] = []
        self.chapters: str | None = None
        self.person: str | None = None

    def extend_rss(self, item: etree._Element) -> etree._Element:
        for url, kind_type, rel, language in self.transcripts:
            relation = {"rel": rel} if rel else {}
            _element(
                item,
                PODCAST_NS,
                "transcript",
                url=url,
                type=kind_type,
                language=language,
                **relation,
            )
        if self.chapters:
            _element(item, PODCAST_NS, "chapters", url=self.chapters, type=CHAPTERS_TYPE)
        if self.person:
            _element(item, PODCAST_NS, "person", self.person, role="author", group="writing")
        return item


class _SimpleChaptersChannel(BaseExtension):
    """Only declares the namespace on <rss>; the chapters themselves sit in the items."""

    def extend_ns(self) -> dict[str, str]:
        return {"psc": PSC_NS}


class _SimpleChapters(BaseEntryExtension):
    def __init__(self) -> None:
        self.chapters: Sequence[Chapter] = ()

    def extend_rss(self, item: etree._Element) -> etree._Element:
        if self.chapters:
            chapters = _element(item, PSC_NS, "chapters", version="1.2")
            for chapter in self.chapters:
                _element(
                    chapters, PSC_NS, "chapter", start=psc_time(chapter.start), title=chapter.title
                )
        return item


def _element(
    parent: etree._Element,
    namespace: str,
    name: str,
    content: str | None = None,
    **attributes: str,
) -> etree._Element:
    element = etree.SubElement(parent, f"{{{namespace}}}{name}", attributes)
    element.text = content
    return element


def psc_time(seconds: float) -> str:
    """Podlove's normal play time: HH:MM:SS.mmm."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"
