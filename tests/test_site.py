"""The static site: index and edition pages, written by `publish` from hand-made editions."""

from __future__ import annotations

import dataclasses
import json
import posixpath
from pathlib import Path

import pytest
from lxml import html

from audio.edition.model import Edition
from audio.publish.site import load_cues, parse_vtt, render_page, transcript_parts
from audio.text.article import Section
from audio.voice.timeline import Chapter, Cue
from tests.publishing import CUES, SETTINGS, make_edition, publish_with_manifest

MARKUP = 'Böse <script>alert("x")</script> & „Zitate“'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Edition]]:
    output = tmp_path_factory.mktemp("output")
    (output / "cover.jpg").write_bytes(b"\xff\xd8 written by the build before publishing")
    marked = dataclasses.replace(
        make_edition(output, 2, title=MARKUP),
        teaser=MARKUP,
        url="javascript:alert(1)",
    )
    return output, publish_with_manifest(output, [make_edition(output, 1), marked])


def page(output: Path, edition: Edition) -> html.HtmlElement:
    return html.fromstring((output / edition.files["page"]).read_bytes())


def test_every_local_link_on_every_page_points_at_a_published_file(
    site: tuple[Path, list[Edition]],
) -> None:
    output, editions = site
    pages = [output / "index.html"] + [output / e.files["page"] for e in editions]
    checked = 0
    for path in pages:
        tree = html.fromstring(path.read_bytes())
        for element, attribute, link, _ in tree.iterlinks():
            if link.startswith(("https://", "http://", "data:")):
                continue
            target = posixpath.normpath(
                posixpath.join(path.parent.relative_to(output).as_posix(), link.split("#")[0])
            )
            assert (output / target).is_file(), f"{path.name}: {element.tag} {attribute}={link}"
            checked += 1
    assert checked > 20


def test_index_lists_editions_newest_first_with_player_date_author_duration(
    site: tuple[Path, list[Edition]],
) -> None:
    output, editions = site
    tree = html.fromstring((output / "index.html").read_bytes())
    items = tree.xpath("//li[@class='edition']")
    assert [item.xpath("string(.//h2)").strip() for item in items] == [
        MARKUP,
        "Kommentar Nummer 1",
    ]
    oldest = items[1]
    assert oldest.xpath(".//audio/@src") == [editions[0].audio]
    meta = " ".join(oldest.xpath("string(.//p[@class='meta'])").split())
    assert meta == "11. Januar 2022, 19:00 Uhr · Von Anna Beispiel · unter 1 Min."
    feed = tree.xpath("//link[@rel='alternate']")[0]
    assert (feed.get("type"), feed.get("href")) == ("application/rss+xml", "feed.xml")


def test_article_text_is_escaped_everywhere(site: tuple[Path, list[Edition]]) -> None:
    output, editions = site
    marked = editions[1]
    raw = (output / marked.files["page"]).read_text(encoding="utf-8")
    assert "<script>alert" not in raw
    assert "javascript:" not in raw
    tree = page(output, marked)
    assert tree.xpath("string(//h1)") == MARKUP
    assert tree.xpath("string(//p[@class='teaser'])") == MARKUP
    # The only scripts are our own: the JSON-LD and player.js.
    scripts = tree.xpath("//script")
    assert [s.get("type") or s.get("src") for s in scripts] == [
        "application/ld+json",
        "../assets/player.js",
    ]
    index = (output / "index.html").read_text(encoding="utf-8")
    assert "<script" not in index


def test_edition_page_has_player_captions_chapters_and_timed_transcript(
    site: tuple[Path, list[Edition]],
) -> None:
    output, editions = site
    edition = editions[0]
    tree = page(output, edition)
    (audio,) = tree.xpath("//audio[@data-player]")
    assert audio.get("src") == f"{edition.slug}.mp3"
    (track,) = audio.xpath("track")
    assert (track.get("kind"), track.get("srclang"), track.get("src")) == (
        "captions",
        "de",
        f"{edition.slug}.vtt",
    )
    chapters = tree.xpath("//nav[@class='chapters']//a")
    assert [(a.get("href"), a.get("data-start")) for a in chapters] == [
        (f"{edition.slug}.mp3#t=0.000", "0.000"),
        (f"{edition.slug}.mp3#t=2.500", "2.500"),
        (f"{edition.slug}.mp3#t=6.500", "6.500"),
    ]
    assert chapters[1].text_content() == "0:02 Vorspann"
    cues = tree.xpath("//span[@class='cue']")
    assert [c.text for c in cues] == [cue.text for cue in CUES]
    assert cues[4].get("data-start") == "13.500"
    parts = tree.xpath("//section[@class='part']")
    assert [p.xpath("string(h3)") for p in parts] == ["Ansage", "Vorspann", "Kommentar"]
    assert len(parts[2].xpath("p")) == 2  # the long pause starts a new paragraph


def test_the_mp3_size_has_a_decimal_comma(site: tuple[Path, list[Edition]]) -> None:
    output, editions = site
    larger = dataclasses.replace(editions[0], size=2_134_567)
    tree = html.fromstring(render_page(larger, SETTINGS, output))
    assert tree.xpath("string(//section[@class='downloads']//a[@download])") == "MP3 (2,1 MB)"


def test_json_ld_describes_a_podcast_episode(site: tuple[Path, list[Edition]]) -> None:
    output, editions = site
    edition = editions[1]
    (script,) = page(output, edition).xpath("//script[@type='application/ld+json']")
    data = json.loads(script.text)
    assert data["@type"] == "PodcastEpisode"
    assert data["name"] == MARKUP
    assert data["url"] == f"https://example.org/podcast/{edition.slug}/index.html"
    assert data["datePublished"] == "2022-01-12T19:00:00+01:00"
    assert data["author"] == {"@type": "Person", "name": "Anna Beispiel"}
    media = data["associatedMedia"]
    assert media["contentUrl"] == SETTINGS.url_for(edition.audio)
    assert media["contentSize"] == str(edition.size)
    assert media["duration"] == "PT17S"
    assert data["partOfSeries"]["webFeed"] == "https://example.org/podcast/feed.xml"


def test_without_a_transcript_the_page_shows_the_article_text(tmp_path: Path) -> None:
    edition = make_edition(tmp_path, 1, files=False)
    edition = dataclasses.replace(edition, sections=(Section("Zwischen", ("Nur <Text>.",)),))
    tree = html.fromstring(render_page(edition, SETTINGS, tmp_path))
    assert tree.xpath("//span[@class='cue']") == []
    assert tree.xpath("//audio/track") == []
    section = tree.xpath("//section[@class='transcript']")[0]
    assert section.xpath("string(h2)") == "Text"
    assert section.xpath("string(h2[2])") == "Zwischen"
    assert section.xpath("string(p[2])") == "Nur <Text>."


def test_cues_come_from_the_vtt_when_there_is_no_json(tmp_path: Path) -> None:
    edition = make_edition(tmp_path, 1)
    files = {k: v for k, v in edition.files.items() if k != "transcript"}
    assert load_cues(tmp_path, dataclasses.replace(edition, files=files)) == CUES
    assert load_cues(tmp_path, edition) == CUES
    assert parse_vtt("WEBVTT\n\n01:02:03.500 --> 01:02:04.000\nEins\nzwei\n") == (
        Cue(3723.5, 3724.0, "Eins zwei"),
    )


def test_a_cue_a_little_before_its_chapter_start_still_belongs_to_it() -> None:
    cues = (Cue(0.2, 1.0, "a"), Cue(2.49, 3.0, "b"))
    parts = transcript_parts(cues, (Chapter(0, 2.5, "A"), Chapter(2.5, 4, "B")), SETTINGS)
    assert [(p.title, [c.text for para in p.paragraphs for c in para]) for p in parts] == [
        ("A", ["a"]),
        ("B", ["b"]),
    ]
