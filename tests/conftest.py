from __future__ import annotations

import shutil
from collections.abc import Iterator
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


@pytest.fixture(autouse=True, scope="session")
def _user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Builds whose settings name no cache_dir use the user's cache folder: one of the session's
    own, never the real one (platformdirs follows XDG_CACHE_HOME)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        yield


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
