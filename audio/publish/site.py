"""The static site: `index.html` listing every edition, and one page per edition with player,
chapters and the timed transcript. Plain HTML that works without JavaScript; `player.js` only adds
jumping to a chapter or sentence and marking the sentence being read."""

from __future__ import annotations

import bisect
import json
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from audio.edition.model import Edition, page_path
from audio.publish.feed import FEED, copyright_notice, cover_name
from audio.publish.html import is_web_url, render
from audio.settings import Settings
from audio.voice.timeline import Chapter, Cue

INDEX = "index.html"
TOLERANCE = 0.05
ASSETS = "assets"
STATIC = ("site.css", "player.js")
DOWNLOADS = (
    ("vtt", "Untertitel (WebVTT)"),
    ("srt", "Untertitel (SRT)"),
    ("transcript", "Transkript (JSON)"),
    ("chapters", "Kapitel (JSON)"),
)


@dataclass(frozen=True)
class Part:
    """A chapter of the transcript: its sentences, in paragraphs."""

    title: str
    paragraphs: tuple[tuple[Cue, ...], ...]


def static_files() -> dict[str, bytes]:
    """The stylesheet and script every page links, by path relative to the output folder."""
    package = resources.files("audio.publish") / "static"
    return {f"{ASSETS}/{name}": (package / name).read_bytes() for name in STATIC}


def render_index(editions: Sequence[Edition], settings: Settings) -> str:
    newest_first = sorted(editions, key=lambda e: (e.published, e.guid), reverse=True)
    return render(INDEX, editions=newest_first, **_common(settings, newest_first, root=""))


def render_page(edition: Edition, settings: Settings, output: Path) -> str:
    """The edition's page; the transcript is read from the edition's published files."""
    here = posixpath.dirname(page_path(edition.slug))
    cues = load_cues(output, edition)

    def link(relative: str) -> str:
        return posixpath.relpath(relative, here)

    links = {"audio": link(edition.listening)}
    links.update({kind: link(path) for kind, path in edition.files.items()})
    links.setdefault("vtt", "")
    downloads = [(label, links[kind]) for kind, label in DOWNLOADS if kind in edition.files]
    return render(
        "edition.html",
        edition=edition,
        links=links,
        downloads=downloads,
        transcript=transcript_parts(cues, edition.chapters, settings),
        json_ld=_json_ld(edition, settings, cues),
        **_common(settings, [edition], root="../"),
    )


def load_cues(output: Path, edition: Edition) -> tuple[Cue, ...]:
    """The timed sentences from the edition's JSON transcript, else from its WebVTT; none if
    neither was published or can be read."""
    files = edition.files
    try:
        if "transcript" in files:
            data = json.loads((output / files["transcript"]).read_text(encoding="utf-8"))
            return tuple(
                Cue(float(s["startTime"]), float(s["endTime"]), str(s["body"]))
                for s in data["segments"]
            )
        if "vtt" in files:
            return parse_vtt((output / files["vtt"]).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return ()
    return ()


_VTT_TIMING = re.compile(
    r"^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})\s+-->\s+(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})"
)


def parse_vtt(text: str) -> tuple[Cue, ...]:
    """Cues of a WebVTT file: timing line, then text lines up to a blank line."""
    cues = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        timing = _VTT_TIMING.match(line.strip())
        if not timing:
            continue
        h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(g or 0) for g in timing.groups())
        body = []
        for following in lines[index + 1 :]:
            if not following.strip():
                break
            body.append(following.strip())
        start = h1 * 3600 + m1 * 60 + s1 + ms1 / 1000
        end = h2 * 3600 + m2 * 60 + s2 + ms2 / 1000
        cues.append(Cue(start, end, " ".join(body)))
    return tuple(cues)


def transcript_parts(
    cues: Sequence[Cue], chapters: Sequence[Chapter], settings: Settings
) -> tuple[Part, ...]:
    """Cues grouped by the chapter they start in, and into paragraphs where the narration pauses
    longer than between two sentences."""
    if not cues:
        return ()
    chapters = chapters or (Chapter(0.0, float("inf"), ""),)
    starts = [chapter.start for chapter in chapters]
    # A paragraph pause is pause_paragraph long, a sentence pause pause_sentence: split halfway.
    threshold = (settings.pause_sentence + settings.pause_paragraph) / 2
    grouped: list[list[list[Cue]]] = [[] for _ in chapters]
    for cue in cues:
        # Chapter starts and cue starts may be rounded differently in the published files.
        paragraphs = grouped[max(bisect.bisect_right(starts, cue.start + TOLERANCE) - 1, 0)]
        if not paragraphs or cue.start - paragraphs[-1][-1].end > threshold:
            paragraphs.append([])
        paragraphs[-1].append(cue)
    return tuple(
        Part(chapter.title, tuple(tuple(p) for p in paragraphs))
        for chapter, paragraphs in zip(chapters, grouped, strict=True)
        if paragraphs
    )


def _common(settings: Settings, editions: Sequence[Edition], root: str) -> dict[str, Any]:
    return {
        "settings": settings,
        "root": root,
        "cover": cover_name(settings),
        "copyright": copyright_notice(settings, editions),
    }


def _json_ld(edition: Edition, settings: Settings, cues: Sequence[Cue]) -> dict[str, Any]:
    """schema.org PodcastEpisode, with absolute URLs as search engines want them."""
    audio: dict[str, Any] = {
        "@type": "AudioObject",
        "contentUrl": settings.url_for(edition.listening),
        "encodingFormat": "audio/mpeg",
        "duration": f"PT{round(edition.duration)}S",
    }
    if edition.audio:
        audio["contentSize"] = str(edition.size)
    if cues:
        audio["transcript"] = " ".join(cue.text for cue in cues)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "PodcastEpisode",
        "url": settings.url_for(page_path(edition.slug)),
        "name": edition.title,
        "datePublished": edition.published.isoformat(),
        "inLanguage": settings.language,
        "timeRequired": f"PT{round(edition.duration)}S",
        "associatedMedia": audio,
        "partOfSeries": {
            "@type": "PodcastSeries",
            "name": settings.podcast_title,
            "url": settings.website or settings.url_for(""),
            "webFeed": settings.url_for(FEED),
            "image": settings.url_for(cover_name(settings)),
        },
    }
    if edition.teaser:
        data["description"] = edition.teaser
    if edition.author:
        data["author"] = {"@type": "Person", "name": edition.author}
    if is_web_url(edition.url):
        data["isBasedOn"] = edition.url
    return data
