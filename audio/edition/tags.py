"""ID3v2.3 tags (the version every player reads) on a published MP3: what the edition is, who wrote
it, the full text, the cover, and a chapter per part of the narration."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TCOP,
    TDRC,
    TIME,
    TIT2,
    TLAN,
    TLEN,
    TPE1,
    TPUB,
    TXXX,
    USLT,
    WOAS,
    CTOCFlags,
    PictureType,
)

from audio.edition.model import Edition
from audio.settings import Settings
from audio.voice.timeline import Chapter

UTF16 = 1
"""ID3v2.3 knows Latin-1 and UTF-16 only."""
LANGUAGE = "deu"
_COPYRIGHT_SIGN = re.compile(r"^\s*(?:(?:©|\(c\)|copyright)\s*)+", re.IGNORECASE)
_LEADING_YEAR = re.compile(r"\d{4}\b")


def id3_copyright(line: str, year: int) -> str:
    """The copyright line as TCOP holds it: "2022 Verlag", a year and a space first and no "©",
    which players put before it (ID3v2.3, section 4.2.1)."""
    text = _COPYRIGHT_SIGN.sub("", line)
    return text if _LEADING_YEAR.match(text) else f"{year} {text}"


MOST_CHAPTERS = 255
"""A CTOC frame counts its entries in one byte (ID3v2 Chapter Frame Addendum): an edition with
more chapters has consecutive ones merged, evenly, in its tags; its chapters file keeps them all."""


def write_tags(mp3: Path, edition: Edition, settings: Settings, cover: bytes | None) -> None:
    """Replace the tags of `mp3` with the edition's; `cover` is a JPEG for APIC."""
    tags = ID3()
    author = edition.author or settings.author
    publisher = settings.publisher or settings.author
    tags.add(TIT2(encoding=UTF16, text=edition.title))
    tags.add(TPE1(encoding=UTF16, text=author))
    tags.add(TALB(encoding=UTF16, text=settings.podcast_title))
    tags.add(TDRC(encoding=UTF16, text=edition.published.strftime("%Y-%m-%dT%H:%M")))
    tags.add(TCON(encoding=UTF16, text="Podcast"))
    tags.add(TLAN(encoding=UTF16, text=LANGUAGE))
    tags.add(TPUB(encoding=UTF16, text=publisher))
    year = edition.published.year
    tags.add(TCOP(encoding=UTF16, text=id3_copyright(settings.copyright_line(year), year)))
    if edition.teaser:
        tags.add(COMM(encoding=UTF16, lang=LANGUAGE, desc="", text=edition.teaser))
    tags.add(USLT(encoding=UTF16, lang=LANGUAGE, desc="", text=full_text(edition)))
    if cover:
        tags.add(
            APIC(
                encoding=UTF16,
                mime="image/jpeg",
                type=PictureType.COVER_FRONT,
                desc="Cover",
                data=cover,
            )
        )
    if edition.url:
        tags.add(WOAS(url=edition.url))
    tags.add(TXXX(encoding=UTF16, desc="engine", text=edition.engine))
    if edition.voice:
        tags.add(TXXX(encoding=UTF16, desc="voice", text=edition.voice))
    length = round(edition.duration * 1000)
    tags.add(TLEN(encoding=UTF16, text=str(length)))
    _add_chapters(tags, edition, length)
    # TDRC exists only in ID3v2.4: the conversion turns it into v2.3's TYER and TDAT, but
    # mutagen leaves out the time of day, which v2.3 keeps in TIME (HHMM).
    tags.update_to_v23()
    tags.add(TIME(encoding=UTF16, text=edition.published.strftime("%H%M")))
    tags.save(mp3, v2_version=3)
    _chapters_in_time_order(mp3)


def _chapters_in_time_order(mp3: Path) -> None:
    """Store the CHAP frames of the tag at the start of `mp3` in the order they play. mutagen
    stores a tag's frames by size, and ffmpeg, mutagen and eyeD3 list chapters in the order they
    are stored: players that do not sort them by their start times play them out of order. The
    frames keep their bytes, in the places the CHAP frames had among the others, and the tag its
    size."""
    with mp3.open("r+b") as file:
        header = file.read(10)
        if header[:3] != b"ID3" or header[3] != 3 or header[5] & 0xC0:
            return  # not the plain ID3v2.3 tag mutagen writes: no unsynchronisation or extension
        size = sum(byte << (7 * (3 - index)) for index, byte in enumerate(header[6:10]))
        body = file.read(size)
        frames = list(_frames(body))
        chapters = iter(sorted((f for f in frames if f[:4] == b"CHAP"), key=_chapter_start))
        ordered = b"".join(next(chapters) if f[:4] == b"CHAP" else f for f in frames)
        file.seek(10)
        file.write(ordered)


def _frames(body: bytes) -> list[bytes]:
    """The frames of an ID3v2.3 tag's body, each with its header, up to the padding."""
    frames, at = [], 0
    while at + 10 <= len(body) and body[at] != 0:
        end = at + 10 + int.from_bytes(body[at + 4 : at + 8], "big")
        frames.append(body[at:end])
        at = end
    return frames


def _chapter_start(frame: bytes) -> int:
    """A CHAP frame's start time (ms): after its header and its element ID's terminating 0."""
    after_id = frame.index(b"\0", 10) + 1
    return int.from_bytes(frame[after_id : after_id + 4], "big")


def full_text(edition: Edition) -> str:
    """The article as written: title, teaser, then each section under its subheading."""
    blocks = [edition.title]
    if edition.teaser:
        blocks.append(edition.teaser)
    for section in edition.sections:
        if section.heading:
            blocks.append(section.heading)
        blocks.extend(section.paragraphs)
    return "\n\n".join(blocks)


def _add_chapters(tags: ID3, edition: Edition, length: int) -> None:
    """CTOC plus one CHAP per part; times in ms, the last ending with the audio."""
    chapters = _at_most(edition.chapters, MOST_CHAPTERS)
    ids = [f"chp{number}" for number in range(len(chapters))]
    if not ids:
        return
    tags.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=UTF16, text=edition.title)],
        )
    )
    for element, chapter in zip(ids, chapters, strict=True):
        start = min(round(chapter.start * 1000), length)
        end = min(round(chapter.end * 1000), length)
        if element == ids[-1]:
            end = length
        tags.add(
            CHAP(
                element_id=element,
                start_time=start,
                end_time=end,
                sub_frames=[TIT2(encoding=UTF16, text=chapter.title)],
            )
        )


def _at_most(chapters: Sequence[Chapter], most: int) -> Sequence[Chapter]:
    """`chapters`, every run of consecutive ones merged into the first so that `most` are left."""
    size = math.ceil(len(chapters) / most)
    if size <= 1:
        return chapters
    runs = [chapters[start : start + size] for start in range(0, len(chapters), size)]
    return [Chapter(run[0].start, run[-1].end, run[0].title) for run in runs]
