"""feed.xml read by the clients that matter: feedparser, gPodder's podcastparser, and the Podcast
Index parser (podcast-partytime, through node), plus the rules Apple and the W3C validator apply."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import subprocess
from pathlib import Path

import feedparser
import podcastparser
import pytest
from lxml import etree

from audio.edition.model import Edition
from audio.errors import SettingsError
from audio.publish.feed import (
    ITUNES_NS,
    PODCAST_NS,
    PSC_NS,
    check_settings,
    feed_warnings,
    podcast_guid,
    render_feed,
)
from audio.publish.site import render_index
from audio.text.article import Section
from tests.publishing import CHAPTERS, SETTINGS, make_edition

PARTYTIME = Path(__file__).parent / "partytime"
NS = {
    "itunes": ITUNES_NS,
    "podcast": PODCAST_NS,
    "psc": PSC_NS,
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
MARKUP = "Böse <script>alert(\"x\")</script> & „Zitate“ 'einfach'"


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> list[Edition]:
    """Three editions, oldest first: a plain one, one without any side files, one with markup."""
    output = tmp_path_factory.mktemp("output")
    marked = make_edition(output, 3, title=MARKUP)
    marked = dataclasses.replace(marked, sections=(Section("Zwischenzeile", (MARKUP,)),))
    return [make_edition(output, 1), make_edition(output, 2, author=None, files=False), marked]


@pytest.fixture(scope="module")
def feed_xml(editions: list[Edition]) -> bytes:
    return render_feed(editions, SETTINGS)


@pytest.fixture(scope="module")
def channel(feed_xml: bytes) -> etree._Element:
    return etree.fromstring(feed_xml).find("channel")


def test_podcast_guid_matches_the_specification_examples() -> None:
    # The examples in the podcast namespace's guid documentation.
    assert podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml") == (
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    )
    assert podcast_guid("http://podnews.net/rss////") == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert podcast_guid("podnews.net/rss") == "9b024349-ccf0-5f69-a609-6b82873eab3c"


def test_feedparser_reads_the_channel_and_every_item(feed_xml: bytes) -> None:
    feed = feedparser.parse(feed_xml)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Testkommentare"
    assert feed.feed.link == "https://example.org/podcast/"
    assert feed.feed.language == "de"
    assert feed.feed.image.href == "https://example.org/podcast/cover.jpg"
    assert feed.feed.rights == "© 2022 Testredaktion"
    assert [tag.term for tag in feed.feed.tags] == ["News", "News Commentary"]
    assert [e.title for e in feed.entries] == [MARKUP, "Kommentar Nummer 2", "Kommentar Nummer 1"]
    newest = feed.entries[0]
    assert newest.id == "00000000-0000-5000-8000-000000000003"
    assert newest.guidislink is False
    assert newest.published == "Thu, 13 Jan 2022 19:00:00 +0100"
    assert newest.itunes_duration == "17"
    assert newest.enclosures[0].href == (
        "https://example.org/podcast/2022-01-13-kommentar-3/2022-01-13-kommentar-3.mp3"
    )
    assert newest.enclosures[0].length == "4003"
    assert newest.enclosures[0].type == "audio/mpeg"


def test_channel_has_every_element_apple_and_the_podcast_index_look_for(
    channel: etree._Element,
) -> None:
    def text(path: str) -> str | None:
        return channel.findtext(path, namespaces=NS)

    assert text("itunes:explicit") == "false"
    assert text("itunes:author") == "Testredaktion"
    assert text("itunes:owner/itunes:name") == "Anna Eigner"
    assert text("itunes:owner/itunes:email") == "test@example.org"
    assert text("itunes:type") == "episodic"
    assert channel.find("itunes:image", NS).get("href") == "https://example.org/podcast/cover.jpg"
    category = channel.find("itunes:category", NS)
    assert category.get("text") == "News"
    assert category.find("itunes:category", NS).get("text") == "News Commentary"
    self_link = channel.find("atom:link", NS)
    assert (self_link.get("rel"), self_link.get("href")) == (
        "self",
        "https://example.org/podcast/feed.xml",
    )
    assert text("podcast:guid") == podcast_guid("https://example.org/podcast/feed.xml")
    locked = channel.find("podcast:locked", NS)
    assert (locked.text, locked.get("owner")) == ("yes", "test@example.org")
    assert text("copyright") == "© 2022 Testredaktion"
    assert text("lastBuildDate") == "Thu, 13 Jan 2022 19:00:00 +0100"
    assert text("description") == SETTINGS.podcast_description
    # The W3C validator warns when the RSS image links elsewhere than the channel.
    assert text("image/link") == text("link") == "https://example.org/podcast/"


def test_items_carry_transcripts_chapters_and_the_author(channel: etree._Element) -> None:
    item = channel.findall("item")[2]
    base = "https://example.org/podcast/2022-01-11-kommentar-1/2022-01-11-kommentar-1"
    transcripts = [
        (t.get("url"), t.get("type"), t.get("language"), t.get("rel"))
        for t in item.findall("podcast:transcript", NS)
    ]
    assert transcripts == [
        (f"{base}.vtt", "text/vtt", "de", "captions"),
        (f"{base}.transcript.json", "application/json", "de", None),
        (f"{base}.srt", "application/srt", "de", "captions"),
    ]
    chapters = item.find("podcast:chapters", NS)
    assert chapters.get("url") == f"{base}.chapters.json"
    assert chapters.get("type") == "application/json+chapters"
    starts = [c.get("start") for c in item.findall("psc:chapters/psc:chapter", NS)]
    assert starts == ["00:00:00.000", "00:00:02.500", "00:00:06.500"]
    titles = [c.get("title") for c in item.findall("psc:chapters/psc:chapter", NS)]
    assert titles == [c.title for c in CHAPTERS]
    person = item.find("podcast:person", NS)
    assert (person.text, person.get("role"), person.get("group")) == (
        "Anna Beispiel",
        "author",
        "writing",
    )
    assert item.findtext("itunes:episodeType", namespaces=NS) == "full"
    assert item.findtext("itunes:duration", namespaces=NS) == "17"
    assert item.find("itunes:image", NS).get("href") == "https://example.org/podcast/cover.jpg"
    assert item.find("guid").get("isPermaLink") == "false"


def test_an_edition_without_side_files_gets_no_links_to_them(channel: etree._Element) -> None:
    bare = channel.findall("item")[1]
    assert bare.findtext("title") == "Kommentar Nummer 2"
    assert bare.findall("podcast:transcript", NS) == []
    assert bare.find("podcast:chapters", NS) is None
    assert bare.find("podcast:person", NS) is None  # no byline
    assert bare.findtext("itunes:author", namespaces=NS) == "Testredaktion"
    assert len(bare.findall("psc:chapters/psc:chapter", NS)) == 3  # inline, needs no file


def test_markup_in_the_article_is_text_in_xml_and_escaped_in_html(
    channel: etree._Element, feed_xml: bytes
) -> None:
    item = channel.find("item")
    assert item.findtext("title") == MARKUP
    html = item.findtext("content:encoded", namespaces=NS)
    assert "<script>" not in html
    escaped = (
        "Böse &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; „Zitate“ &#39;einfach&#39;"
    )
    assert f"<p>{escaped}</p>" in html
    assert "<p><strong>Der Vorspann &amp; seine &lt;Zeichen&gt;.</strong></p>" in html
    assert "<h2>Zwischenzeile</h2>" in html
    assert b"<script>" not in feed_xml


def test_podcastparser_finds_every_edition_with_enclosure_size_duration_and_chapters(
    feed_xml: bytes, editions: list[Edition]
) -> None:
    parsed = podcastparser.parse(SETTINGS.feed_url, io.BytesIO(feed_xml))
    assert parsed["title"] == "Testkommentare"
    assert parsed["explicit"] is False
    assert parsed["itunes_categories"] == [["News", "News Commentary"]]
    by_guid = {episode["guid"]: episode for episode in parsed["episodes"]}
    assert set(by_guid) == {e.guid for e in editions}
    for edition in editions:
        episode = by_guid[edition.guid]
        (enclosure,) = episode["enclosures"]
        assert enclosure["url"] == SETTINGS.url_for(edition.audio)
        assert enclosure["file_size"] == edition.size
        assert enclosure["mime_type"] == "audio/mpeg"
        assert episode["total_time"] == round(edition.duration)
        assert [(c["start"], c["title"]) for c in episode["chapters"]] == [
            (0, "Ansage"),
            (2, "Vorspann"),
            (6, "Kommentar"),
        ]


def partytime(feed: Path) -> dict:
    """What the Podcast Index parser reports; skips where node or the package is missing."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not (PARTYTIME / "node_modules" / "podcast-partytime").is_dir():
        pytest.skip("podcast-partytime is not installed: npm ci --prefix tests/partytime")
    run = subprocess.run(
        [node, str(PARTYTIME / "report.mjs"), str(feed)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_podcast_partytime_reports_transcripts_and_chapters(
    feed_xml: bytes, tmp_path: Path
) -> None:
    (tmp_path / "feed.xml").write_bytes(feed_xml)
    report = partytime(tmp_path / "feed.xml")
    assert report["guid"] == podcast_guid(SETTINGS.feed_url)
    assert report["locked"] is True
    assert report["explicit"] is False
    assert report["itunesType"] == "episodic"
    items = {item["guid"]: item for item in report["items"]}
    assert len(items) == 3
    full = items["00000000-0000-5000-8000-000000000001"]
    assert [t["type"] for t in full["transcripts"]] == [
        "text/vtt",
        "application/json",
        "application/srt",
    ]
    assert {t["language"] for t in full["transcripts"]} == {"de"}
    assert full["chapters"]["type"] == "application/json+chapters"
    assert full["chapters"]["url"].endswith("2022-01-11-kommentar-1.chapters.json")
    assert full["people"] == [{"name": "Anna Beispiel", "role": "Author", "group": "Writing"}]
    assert full["enclosure"]["length"] == 4003
    assert items["00000000-0000-5000-8000-000000000002"]["transcripts"] == []


def test_explicit_is_true_or_false_never_yes(editions: list[Edition]) -> None:
    explicit = dataclasses.replace(SETTINGS, explicit=True)
    channel = etree.fromstring(render_feed(editions, explicit)).find("channel")
    assert channel.findtext("itunes:explicit", namespaces=NS) == "true"


def test_settings_apple_would_reject_are_refused_early() -> None:
    with pytest.raises(SettingsError, match=r"'Nachrichten' is not an Apple Podcasts category"):
        check_settings(dataclasses.replace(SETTINGS, category="Nachrichten"))
    with pytest.raises(SettingsError, match=r"subcategory 'Kommentar' .* News: Business News"):
        check_settings(dataclasses.replace(SETTINGS, subcategory="Kommentar"))
    with pytest.raises(SettingsError, match="podcast_type 'daily' must be one of"):
        check_settings(dataclasses.replace(SETTINGS, podcast_type="daily"))
    check_settings(dataclasses.replace(SETTINGS, category="Technology", subcategory=""))


def test_no_category_and_no_owner_email(editions: list[Edition]) -> None:
    plain = dataclasses.replace(SETTINGS, category="", subcategory="", owner_email="")
    assert "owner_email is not set" in feed_warnings(plain)[0]
    assert feed_warnings(SETTINGS) == []
    channel = etree.fromstring(render_feed(editions, plain)).find("channel")
    assert channel.find("itunes:category", NS) is None
    assert channel.find("itunes:owner", NS) is None
    assert channel.find("podcast:locked", NS).get("owner") is None


def test_an_empty_feed_is_still_valid() -> None:
    feed = feedparser.parse(render_feed([], SETTINGS))
    assert not feed.bozo
    assert feed.entries == []
    assert feed.feed.rights == "© Testredaktion"


def test_a_png_cover_is_linked_under_the_name_it_is_published_as(
    editions: list[Edition], tmp_path: Path
) -> None:
    settings = SETTINGS.replace(cover=tmp_path / "Logo.PNG")
    channel = etree.fromstring(render_feed(editions, settings)).find("channel")
    cover = settings.url_for("cover.png")
    assert channel.find("itunes:image", NS).get("href") == cover
    assert channel.findtext("image/url") == cover
    assert {item.find("itunes:image", NS).get("href") for item in channel.iter("item")} == {cover}
    assert '<img class="cover" src="cover.png"' in render_index(editions, settings)
