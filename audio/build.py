"""Walks the pipeline for every article: read → script → synthesize → assemble → master → tag,
then publishes the feed from every edition whose files are complete."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from mutagen.mp3 import MP3

from audio.article import Article, find_articles, read_article
from audio.cover import default_cover
from audio.edition import Edition, edition_guid
from audio.engines import Engine, open_engine
from audio.errors import AudioEditionError, SettingsError
from audio.files import atomic_path, write_bytes, write_text
from audio.master import encode_mp3
from audio.publish.feed import COVER, render_feed
from audio.readers.fields import NEWSROOM_TZ
from audio.render import Timeline, assemble
from audio.script import build_script
from audio.settings import Settings
from audio.tags import write_tags

MANIFEST = "manifest.json"
FEED = "feed.xml"


@dataclass
class Outcome:
    source: Path
    edition: Edition | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]


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


def build(
    settings: Settings,
    articles: Path,
    output: Path,
    notify: Callable[[Outcome], None] = lambda outcome: None,
) -> Report:
    """Build an edition of every article in `articles` into `output` and publish the feed."""
    if not settings.base_url:
        raise SettingsError(
            'base_url is not set: add base_url = "https://…/" under [tool.audio-edition] '
            "in pyproject.toml, or pass --base-url"
        )
    engine = open_engine(settings.engine, settings)
    previous = _load_manifest(output)
    editions: dict[str, Edition] = {}
    report = Report()
    for source in find_articles(articles):
        outcome = Outcome(source)
        try:
            article = read_article(source)
            outcome.warnings.extend(article.warnings)
            edition = _build_edition(article, settings, engine, output, previous, editions)
            editions[source.name] = outcome.edition = edition
        except AudioEditionError as error:
            outcome.error = str(error)
        report.outcomes.append(outcome)
        notify(outcome)
    _publish(list(editions.values()), settings, output)
    return report


def _build_edition(
    article: Article,
    settings: Settings,
    engine: Engine,
    output: Path,
    previous: dict[str, Edition],
    built: dict[str, Edition],
) -> Edition:
    slug = article.slug
    taken = next((name for name, e in built.items() if e.slug == slug), None)
    if taken:
        raise AudioEditionError(
            f"{article.source}: would be published as {slug}.mp3, like {taken}; "
            "give one of them another title or date"
        )
    earlier = previous.get(article.source.name)
    published = article.published or (
        earlier.published if earlier else datetime.now(NEWSROOM_TZ).replace(microsecond=0)
    )
    timeline = narrate(article, settings, engine)
    audio = f"{slug}/{slug}.mp3"
    target = output / audio
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
    )
    with atomic_path(target) as temporary:
        encode_mp3(timeline.audio, temporary, settings.bitrate, settings.sample_rate)
        write_tags(temporary, draft, settings)
        duration = MP3(temporary).info.length
        size = temporary.stat().st_size
    return dataclasses.replace(draft, size=size, duration=duration)


def _publish(editions: list[Edition], settings: Settings, output: Path) -> None:
    """Feed and manifest, written last so that they only name files that exist."""
    cover = output / COVER
    if not cover.exists():
        write_bytes(cover, default_cover(settings.podcast_title))
    write_bytes(output / FEED, render_feed(editions, settings))
    manifest = {"editions": {e.source: e.to_json() for e in editions}}
    write_text(output / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))


def _load_manifest(output: Path) -> dict[str, Edition]:
    path = output / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {name: Edition.from_json(item) for name, item in data["editions"].items()}
    except (ValueError, KeyError, TypeError):
        return {}
