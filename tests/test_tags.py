"""Every ID3v2.3 frame written on an MP3, read back with mutagen."""

from __future__ import annotations

import dataclasses
import itertools
import re
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree, html
from mutagen.id3 import ID3, CTOCFlags

from audio.edition.cover import embedded_cover
from audio.edition.model import Edition
from audio.edition.tags import id3_copyright, write_tags
from audio.publish.feed import render_feed
from audio.publish.site import render_index
from audio.settings import Settings
from audio.text.article import Section
from audio.text.calendar import NEWSROOM_TZ
from audio.voice.ffmpeg import ffmpeg_exe
from audio.voice.timeline import Chapter

SETTINGS = Settings(podcast_title="Testkommentare", author="Testredaktion")
EDITION = Edition(
    guid="g",
    slug="s",
    source="s.txt",
    title="Gespräch ohne Ergebnis",
    author="Thomas Ludwig",
    published=datetime(2022, 1, 21, 19, 0, tzinfo=NEWSROOM_TZ),
    teaser="Blinken und Lawrow haben sich um Entspannung bemüht.",
    sections=(
        Section(None, ("Erster Absatz.",)),
        Section("Logik der Abschreckung", ("Zweiter Absatz.", "Dritter Absatz.")),
    ),
    url="https://example.org/kommentar",
    audio="s/s.mp3",
    size=0,
    duration=3.0,
    engine="espeak-ng 1.52 voice=de",
    voice="de",
    chapters=(
        Chapter(0.0, 1.0, "Ansage"),
        Chapter(1.0, 2.0, "Vorspann"),
        Chapter(2.0, 3.0, "Logik der Abschreckung"),
    ),
)


def silent_mp3(mp3: Path) -> Path:
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono",
         "-t", "3", "-c:a", "libmp3lame", "-b:a", "96k", str(mp3)],
        check=True,
    )  # fmt: skip
    return mp3


@pytest.fixture(scope="module")
def tags(tmp_path_factory: pytest.TempPathFactory) -> ID3:
    mp3 = silent_mp3(tmp_path_factory.mktemp("tags") / "s.mp3")
    write_tags(mp3, EDITION, SETTINGS, embedded_cover(SETTINGS))
    return ID3(mp3)


def test_version_2_3(tags: ID3) -> None:
    assert tags.version[:2] == (2, 3)


def test_text_frames(tags: ID3) -> None:
    assert str(tags["TIT2"]) == "Gespräch ohne Ergebnis"
    assert str(tags["TPE1"]) == "Thomas Ludwig"
    assert str(tags["TALB"]) == "Testkommentare"
    assert str(tags["TCON"]) == "Podcast"
    assert str(tags["TLAN"]) == "deu"
    assert str(tags["TPUB"]) == "Testredaktion"
    assert str(tags["TCOP"]) == "2022 Testredaktion"
    assert str(tags["TLEN"]) == "3000"
    assert str(tags["TXXX:engine"]) == "espeak-ng 1.52 voice=de"
    assert str(tags["TXXX:voice"]) == "de"
    assert tags["WOAS"].url == "https://example.org/kommentar"


def test_date_in_v2_3_frames(tags: ID3, tmp_path: Path) -> None:
    # mutagen reads TYER + TDAT + TIME back as one TDRC.
    assert str(tags["TDRC"]) == "2022-01-21 19:00:00"
    raw = ID3(tags.filename, translate=False)
    assert str(raw["TYER"]) == "2022" and str(raw["TDAT"]) == "2101" and str(raw["TIME"]) == "1900"
    assert "TDRC" not in raw


def test_comment_and_full_text_in_german(tags: ID3) -> None:
    (comment,) = tags.getall("COMM")
    assert comment.lang == "deu" and comment.text == [EDITION.teaser]
    (lyrics,) = tags.getall("USLT")
    assert lyrics.lang == "deu"
    assert lyrics.text == (
        "Gespräch ohne Ergebnis\n\nBlinken und Lawrow haben sich um Entspannung bemüht.\n\n"
        "Erster Absatz.\n\nLogik der Abschreckung\n\nZweiter Absatz.\n\nDritter Absatz."
    )


def test_front_cover(tags: ID3) -> None:
    (picture,) = tags.getall("APIC")
    assert picture.type == 3 and picture.mime == "image/jpeg"
    assert picture.data == embedded_cover(SETTINGS)
    assert picture.data[:2] == b"\xff\xd8" and len(picture.data) < 150_000


def test_chapters(tags: ID3) -> None:
    (toc,) = tags.getall("CTOC")
    assert toc.flags == CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED
    assert toc.child_element_ids == ["chp0", "chp1", "chp2"]
    chapters = [tags[f"CHAP:{element}"] for element in toc.child_element_ids]
    assert [(c.start_time, c.end_time) for c in chapters] == [(0, 1000), (1000, 2000), (2000, 3000)]
    assert [str(c.sub_frames["TIT2"]) for c in chapters] == [
        "Ansage",
        "Vorspann",
        "Logik der Abschreckung",
    ]


def test_one_copyright_line_in_the_tags_the_feed_and_the_site(tmp_path: Path) -> None:
    """The feed owner Apple contacts is not who holds the copyright: the publisher is."""
    settings = Settings(
        author="Redaktion",
        owner_name="Anna Eigner",
        publisher="Verlag Beispiel",
        base_url="https://e.x/",
    )
    mp3 = silent_mp3(tmp_path / "s.mp3")
    write_tags(mp3, EDITION, settings, None)
    channel = etree.fromstring(render_feed([EDITION], settings)).find("channel")
    footer = html.fromstring(render_index([EDITION], settings)).xpath("string(//footer/p)")
    assert channel.findtext("copyright") == "© 2022 Verlag Beispiel"
    assert footer.startswith("© 2022 Verlag Beispiel ·")
    # ID3v2.3 wants a year first and no "©": players write "Copyright ©" before it.
    assert str(ID3(mp3)["TCOP"]) == "2022 Verlag Beispiel"


@pytest.mark.parametrize(
    ("line", "frame"),
    [
        ("© 2021–2023 Verlag Beispiel", "2021–2023 Verlag Beispiel"),
        ("Copyright (c) 2020 Verlag", "2020 Verlag"),
        ("Alle Rechte beim Verlag", "2022 Alle Rechte beim Verlag"),
    ],
)
def test_a_copyright_setting_reaches_the_tag_with_a_year_first(line: str, frame: str) -> None:
    assert id3_copyright(line, 2022) == frame


def stored_chapter_ids(mp3: Path) -> list[str]:
    """The element IDs of the CHAP frames in the order the tag stores them, walked byte by byte."""
    data = mp3.read_bytes()
    size = sum(byte << (7 * (3 - index)) for index, byte in enumerate(data[6:10]))
    found, at = [], 10
    while at < 10 + size and data[at] != 0:
        length = int.from_bytes(data[at + 4 : at + 8], "big")
        if data[at : at + 4] == b"CHAP":
            found.append(data[at + 10 : data.index(b"\0", at + 10)].decode())
        at += 10 + length
    return found


def test_chapters_are_stored_in_the_order_they_play(tmp_path: Path) -> None:
    """The titles' lengths put the frames in another order by size, which mutagen stores by."""
    titles = ["Ansage und Vorspann des Kommentars", "Kurz", "Ein mittellanger Teil", "Ende"]
    chapters = tuple(Chapter(n * 2.0, n * 2.0 + 2.0, t) for n, t in enumerate(titles))
    edition = replace(EDITION, chapters=chapters, duration=8.0)
    mp3 = tmp_path / "order.mp3"
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono",
         "-t", "8", "-c:a", "libmp3lame", "-b:a", "96k", str(mp3)],
        check=True,
    )  # fmt: skip
    write_tags(mp3, edition, SETTINGS, None)
    assert stored_chapter_ids(mp3) == ["chp0", "chp1", "chp2", "chp3"]
    # ffmpeg (and ffprobe with it) lists chapters in the order they are stored.
    probe = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(mp3)], capture_output=True)
    listed = re.findall(r"Chapter #0:\d+: start (\d+\.\d+)", probe.stderr.decode())
    assert [float(start) for start in listed] == [0.0, 2.0, 4.0, 6.0]
    tags = ID3(mp3)
    assert [str(tags[f"CHAP:chp{n}"].sub_frames["TIT2"]) for n in range(4)] == titles
    assert tags.getall("CTOC")[0].child_element_ids == ["chp0", "chp1", "chp2", "chp3"]


@pytest.mark.parametrize(("count", "kept"), [(255, 255), (256, 128), (600, 200)])
def test_more_chapters_than_an_id3_table_holds_are_merged_evenly(
    tmp_path: Path, count: int, kept: int
) -> None:
    mp3 = tmp_path / "lang.mp3"
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono",
         "-t", "1", "-c:a", "libmp3lame", "-b:a", "96k", str(mp3)],
        check=True,
    )  # fmt: skip
    chapters = tuple(Chapter(float(n), n + 1.0, f"Zwischentitel {n}") for n in range(count))
    edition = dataclasses.replace(EDITION, duration=float(count), chapters=chapters)
    write_tags(mp3, edition, SETTINGS, None)
    tags = ID3(mp3)
    (toc,) = tags.getall("CTOC")
    assert len(toc.child_element_ids) == kept
    written = [tags[f"CHAP:{element}"] for element in toc.child_element_ids]
    step = count // kept
    assert [str(chap.sub_frames["TIT2"]) for chap in written] == [
        f"Zwischentitel {n}" for n in range(0, count, step)
    ]
    assert [chap.start_time for chap in written] == list(range(0, count * 1000, step * 1000))
    assert written[-1].end_time == count * 1000
    assert all(a.end_time == b.start_time for a, b in itertools.pairwise(written))
