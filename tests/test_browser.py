"""The edition page in headless Chromium, served by `serve`: the player knows the MP3's length,
chapters and sentences jump, the sentence being read is marked, and the console stays clean; on a
phone no page scrolls sideways.

Driven by playwright-python against Debian's chromium (`executable_path`): playwright never
downloads a browser of its own here. Skips where either is missing.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from mutagen.mp3 import MP3
from typer.testing import CliRunner

from audio.cli import app
from audio.edition.model import Edition
from audio.hosting.serve import published_editions, start
from audio.settings import Settings
from tests.conftest import PYPROJECT, SEED
from tests.publishing import CUES, SETTINGS, make_edition, publish_with_manifest

pytestmark = pytest.mark.slow

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip(
        "chromium is not installed (Debian: apt-get install chromium)", allow_module_level=True
    )

# As the machine notes prescribe: no sandbox as root, and no background traffic to a closed net.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Edition, Edition]:
    """A real build of the seed, plus an edition with a timed transcript on the seed's audio."""
    folder = tmp_path_factory.mktemp("newsroom")
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (folder / "articles").mkdir()
    (folder / "articles" / "seed.txt").write_bytes(SEED.read_bytes())
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    output = folder / "output"
    (seed,) = published_editions(output)
    timed = make_edition(output, 30, audio=(output / seed.audio).read_bytes())
    seed, timed = publish_with_manifest(output, [seed, timed])
    return output, seed, timed


@pytest.fixture(scope="module")
def base_url(site: tuple[Path, Edition, Edition]) -> Iterator[str]:
    output = site[0]
    server, _ = start(output, SETTINGS, "127.0.0.1", 0, lambda: published_editions(output))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=FLAGS, timeout=60_000
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[tuple[object, list[str]]]:
    """A fresh page and the console errors and uncaught exceptions it collects."""
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened, errors
    context.close()


# German compounds wider than a phone, in the heading of the index and of the edition's page.
LONG_TITLE = "Bundesverfassungsgerichtsentscheidung zur Grundsteuerreform: Rechtsstaatsprinzipien"
PHONES = (360, 390)
# Every element whose right edge lies beyond the layout viewport, as "TAG.class: right edge".
OVERFLOWING = """() => [...document.querySelectorAll("body *")]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .map(e => `${e.tagName}.${e.className}: ${Math.round(e.getBoundingClientRect().right)}px`)"""


@pytest.fixture(scope="module", params=["Kommentare zum Hören", "Landeskommentare zum Hören"])
def phone_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of two editions, one with a long German title, under the default podcast title
    and a longer one; published as a build publishes it, cover included."""
    output = tmp_path_factory.mktemp("phone")
    editions = [make_edition(output, 1, title=LONG_TITLE), make_edition(output, 2)]
    settings = Settings(podcast_title=request.param, base_url="https://example.org/podcast/")
    publish_with_manifest(output, editions, settings)
    return output


@pytest.mark.parametrize("width", PHONES)
def test_a_phone_never_scrolls_sideways(browser: object, phone_site: Path, width: int) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    (long_page,) = phone_site.glob("*kommentar-1/index.html")
    for page in (phone_site / "index.html", long_page):
        tab.goto(page.as_uri())
        assert tab.locator("h1, h2").filter(has_text=LONG_TITLE).count() == 1
        assert tab.evaluate("document.documentElement.clientWidth") == width
        assert tab.evaluate(OVERFLOWING) == [], page
        assert tab.evaluate("document.documentElement.scrollWidth") == width, page
    context.close()


def player_ready(page: object) -> float:
    page.wait_for_function("document.querySelector('audio[data-player]').readyState >= 1")
    return page.evaluate("document.querySelector('audio[data-player]').duration")


def current_time(page: object) -> float:
    return page.evaluate("document.querySelector('audio[data-player]').currentTime")


def test_the_page_plays_the_mp3_and_a_chapter_click_seeks(
    site: tuple[Path, Edition, Edition], base_url: str, page: tuple[object, list[str]]
) -> None:
    output, seed, _ = site
    tab, errors = page
    response = tab.goto(f"{base_url}{seed.slug}/")
    assert response.status == 200
    assert tab.title().startswith("US-Außenminister Antony Blinken")
    duration = player_ready(tab)
    assert abs(duration - MP3(output / seed.audio).info.length) < 1.0
    last = seed.chapters[-1]
    tab.click(f"nav.chapters a[data-start='{last.start:.3f}']")
    tab.wait_for_function(
        f"Math.abs(document.querySelector('audio[data-player]').currentTime - {last.start}) < 0.5"
    )
    assert tab.url == f"{base_url}{seed.slug}/"  # the page stayed; JavaScript took the click
    assert errors == []


def test_a_sentence_click_seeks_and_the_sentence_is_marked(
    site: tuple[Path, Edition, Edition], base_url: str, page: tuple[object, list[str]]
) -> None:
    _, _, timed = site
    tab, errors = page
    tab.goto(f"{base_url}{timed.slug}/")
    player_ready(tab)
    tab.wait_for_function(
        "(() => { const t = document.querySelector('audio[data-player]').textTracks[0];"
        f" return t && t.cues && t.cues.length === {len(CUES)}; }})()"
    )
    sentence = tab.locator("span.cue").nth(3)
    assert sentence.get_attribute("role") == "button"
    sentence.click()
    tab.wait_for_function(
        f"Math.abs(document.querySelector('audio[data-player]').currentTime - {CUES[3].start})"
        " < 0.5"
    )
    tab.evaluate("document.querySelector('audio[data-player]').pause()")
    tab.wait_for_function("document.querySelector('span.cue.current') !== null")
    assert tab.locator("span.cue.current").inner_text() == CUES[3].text
    assert abs(current_time(tab) - CUES[3].start) < 1.0
    assert errors == []


def test_without_javascript_the_chapters_link_into_the_mp3(
    browser: object, site: tuple[Path, Edition, Edition], base_url: str
) -> None:
    _, seed, _ = site
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{base_url}{seed.slug}/")
    link = tab.locator("nav.chapters a").nth(1)
    href = link.get_attribute("href")
    assert href == f"{Path(seed.audio).name}#t={seed.chapters[1].start:.3f}"
    assert tab.locator("audio[data-player]").get_attribute("controls") is not None
    context.close()
