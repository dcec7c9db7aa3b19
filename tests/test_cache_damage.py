"""Nothing read from the cache is trusted: every kind of entry, every kind of damage, is found out
when read, discarded, reported once and made again; and a build over a damaged, unwritable or
pruned cache publishes what a build over a sound one does."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from audio.cache import MAGIC, notices, prune
from audio.cli import app
from audio.edition import cover as cover_module
from audio.edition.cover import default_cover, podcast_cover
from audio.mastering.master import mastering
from audio.mastering.renditions import renditions
from audio.mastering.segment_cache import SegmentCache
from audio.settings import Settings
from audio.voice.engines.cache import TakeCache
from audio.voice.ffmpeg import AudioSegment
from audio.voice.narration import NarrationCache

runner = CliRunner()
KEY, OTHER = "ab" * 32, "cd" * 32


def take(seconds: float, tone: int = 1) -> AudioSegment:
    count = round(22050 * seconds)
    data = bytes((tone * index) % 256 for index in range(2 * count))
    return AudioSegment(data=data, sample_width=2, frame_rate=22050, channels=1)


@dataclass
class Kind:
    """One kind of entry: how it is stored, read back, and what it holds when sound."""

    name: str
    folder: str
    put: Callable[[Path, str], None]
    get: Callable[[Path, str], Any]
    """None, or what the cache gave back, comparable with `expected`."""
    expected: Callable[[str], Any]
    remakes: bool = False
    """Reading it makes it again at once (a cover), where the others are made by their caller."""


def _narration_get(folder: Path, key: str) -> Any:
    found = NarrationCache(folder).get(key)
    return found and (found[0].raw_data, found[1])


def _segment_get(folder: Path, key: str) -> Any:
    cache = SegmentCache(folder, folder.parent / "work")
    hit = cache.get(key, "+0.000")
    found = None if hit is None else (hit.path.read_bytes(), hit.powers, hit.limited, hit.true_peak)
    cache.close()
    return found


def _segment_put(folder: Path, key: str) -> None:
    cache = SegmentCache(folder, folder.parent / "work")
    encoded = cache.temporary(key)
    encoded.write_bytes(_segment(key)[0])
    cache.put(key, "+0.000", encoded, *_segment(key)[1:])
    cache.close()


def _segment(key: str) -> tuple[bytes, list[float], float, float]:
    return (key.encode() * 4000, [0.5, 0.25], 1.5, -1.25)


def _cover_get(folder: Path, key: str) -> Any:
    # The title stands for the key: a drawn cover is kept by what it was drawn from.
    cover_module._drawn.cache_clear()
    drawn: list[str] = []
    original = cover_module.default_cover

    def counting(title: str) -> bytes:
        drawn.append(title)
        return original(title)

    cover_module.default_cover = counting  # type: ignore[assignment]
    try:
        data = podcast_cover(Settings(podcast_title=key, cache_dir=folder)).data
    finally:
        cover_module.default_cover = original  # type: ignore[assignment]
    return None if drawn else data


KINDS = [
    Kind(
        "take",
        "takes",
        lambda folder, key: TakeCache(folder).put(key, take(0.5, int(key[0], 16) + 1)),
        lambda folder, key: (lambda t: t and t.raw_data)(TakeCache(folder).get(key)),
        lambda key: take(0.5, int(key[0], 16) + 1).raw_data,
    ),
    Kind(
        "narrated segment",
        "narration",
        lambda folder, key: NarrationCache(folder).put(key, take(1.0, 3), [(0, 100), (200, 300)]),
        lambda folder, key: (lambda n: n and (n[0].raw_data, n[1]))(
            NarrationCache(folder).get(key)
        ),
        lambda key: (take(1.0, 3).raw_data, [(0, 100), (200, 300)]),
    ),
    Kind("encoded segment", "segments", _segment_put, _segment_get, _segment),
    Kind(
        "cover",
        "covers",
        lambda folder, key: _cover_get(folder, key) and None,
        _cover_get,
        default_cover,
        remakes=True,
    ),
]


def entry_file(folder: Path, kind: Kind) -> Path:
    (found,) = [path for path in (folder / kind.folder).rglob("*") if path.is_file()]
    return found


def half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def header_only(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b"\n", len(MAGIC)) + 1])


def flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for at in range(len(data) * 3 // 4, len(data) * 3 // 4 + 8):
        data[at] ^= 0x5A
    path.write_bytes(bytes(data))


DAMAGE = {
    "half": (half, "cut short"),
    "header only": (header_only, "cut short"),
    "flipped": (flipped, "its checksum does not match its content"),
}


@pytest.fixture(params=KINDS, ids=lambda kind: kind.folder)
def kind(request: pytest.FixtureRequest) -> Kind:
    notices()  # what earlier tests left unsaid
    return request.param


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_entry_is_discarded_reported_once_and_made_again(
    tmp_path: Path, kind: Kind, damage: str
) -> None:
    folder = tmp_path / "cache"
    kind.put(folder, KEY)
    assert kind.get(folder, KEY) == kind.expected(KEY)
    path = entry_file(folder, kind)
    how, problem = DAMAGE[damage]
    how(path)
    damaged = path.read_bytes()
    assert kind.get(folder, KEY) is None
    assert not path.exists() or path.read_bytes() != damaged  # the cover is drawn again at once
    (said,) = notices()
    assert f"cache: 1 damaged {kind.name} ({problem}) discarded and made again" in said
    assert str(path) in said
    assert kind.get(folder, KEY) == (kind.expected(KEY) if kind.remakes else None)
    assert notices() == []
    kind.put(folder, KEY)
    assert kind.get(folder, KEY) == kind.expected(KEY)


def test_an_entry_made_for_another_key_is_not_taken(tmp_path: Path, kind: Kind) -> None:
    folder = tmp_path / "cache"
    kind.put(folder, OTHER)
    other = entry_file(folder, kind)
    kind.put(folder, KEY)
    mine = next(p for p in (folder / kind.folder).rglob("*") if p.is_file() and p != other)
    shutil.copyfile(other, mine)
    assert kind.get(folder, KEY) is None
    (said,) = notices()
    assert f"1 damaged {kind.name} (made for another key)" in said
    assert kind.get(folder, OTHER) == kind.expected(OTHER)


def test_an_entry_that_cannot_be_read_is_made_again_and_named_once(
    tmp_path: Path, kind: Kind
) -> None:
    folder = tmp_path / "cache"
    kind.put(folder, KEY)
    path = entry_file(folder, kind)
    path.unlink()
    path.mkdir()
    assert kind.get(folder, KEY) is None
    said = notices()
    assert said[0] == f"cache: cannot read {path}: is a folder, not a file; made again"
    if kind.remakes:  # and cannot store what it made where the folder is in the way
        assert "Is a directory" in said[1] and len(said) == 2
    else:
        assert len(said) == 1
    assert kind.get(folder, KEY) is None and notices() == []


def test_a_cache_that_cannot_be_written_costs_time_only(tmp_path: Path, kind: Kind) -> None:
    folder = tmp_path / "cache"
    folder.write_text("a file where the cache folder should be", encoding="utf-8")
    kind.put(folder, KEY)
    kind.put(folder, OTHER)
    assert kind.get(folder, KEY) is None
    (said,) = notices()
    assert said.startswith(f"cache: cannot write into the cache {folder} (")
    assert "Not a directory): nothing is kept for later builds" in said


def test_a_huge_file_or_a_fifo_in_the_cache_is_not_read(tmp_path: Path) -> None:
    cache = TakeCache(tmp_path)
    cache.path(KEY).parent.mkdir(parents=True)
    cache.path(KEY).symlink_to("/dev/null")
    assert cache.get(KEY) is None
    assert "is a character device, not a file" in notices()[0]


# Whole builds over a damaged cache: the cases issue 20 found.

EDIT = (
    "Solange geredet wird, schweigen immerhin die Waffen.",
    "Solange man miteinander redet, schweigen die Waffen.",
)


def build(*options: str) -> str:
    result = runner.invoke(app, ["build", *options])
    assert result.exit_code == 0, result.output
    return result.output


def edition(project: Path) -> dict[str, Any]:
    manifest = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    (record,) = manifest["editions"].values()
    return record


def edit(project: Path) -> None:
    article = project / "articles" / "seed.txt"
    text = article.read_text(encoding="utf-8")
    assert EDIT[0] in text
    article.write_text(text.replace(*EDIT), encoding="utf-8")


def damage_every(project: Path, kind: str, how: Callable[[Path], None]) -> int:
    entries = [path for path in (project / "cache" / kind).rglob("*.entry")]
    for path in entries:
        how(path)
    return len(entries)


def checked(project: Path) -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def clean_edit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The edited seed, built over an empty cache: what a damaged cache must not change."""
    from tests.conftest import PYPROJECT, SEED

    folder = tmp_path_factory.mktemp("clean")
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (folder / "articles").mkdir()
    shutil.copy(SEED, folder / "articles" / "seed.txt")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        edit(folder)
        build()
        return edition(folder)


@pytest.mark.slow
@pytest.mark.parametrize("how", [half, header_only, flipped], ids=lambda how: how.__name__)
@pytest.mark.parametrize("kind", ["narration", "segments"])
def test_after_damage_and_an_edit_the_edition_is_whole(
    project: Path, clean_edit: dict[str, Any], kind: str, how: Callable[[Path], None]
) -> None:
    build()
    assert damage_every(project, kind, how) >= 3
    edit(project)
    output = build()
    assert f"damaged {'narrated' if kind == 'narration' else 'encoded'} segments" in output
    rebuilt = edition(project)
    assert rebuilt["duration"] == pytest.approx(clean_edit["duration"], abs=0.3)
    transcript = json.loads((project / "output" / rebuilt["files"]["transcript"]).read_text())
    assert transcript["segments"][-1]["endTime"] <= rebuilt["duration"]
    checked(project)
    assert "damaged" not in build("--force")
    checked(project)


@pytest.mark.slow
def test_a_damaged_cover_is_drawn_again(project: Path) -> None:
    build()
    assert damage_every(project, "covers", flipped) == 2
    shutil.rmtree(project / "output")
    cover_module._drawn.cache_clear()  # as a new process would start
    cover_module._small.cache_clear()
    output = build()
    assert "2 damaged covers (its checksum does not match its content)" in output
    published = (project / "output" / "cover.jpg").read_bytes()
    assert published == cover_module.default_cover("Testkommentare")
    checked(project)


@pytest.mark.slow
def test_a_build_with_a_cache_it_cannot_write_publishes_everything(project: Path) -> None:
    (project / "cache").write_text("in the way", encoding="utf-8")
    output = build()
    assert "cannot write into the cache" in output and "nothing is kept" in output
    assert edition(project)["duration"] > 100
    checked(project)


@pytest.mark.slow
def test_pruning_while_mastering_takes_nothing_from_under_it(tmp_path: Path) -> None:
    from audio.edition.stages import narrate
    from audio.text.readers import read_article
    from audio.voice.engines import open_engine
    from tests.conftest import SEED

    settings = Settings(engine="espeak", cache_dir=tmp_path / "cache")
    timeline = narrate(read_article(SEED), settings, open_engine("espeak", settings))
    jobs = [(r, tmp_path / f"first-{r.kind}.mp3") for r in renditions(settings)]
    with mastering(timeline, jobs, SegmentCache(tmp_path / "cache")):
        pass
    again = [(r, tmp_path / f"again-{r.kind}.mp3") for r in renditions(settings)]
    with mastering(timeline, again, SegmentCache(tmp_path / "cache")) as results:
        assert [result.encoded for result in results] == [0, 0]
        prune(tmp_path / "cache", 0)  # while the segments found are yet to be joined
    for (_, first), (_, second) in zip(jobs, again, strict=True):
        assert second.read_bytes() == first.read_bytes()


@pytest.mark.slow
def test_a_build_while_the_cache_is_pruned_again_and_again(project: Path) -> None:
    build()
    edit(project)
    stop = threading.Event()

    def pruning() -> None:
        while not stop.is_set():
            prune(project / "cache", 0)

    pruner = threading.Thread(target=pruning)
    pruner.start()
    try:
        build()
    finally:
        stop.set()
        pruner.join()
    checked(project)
