"""Editions made by hand for the publishing tests: every file kind a build publishes, written small,
so feeds and pages are tested without narrating anything."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from audio.builds.manifest import Inputs, Manifest, Record, save_manifest
from audio.edition.model import Edition
from audio.publish.feed import psc_time as vtt_time
from audio.publish.writer import render_pages, render_site, with_page
from audio.settings import Settings
from audio.text.article import Section
from audio.text.calendar import NEWSROOM_TZ
from audio.voice.timeline import Chapter, Cue

SETTINGS = Settings(
    podcast_title="Testkommentare",
    author="Testredaktion",
    owner_name="Anna Eigner",
    owner_email="test@example.org",
    base_url="https://example.org/podcast/",
)

CUES = (
    Cue(0.2, 2.0, "Ein Kommentar von Anna Beispiel."),
    Cue(2.5, 5.0, "Der Vorspann & seine <Zeichen>."),
    Cue(6.5, 9.0, "Erster Satz im Kommentar."),
    Cue(9.5, 12.0, "Zweiter Satz, gleich danach."),
    Cue(13.5, 16.0, "Ein neuer Absatz beginnt."),
)
CHAPTERS = (
    Chapter(0.0, 2.5, "Ansage"),
    Chapter(2.5, 6.5, "Vorspann"),
    Chapter(6.5, 16.5, "Kommentar"),
)


def write_edition_files(output: Path, slug: str, audio: bytes = b"ID3" + bytes(4000)) -> dict:
    """The files of one edition under `output/<slug>/`; returns Edition.files."""
    folder = output / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}.mp3").write_bytes(audio)
    (folder / f"{slug}.speaker.mp3").write_bytes(audio)
    vtt = ["WEBVTT", ""]
    srt = []
    for number, cue in enumerate(CUES, 1):
        vtt += [f"{vtt_time(cue.start)} --> {vtt_time(cue.end)}", cue.text, ""]
        srt += [
            str(number),
            f"{vtt_time(cue.start).replace('.', ',')} --> {vtt_time(cue.end).replace('.', ',')}",
            cue.text,
            "",
        ]
    (folder / f"{slug}.vtt").write_text("\n".join(vtt), encoding="utf-8")
    (folder / f"{slug}.srt").write_text("\n".join(srt), encoding="utf-8")
    segments = [{"startTime": c.start, "endTime": c.end, "body": c.text} for c in CUES]
    (folder / f"{slug}.transcript.json").write_text(
        json.dumps({"version": "1.0.0", "segments": segments}), encoding="utf-8"
    )
    chapters = [{"startTime": c.start, "title": c.title} for c in CHAPTERS]
    (folder / f"{slug}.chapters.json").write_text(
        json.dumps({"version": "1.2.0", "chapters": chapters}), encoding="utf-8"
    )
    return {
        "speaker": f"{slug}/{slug}.speaker.mp3",
        "vtt": f"{slug}/{slug}.vtt",
        "srt": f"{slug}/{slug}.srt",
        "transcript": f"{slug}/{slug}.transcript.json",
        "chapters": f"{slug}/{slug}.chapters.json",
    }


def make_edition(
    output: Path,
    number: int,
    title: str | None = None,
    author: str | None = "Anna Beispiel",
    files: bool = True,
    audio: bytes = b"ID3" + bytes(4000),
) -> Edition:
    """Edition `number` (higher is newer, one day apart), with its files written under `output`."""
    slug = f"2022-01-{10 + number:02d}-kommentar-{number}"
    kinds = write_edition_files(output, slug, audio) if files else {}
    if not files:
        (output / slug).mkdir(parents=True, exist_ok=True)
        (output / slug / f"{slug}.mp3").write_bytes(audio)
    return Edition(
        guid=f"00000000-0000-5000-8000-{number:012d}",
        slug=slug,
        source=f"kommentar-{number}.txt",
        title=title or f"Kommentar Nummer {number}",
        author=author,
        published=datetime(2022, 1, 10, 19, 0, tzinfo=NEWSROOM_TZ) + timedelta(days=number),
        teaser="Der Vorspann & seine <Zeichen>.",
        sections=(
            Section(None, ("Erster Satz im Kommentar. Zweiter Satz, gleich danach.",)),
            Section("Zwischenzeile", ("Ein neuer Absatz beginnt.",)),
        ),
        url=f"https://zeitung.example/kommentar-{number}",
        audio=f"{slug}/{slug}.mp3",
        size=len(audio),
        duration=16.9,
        engine="test",
        chapters=CHAPTERS,
        files=kinds,
    )


def publish_with_manifest(
    output: Path, editions: list[Edition], settings: Settings = SETTINGS
) -> list[Edition]:
    """Publish `editions` into `output` as a build does, manifest included; returns them as
    published (with their pages)."""
    pages, failed = render_pages(editions, settings, output)
    assert not failed, failed
    for relative, data in {**pages, **render_site(editions, settings, output)}.items():
        (output / relative).parent.mkdir(parents=True, exist_ok=True)
        (output / relative).write_bytes(data)
    published = [with_page(edition) for edition in editions]
    records = {e.source: Record(e.to_json(), Inputs("", "", ""), {}) for e in published}
    save_manifest(output, Manifest(records))
    return published
