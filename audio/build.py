"""The stages of one edition: read → script → synthesize → assemble → master → tag; and the
publication of the feeds and the site. `audio.make` decides when each runs."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime
from pathlib import Path

from mutagen.mp3 import MP3

from audio.article import Article, read_article
from audio.cover import default_cover
from audio.edition import Edition, edition_guid
from audio.engines import Engine, open_engine
from audio.files import atomic_path, write_bytes
from audio.master import encode_mp3
from audio.publish.feed import COVER
from audio.publish.site import page_path
from audio.publish.writer import write_publication
from audio.render import Timeline, assemble
from audio.script import build_script
from audio.settings import Settings
from audio.tags import write_tags


def narrate(article: Article, settings: Settings, engine: Engine) -> Timeline:
    """The article read aloud: one timeline with every sentence's place in it."""
    script = build_script(article, settings)
    takes = engine.synthesize([sentence.spoken for sentence in script.sentences])
    return assemble(script, takes)


def render_file(source: Path, target: Path, settings: Settings) -> Timeline:
    """One article to one MP3, outside any published folder."""
    article = read_article(source)
    timeline = narrate(article, settings, open_engine(settings.engine, settings))
    with atomic_path(target) as temporary:
        encode_mp3(timeline.audio, temporary, settings.bitrate, settings.sample_rate)
    return timeline


def build_edition(
    article: Article, settings: Settings, engine: Engine, folder: Path, published: datetime
) -> Edition:
    """Every file of one edition, written below `folder` as they will lie in the output folder.

    `published` is the article's date, or for an undated article the time it was first built.
    """
    slug = article.slug
    timeline = narrate(article, settings, engine)
    audio = f"{slug}/{slug}.mp3"
    target = folder / audio
    draft = Edition(
        guid=edition_guid(article),
        slug=slug,
        source=article.source.name,
        title=article.title,
        author=article.author,
        published=published,
        teaser=article.teaser,
        sections=article.sections,
        url=article.url,
        audio=audio,
        size=0,
        duration=0.0,
        engine=engine.identity,
        chapters=timeline.chapters,
        # Written when the build publishes; named here so the manifest counts it as the edition's.
        files={"page": page_path(slug)},
    )
    with atomic_path(target) as temporary:
        encode_mp3(timeline.audio, temporary, settings.bitrate, settings.sample_rate)
        write_tags(temporary, draft, settings)
        duration = MP3(temporary).info.length
        size = temporary.stat().st_size
    return dataclasses.replace(draft, size=size, duration=duration)


def retag_edition(edition: Edition, settings: Settings, output: Path, folder: Path) -> Edition:
    """Copies of the edition's MP3s in `folder`, tagged from the current settings: a change that
    touches only tags never synthesizes again, and never edits a published file in place."""
    for relative in (edition.audio, edition.files.get("speaker")):
        if relative:
            copy = folder / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(output / relative, copy)
            write_tags(copy, edition, settings)
    return dataclasses.replace(edition, size=(folder / edition.audio).stat().st_size)


def publish(editions: list[Edition], settings: Settings, output: Path) -> list[Path]:
    """The feeds and the site from complete editions; returns every file written that belongs to
    no one edition, which the next build checks for. Runs after every edition's files are in
    place."""
    cover = output / COVER
    if not cover.exists():
        write_bytes(cover, default_cover(settings.podcast_title))
    return [cover, *write_publication(editions, settings, output)]
