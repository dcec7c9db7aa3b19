"""A worker's failure is one sentence about its article: a full disk or a damaged file is said
plainly, not as a failure nobody expected (audio/builds/workers.py)."""

from __future__ import annotations

import errno
import os
from datetime import datetime
from pathlib import Path

import pytest

from audio.builds import workers
from audio.builds.manifest import Inputs
from audio.settings import Settings
from audio.text.article import Article, Section

ARTICLE = Article(
    Path("articles/k0.txt"), "Titel", None, None, None, (Section(None, ("Ein Satz.",)),)
)


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (
            OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "output/.staging/b/k0.mp3"),
            "articles/k0.txt: output/.staging/b/k0.mp3: the disk is full",
        ),
        (OSError("image file is truncated (92 bytes not processed)"),
         "articles/k0.txt: image file is truncated (92 bytes not processed)"),
        (
            PermissionError(errno.EACCES, os.strerror(errno.EACCES), "cache/x.wav"),
            "articles/k0.txt: cache/x.wav: permission denied",
        ),
    ],
)  # fmt: skip
def test_an_os_error_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, said: str
) -> None:
    def failing(*arguments: object) -> None:
        raise error

    monkeypatch.setattr(workers, "ensure_room", failing)
    job = workers.Job("k0.txt", ARTICLE, datetime(2022, 1, 21), Inputs("", "", ""))
    result = workers.build_one(job, Settings(), tmp_path, lambda source, text: None)
    assert (result.record, result.error, result.detail) == (None, said, None)
