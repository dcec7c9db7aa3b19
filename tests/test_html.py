"""The templates' environment: compiled templates kept between builds, and never in the way."""

from __future__ import annotations

import dataclasses
import errno
import tempfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jinja2
import pytest

from audio.publish import html
from audio.text.calendar import NEWSROOM_TZ
from tests.publishing import make_edition


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    """Jinja's temporary folder in tmp_path, a fresh environment, and the names of the templates
    Jinja compiles from source."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    names: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *more: Any) -> Any:
        names.append(str(name))
        return compile_source(self, source, name, *more)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    html.environment.cache_clear()
    yield names
    html.environment.cache_clear()


def test_a_template_is_compiled_once_and_read_back_in_the_next_build(
    compiled: list[str], tmp_path: Path
) -> None:
    edition = make_edition(tmp_path, 1)
    first = html.article_html(edition)
    assert "<strong>Der Vorspann &amp; seine &lt;Zeichen&gt;.</strong>" in first
    assert compiled == ["article.html"]
    html.environment.cache_clear()  # as in the next process
    assert html.article_html(edition) == first
    assert compiled == ["article.html"]


def test_a_cache_that_cannot_be_written_costs_only_the_compilation(
    compiled: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", disk_full)
    edition = make_edition(tmp_path, 1)
    first = html.article_html(edition)
    html.environment.cache_clear()
    assert html.article_html(edition) == first
    assert compiled == ["article.html", "article.html"]


def test_without_a_trusted_temporary_folder_templates_are_compiled_every_time(
    compiled: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def untrusted(self: object) -> str:
        raise RuntimeError("Cannot determine safe temp directory.")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "_get_default_cache_dir", untrusted)
    assert html.environment().bytecode_cache is None
    edition = make_edition(tmp_path, 1)
    assert "<h2>Zwischenzeile</h2>" in html.article_html(edition)
    html.environment.cache_clear()
    assert "<h2>Zwischenzeile</h2>" in html.article_html(edition)
    assert compiled == ["article.html", "article.html"]


@pytest.mark.parametrize(
    ("published", "shown"),
    [
        (datetime(2022, 1, 21, 19, 5, tzinfo=NEWSROOM_TZ), "21. Januar 2022, 19:05 Uhr"),
        # A dateline without a time of day reaches the edition as midnight: no "00:00 Uhr".
        (datetime(2022, 1, 21, tzinfo=NEWSROOM_TZ), "21. Januar 2022"),
        # Front matter may give UTC; the page says the newsroom's time, as the intro does.
        (datetime(2022, 6, 30, 22, 30, tzinfo=timezone.utc), "1. Juli 2022, 0:30 Uhr"),
    ],
)
def test_the_page_gives_the_date_as_the_narrator_says_it(
    tmp_path: Path, published: datetime, shown: str
) -> None:
    edition = dataclasses.replace(make_edition(tmp_path, 1), published=published)
    assert html.german_date(edition) == shown


@pytest.mark.parametrize(
    ("value", "decimals", "written"),
    [(2.1345, 1, "2,1"), (1234.5, 1, "1.234,5"), (1234567, 0, "1.234.567"), (0.04, 1, "0,0")],
)
def test_numbers_are_written_the_german_way(value: float, decimals: int, written: str) -> None:
    assert html.german_number(value, decimals) == written
