"""The staging folder's bound: an article whose edition would not fit on the disk is refused
before any of it is narrated (audio/builds/staging.py)."""

from __future__ import annotations

import shutil
from collections import namedtuple
from pathlib import Path

import pytest

from audio.builds import staging
from audio.errors import AudioEditionError
from audio.settings import Settings
from audio.text.article import Article, Section

Usage = namedtuple("Usage", "total used free")


def article_of(characters: int) -> Article:
    sentence = "Ein Satz, der genau so lang ist wie viele andere Sätze. "
    text = sentence * (characters // len(sentence))
    return Article(Path("lang.txt"), "Lang", None, None, None, (Section(None, (text,)),))


def test_the_estimate_follows_the_measured_figures() -> None:
    """docs/robustness.md: 50,559 characters took 87 minutes and 353 MB of staging."""
    seconds, needed = staging.staging_estimate(article_of(50_559), Settings(engine="espeak"))
    assert 80 * 60 < seconds < 100 * 60
    assert 353e6 < needed < 500e6
    slower, _ = staging.staging_estimate(
        article_of(50_559), Settings(espeak_rate=80, engine="espeak")
    )
    assert slower == pytest.approx(seconds * 115 / 80)


def test_an_edition_that_cannot_fit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda path: Usage(10**9, 8 * 10**8, 2 * 10**8))
    with pytest.raises(AudioEditionError) as refused:
        staging.ensure_room(article_of(500_000), Settings(engine="espeak"), tmp_path / "stage")
    assert str(refused.value) == (
        f"lang.txt: its edition (about 917 minutes of speech) needs about 4.1 GB in {tmp_path}, "
        "and the disk has 200 MB free"
    )
    staging.ensure_room(article_of(5_000), Settings(engine="espeak"), tmp_path / "stage")
