from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed.txt"

PYPROJECT = """\
[tool.audio-edition]
podcast_title = "Testkommentare"
author = "Testredaktion"
owner_email = "test@example.org"
base_url = "https://example.org/podcast/"
engine = "espeak"
cache_dir = "cache"
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom folder with settings and the seed article, as the working folder."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "articles").mkdir()
    shutil.copy(SEED, tmp_path / "articles" / "seed.txt")
    monkeypatch.chdir(tmp_path)
    for name in list(__import__("os").environ):
        if name.startswith("AUDIO_EDITION_"):
            monkeypatch.delenv(name)
    return tmp_path
