"""The mastering settings are checked before a build does any work."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from audio.builds.validate import (
    check_base_url,
    check_cover,
    check_lexicon,
    check_renditions,
    check_sources,
)
from audio.settings import Settings

GOOD = Settings(base_url="https://example.org/")


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (
            {"podcast_rendition": False, "speaker_rendition": False},
            "podcast_rendition and speaker_rendition are both off: there is nothing to publish",
        ),
        ({"speaker_bitrate": 250}, "speaker_bitrate 250 kbps is not an MP3 bitrate at 44100 Hz"),
        ({"loudness": -40.0}, "loudness = -40.0 LUFS is outside -30 to -5 LUFS"),
        ({"speaker_true_peak": 1.0}, "speaker_true_peak = 1.0 dBTP is outside -10 to 0 dBTP"),
        ({"intro_music": Path("nowhere.mp3")}, "intro_music nowhere.mp3 does not exist"),
    ],
)
def test_rendition_settings(changes: dict, problem: str) -> None:
    (found,) = check_renditions(GOOD.replace(**changes))
    assert found.startswith(problem)


def test_good_settings_pass() -> None:
    assert list(check_renditions(GOOD)) == [] and list(check_cover(GOOD)) == []


def test_an_unfit_cover_is_named(tmp_path: Path) -> None:
    Image.new("RGB", (1400, 1400)).save(tmp_path / "cover.gif", format="GIF")
    (found,) = check_cover(GOOD.replace(cover=tmp_path / "cover.gif"))
    assert found.startswith(f"cover {tmp_path / 'cover.gif'}: unfit as a podcast cover: ")
    assert "it is GIF, not JPEG or PNG" in found


def test_a_lexicon_is_read_before_the_build(tmp_path: Path) -> None:
    lexicon = tmp_path / "aussprache.txt"
    assert list(check_lexicon(GOOD.replace(lexicon=lexicon))) == [
        f"lexicon {lexicon} does not exist"
    ]
    lexicon.write_text("Lawrow = Lawroff\n= Nahto\n", encoding="utf-8")
    (found,) = check_lexicon(GOOD.replace(lexicon=lexicon))
    assert found == f"{lexicon}:2: the written form is empty"
    lexicon.write_text("Lawrow = Lawroff\n", encoding="utf-8")
    assert list(check_lexicon(GOOD.replace(lexicon=lexicon))) == []


def test_sources_are_web_addresses_or_files() -> None:
    good = GOOD.replace(sources=("https://example.org/feed.rss", "seiten/kommentar.html"))
    assert list(check_sources(good)) == []
    bad = GOOD.replace(sources=("ftp://example.org/feed", "https:/kaputt"))
    assert list(check_sources(bad)) == [
        "sources: 'ftp://example.org/feed' is neither an http(s) address like "
        "https://example.org/feed.xml nor a file",
        "sources: 'https:/kaputt' is neither an http(s) address like "
        "https://example.org/feed.xml nor a file",
    ]


@pytest.mark.parametrize(
    "website", ["javascript:alert(document.cookie)", "ftp://example.org/", "example.org", "https:"]
)
def test_the_website_must_be_a_web_address(website: str) -> None:
    (found,) = check_base_url(GOOD.replace(website=website))
    assert found == f"website {website!r} is not an http(s) address like https://example.org/"
    assert list(check_base_url(GOOD.replace(website="http://zeitung.example/kommentare"))) == []
