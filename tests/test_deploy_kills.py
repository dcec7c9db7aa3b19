"""A deploy after an edit, killed with SIGKILL: at random moments, and at each step's end (the
named places of audio/crashpoints.py). After every kill the live feed, fetched as a listener
fetches it, names only files that are there at the length it announces; the next deploy
finishes the job, and the one after sends nothing."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from audio.crashpoints import VARIABLE
from audio.hosting.deploy import deploy_output
from audio.settings import Settings, load_settings
from tests.deploys import build, contents, edit, get, live_problems, newsroom
from tests.servers import S3, s3_server

pytestmark = pytest.mark.slow

SEED = 2026
"""Of the random moments: the same every run, so that a failure can be repeated."""
KILLS = 5


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3]:
    with s3_server(tmp_path_factory.mktemp("s3")) as store, pytest.MonkeyPatch.context() as patch:
        for name, value in store.environ.items():
            patch.setenv(name, value)
        yield store


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four editions, built once; each test publishes them for a prefix of its own."""
    settings = newsroom(tmp_path_factory.mktemp("built"), "https://example.org/podcast/", 4)
    return settings.articles.parent


def deployed(built: Path, store: S3, folder: Path, prefix: str) -> Settings:
    """A copy of the built newsroom, published for `prefix` of the bucket and deployed there."""
    shutil.copytree(built, folder)
    settings_file = folder / "pyproject.toml"
    text = settings_file.read_text(encoding="utf-8")
    text = text.replace("https://example.org/podcast/", store.url(f"{prefix}/"))
    settings_file.write_text(text + f'deploy = "s3://podcast/{prefix}"\n', encoding="utf-8")
    settings = load_settings(folder).replace(articles=folder / "articles", output=folder / "output")
    build(settings)
    deploy_output(settings)
    return settings


def killed_deploy(settings: Settings, after: float | None = None, point: str = "") -> str:
    """`audio-edition deploy -v` in a process of its own, killed with SIGKILL `after` seconds, or
    by itself at the named `point`; what it printed."""
    environ = {**os.environ, VARIABLE: point} if point else dict(os.environ)
    process = subprocess.Popen(
        [sys.executable, "-m", "audio", "deploy", "-v"],
        cwd=settings.articles.parent,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if after is not None:
        time.sleep(after)
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGKILL)
    printed, _ = process.communicate(timeout=120)
    if point:
        assert process.returncode == -signal.SIGKILL, printed
    return printed


def rclone_left_running(settings: Settings) -> list[str]:
    """rclone processes still sending from this output folder (rclone dies with the deploy that
    started it)."""
    running = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            words = cmdline.read_bytes().split(b"\0")
            if words[0].endswith(b"rclone") and str(settings.output).encode() in words:
                running.append(cmdline.parent.name)
    return running


def finish(settings: Settings, store: S3, prefix: str) -> None:
    """The next deploy finishes the job: the live feed is the new one, the bucket holds exactly
    the published files, and a deploy after it sends nothing."""
    deploy_output(settings)
    feed_url = store.url(f"{prefix}/feed.xml")
    assert get(feed_url)[2] == (settings.output / "feed.xml").read_bytes()
    assert live_problems(feed_url) == []
    root = store.folder / "podcast" / prefix
    held = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    assert held == set(contents(settings.output))
    again = deploy_output(settings)
    assert (again.sent, again.deleted) == ([], [])


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads processes from /proc")
def test_kills_at_random_moments_leave_the_live_feed_whole(
    built: Path, store: S3, tmp_path: Path
) -> None:
    settings = deployed(built, store, tmp_path / "newsroom", "zufall")
    feed_url = store.url("zufall/feed.xml")
    # How long a deploy after an edit takes from start to end, Python's start included.
    edit(settings, 0, author="Anna Berger")
    started = time.perf_counter()
    killed_deploy(settings)
    whole = time.perf_counter() - started
    moments = random.Random(SEED)
    reached = []
    for kill in range(KILLS):
        edit(settings, (kill + 1) % 4, author=f"Autorin Nummer {kill}")
        moment = moments.uniform(0, whole)
        printed = killed_deploy(settings, after=moment)
        steps = [line.split(":")[0] for line in printed.splitlines() if line.startswith("sending")]
        reached.append(f"{moment:.2f} s: {steps[-1] if steps else 'nothing sent'}")
        time.sleep(0.2)  # what a killed rclone leaves is closed by the server
        assert rclone_left_running(settings) == []
        assert live_problems(feed_url) == [], reached
        finish(settings, store, "zufall")
    print(f"deploy of {whole:.2f} s killed at", "; ".join(reached))


EDIT_STEPS = ["files", "pages", "index and flash briefing", "feed.xml", "deleted"]


@pytest.mark.parametrize("step", EDIT_STEPS)
def test_a_kill_after_each_step(built: Path, store: S3, tmp_path: Path, step: str) -> None:
    prefix = f"schritt-{EDIT_STEPS.index(step)}"
    settings = deployed(built, store, tmp_path / "newsroom", prefix)
    feed_url = store.url(f"{prefix}/feed.xml")
    old_feed = get(feed_url)[2]
    edit(settings, 2, author="Anna Berger")
    killed_deploy(settings, point=f"deploy:{step}")
    assert live_problems(feed_url) == []
    new_feed = (settings.output / "feed.xml").read_bytes()
    feed_sent = EDIT_STEPS.index(step) >= EDIT_STEPS.index("feed.xml")
    assert get(feed_url)[2] == (new_feed if feed_sent else old_feed)
    finish(settings, store, prefix)
