"""An edition's GUID is what podcast apps know an episode by: it survives renaming the article
file and correcting its title, and a new article's GUID comes from what identifies it, not from
its file name (audio/builds/identity.py)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from audio.builds.build import BUILT, REMOVED, UNCHANGED, build_output
from audio.edition.model import GUID_NAMESPACE
from audio.settings import load_settings
from tests.newsroom import FIRST_DAY, short_article

pytestmark = pytest.mark.slow


@pytest.fixture
def newsroom(project: Path) -> Path:
    (project / "articles" / "seed.txt").unlink()
    (project / "articles" / "k0.txt").write_text(short_article(0), "utf-8")
    undated = short_article(1, published=None)
    (project / "articles" / "ohne-datum.txt").write_text(undated, "utf-8")
    return project


def editions(project: Path) -> dict[str, dict]:
    manifest = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    return manifest["editions"]


def build() -> dict[str, str]:
    report = build_output(load_settings(), jobs=1)
    assert not report.failures, report.failures
    return {o.source.name: o.action for o in report.outcomes}


def test_a_new_guid_comes_from_title_and_date_not_the_file_name(newsroom: Path) -> None:
    build()
    edition = editions(newsroom)["k0.txt"]
    key = f"Kommentar Nummer 0 zur Lage an der Grenze\n{FIRST_DAY.isoformat()}+01:00"
    assert edition["guid"] == str(uuid.uuid5(GUID_NAMESPACE, key))


def test_renamed_files_keep_their_guids_and_first_publication(newsroom: Path) -> None:
    build()
    before = editions(newsroom)
    articles = newsroom / "articles"
    (articles / "k0.txt").rename(articles / "kommentar-null.txt")
    (articles / "ohne-datum.txt").rename(articles / "undatiert.txt")
    assert build() == {
        "k0.txt": REMOVED,
        "ohne-datum.txt": REMOVED,
        "kommentar-null.txt": BUILT,
        "undatiert.txt": BUILT,
    }
    after = editions(newsroom)
    for old, new in (("k0.txt", "kommentar-null.txt"), ("ohne-datum.txt", "undatiert.txt")):
        assert after[new]["guid"] == before[old]["guid"]
        assert after[new]["published"] == before[old]["published"]


def test_a_corrected_title_keeps_the_guid(newsroom: Path) -> None:
    build()
    guid = editions(newsroom)["k0.txt"]["guid"]
    corrected = short_article(0).replace("Kommentar Nummer 0", "Kommentar Numero 0")
    (newsroom / "articles" / "k0.txt").write_text(corrected, "utf-8")
    assert build() == {"k0.txt": BUILT, "ohne-datum.txt": UNCHANGED}
    assert editions(newsroom)["k0.txt"]["title"].startswith("Kommentar Numero 0")
    assert editions(newsroom)["k0.txt"]["guid"] == guid


def test_a_renamed_and_edited_file_is_found_by_its_url(newsroom: Path) -> None:
    url = "https://zeitung.example/kommentar/0"
    article = f"---\ntitle: Die Lage\ndate: 2022-01-21\nurl: {url}\n---\n\nEin Absatz.\n"
    (newsroom / "articles" / "lage.md").write_text(article, "utf-8")
    build()
    guid = editions(newsroom)["lage.md"]["guid"]
    assert guid == str(uuid.uuid5(GUID_NAMESPACE, url))
    (newsroom / "articles" / "lage.md").unlink()
    edited = article.replace("Die Lage", "Die neue Lage").replace("Ein Absatz.", "Zwei Sätze.")
    (newsroom / "articles" / "die-lage.md").write_text(edited, "utf-8")
    build()
    assert editions(newsroom)["die-lage.md"]["guid"] == guid
