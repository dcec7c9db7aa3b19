"""`flash-briefing.json`: the feed an Alexa flash-briefing skill reads.

Amazon's feed reference: JSON (preferred over RSS), 1–5 items newest first, each with `uid`,
`updateDate` (UTC, `2022-01-21T18:00:00.0Z`), `titleText`, `mainText`, `streamUrl` (an HTTPS MP3)
and `redirectionUrl`; audio at least 10 s and at most 10 minutes long.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import timezone

from audio.edition.model import Edition
from audio.mastering import renditions
from audio.mastering.renditions import SPEAKER
from audio.settings import Settings

FLASH_BRIEFING = "flash-briefing.json"
MAX_ITEMS = 5
SHORTEST = 10
"""Seconds: Amazon's shortest audio item (the longest is SPEAKER_LONGEST)."""


def render_flash_briefing(editions: Sequence[Edition], settings: Settings) -> str:
    """The newest editions that have a smart-speaker rendition, at most five."""
    spoken = [e for e in editions if SPEAKER in e.files]
    newest = sorted(spoken, key=lambda e: (e.published, e.guid), reverse=True)[:MAX_ITEMS]
    return json.dumps([_item(e, settings) for e in newest], ensure_ascii=False, indent=1) + "\n"


def flash_warnings(editions: Sequence[Edition], settings: Settings) -> list[str]:
    """Why Alexa would refuse or skip the briefing, in words an editor can act on."""
    warnings = []
    if not settings.base_url.lower().startswith("https://"):
        warnings.append(
            f"base_url {settings.base_url} is not https: Alexa plays flash briefings only "
            "from HTTPS URLs"
        )
    spoken = [e for e in editions if SPEAKER in e.files]
    if editions and not spoken:
        warnings.append(f"{FLASH_BRIEFING} is empty: no edition has a smart-speaker rendition yet")
    longest = renditions.SPEAKER_LONGEST
    if settings.speaker_rendition:
        warnings.extend(
            f"{e.source}: {e.duration / 60:.1f} minutes is longer than the {longest // 60} "
            f"minutes Alexa plays: no smart-speaker rendition, left out of {FLASH_BRIEFING}"
            for e in editions
            if SPEAKER not in e.files and e.duration > longest
        )
    for edition in spoken:
        if not SHORTEST <= edition.duration <= longest:
            warnings.append(
                f"{edition.source}: {edition.duration:.0f} s long; Alexa wants "
                f"{SHORTEST} s to {longest // 60} minutes in a flash briefing"
            )
    return warnings


def _item(edition: Edition, settings: Settings) -> dict[str, str]:
    moment = edition.published.astimezone(timezone.utc)
    page = edition.files.get("page")
    return {
        "uid": f"urn:uuid:{edition.guid}",
        "updateDate": f"{moment:%Y-%m-%dT%H:%M:%S}.0Z",
        "titleText": edition.title,
        # Alexa plays the stream; the text is what its app shows beside it.
        "mainText": edition.teaser or edition.title,
        "streamUrl": settings.url_for(edition.files[SPEAKER]),
        "redirectionUrl": settings.url_for(page) if page else edition.url or settings.url_for(""),
    }
