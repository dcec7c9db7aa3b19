"""Timed transcripts and chapters from the timeline: WebVTT, SRT, and the podcast namespace's JSON
transcript (1.0.0) and JSON chapters (1.2.0).

The times are exact, not aligned after the fact: the timeline knows where each sentence begins.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any

from audio.voice.timeline import Chapter, Cue

# The podcast namespace's rules for SRT transcripts: at most two lines of 32 characters a card.
SRT_LINE = 32
SRT_LINES = 2


def webvtt(cues: Sequence[Cue]) -> str:
    """One cue per sentence, from where the sentence begins to where it ends."""
    blocks = ["WEBVTT"]
    for number, cue in enumerate(cues, 1):
        text = cue.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        blocks.append(f"{number}\n{_clock(cue.start, '.')} --> {_clock(cue.end, '.')}\n{text}")
    return "\n\n".join(blocks) + "\n"


def srt(cues: Sequence[Cue]) -> str:
    """Cards of at most two short lines; a long sentence is spread over several cards.

    A sentence's first card starts exactly where the sentence does; the cards after it share the
    sentence's time in proportion to their characters.
    """
    cards: list[tuple[float, float, str]] = []
    for cue in cues:
        lines = textwrap.wrap(cue.text, SRT_LINE, break_long_words=False) or [""]
        groups = ["\n".join(lines[i : i + SRT_LINES]) for i in range(0, len(lines), SRT_LINES)]
        total = sum(len(group) for group in groups) or 1
        start = cue.start
        for group in groups:
            end = start + (cue.end - cue.start) * len(group) / total
            cards.append((start, end, group))
            start = end
    return "\n".join(
        f"{number}\n{_clock(start, ',')} --> {_clock(end, ',')}\n{text}\n"
        for number, (start, end, text) in enumerate(cards, 1)
    )


def transcript_json(cues: Sequence[Cue]) -> str:
    segments = [
        {"startTime": _seconds(cue.start), "endTime": _seconds(cue.end), "body": cue.text}
        for cue in cues
    ]
    return _json({"version": "1.0.0", "segments": segments})


def chapters_json(
    chapters: Sequence[Chapter],
    title: str | None = None,
    author: str | None = None,
    podcast: str | None = None,
) -> str:
    document: dict[str, Any] = {"version": "1.2.0"}
    for key, value in (("title", title), ("author", author), ("podcastName", podcast)):
        if value:
            document[key] = value
    document["chapters"] = [
        {
            "startTime": _seconds(chapter.start),
            "endTime": _seconds(chapter.end),
            "title": chapter.title,
        }
        for chapter in chapters
    ]
    return _json(document)


def _clock(seconds: float, decimal: str) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}{decimal}{rest % 1000:03d}"


def _seconds(value: float) -> float:
    return round(value, 3)


def _json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
