"""Newsrooms built for the deploy tests and benches, and what a listener sees of a deployed feed."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import feedparser

from audio.builds.build import build_output
from audio.hosting.deploy.local import published_files
from audio.settings import Settings, load_settings
from tests.conftest import PYPROJECT
from tests.newsroom import short_article


def newsroom(folder: Path, base_url: str, count: int, deploy: str = "") -> Settings:
    """`count` short articles in `folder`, built for `base_url`; the settings to deploy them."""
    folder.mkdir(parents=True, exist_ok=True)
    settings_text = PYPROJECT.replace("https://example.org/podcast/", base_url)
    if deploy:
        settings_text += f'deploy = "{deploy}"\n'
    (folder / "pyproject.toml").write_text(settings_text, encoding="utf-8")
    (folder / "articles").mkdir(exist_ok=True)
    for number in range(count):
        write_article(folder, number)
    settings = load_settings(folder).replace(articles=folder / "articles", output=folder / "output")
    build(settings)
    return settings


def write_article(folder: Path, number: int, **fields: object) -> None:
    text = short_article(number, **fields)
    (folder / "articles" / f"k{number}.txt").write_text(text, encoding="utf-8")


def build(settings: Settings) -> None:
    report = build_output(settings, jobs=2)
    assert not report.failures, report.failures


def edit(settings: Settings, number: int, author: str) -> set[str]:
    """Give article `number` another author and build; the output's paths that changed."""
    before = contents(settings.output)
    write_article(settings.articles.parent, number, author=author)
    build(settings)
    after = contents(settings.output)
    return {path for path in after if before.get(path) != after[path]}


def contents(output: Path) -> dict[str, str]:
    """Every file a deploy sends, with its digest."""
    return {path: file.digest for path, file in published_files(output).items()}


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def live_problems(feed_url: str) -> list[str]:
    """What a listener would meet: a feed that cannot be read, or an enclosure missing or of
    another length than the feed says."""
    status, _, body = get(feed_url)
    if status != 200:
        return [f"{feed_url}: {status}"]
    feed = feedparser.parse(body)
    if feed.bozo:
        return [f"{feed_url}: {feed.bozo_exception}"]
    problems = []
    for entry in feed.entries:
        for enclosure in entry.enclosures:
            status, _, audio = get(enclosure.href)
            if status != 200 or len(audio) != int(enclosure.length):
                problems.append(f"{enclosure.href}: {status}, {len(audio)} bytes")
    return problems
