"""What a build verifies before any feed names an edition (audio/edition/verify.py): its MP3s
decode whole to the programme's length, the sentences and chapters lie inside the audio in order,
the cover decodes.
A build whose MP3 came out short fails that article alone, and its previous edition stays."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from audio.builds.build import BUILT, FAILED, UNCHANGED, build_output
from audio.builds.check import check, targets
from audio.edition import stages
from audio.edition.model import Edition
from audio.edition.verify import verify_edition, verify_image, verify_mp3
from audio.errors import AudioError
from audio.settings import load_settings
from audio.voice.pcm import InMemory
from audio.voice.timeline import Chapter, Cue, Timeline
from tests.newsroom import published_newsroom, short_article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return published_newsroom(tmp_path_factory.mktemp("verified"), 1)


@pytest.fixture
def edition(published: Path) -> Edition:
    manifest = json.loads((published / "manifest.json").read_text(encoding="utf-8"))
    (data,) = manifest["editions"].values()
    return Edition.from_json(data)


@pytest.fixture
def mp3(published: Path, edition: Edition, tmp_path: Path) -> Path:
    """A copy of the podcast rendition, to damage."""
    return Path(shutil.copy(published / edition.audio, tmp_path / "copy.mp3"))


def frame_after(data: bytes, start: int) -> tuple[int, int]:
    """Where the first MP3 frame after `start` begins and ends: at 96 kbit/s and 44.1 kHz a frame
    is 144 × 96000 / 44100 = 313 bytes, one more when its padding bit is set, and the next
    frame's sync word follows it."""
    begin = start
    while True:
        begin = data.index(b"\xff\xfb", begin + 1)
        end = begin + 313 + (data[begin + 2] >> 1 & 1)
        if data[end : end + 2] == b"\xff\xfb":
            return begin, end


def test_a_published_mp3_decodes_to_its_narration(edition: Edition, mp3: Path) -> None:
    verify_mp3(mp3, edition.duration)


def test_an_mp3_cut_to_half_is_found(edition: Edition, mp3: Path) -> None:
    data = mp3.read_bytes()
    mp3.write_bytes(data[: len(data) // 2])
    with pytest.raises(
        AudioError, match=r"^copy.mp3: decodes to \d+\.\d{3} s, but its header says"
    ):
        verify_mp3(mp3, edition.duration)


def test_one_frame_lost_in_the_middle_is_found(edition: Edition, mp3: Path) -> None:
    data = mp3.read_bytes()
    begin, end = frame_after(data, len(data) // 2)
    mp3.write_bytes(data[:begin] + data[end:])
    # The decoder stops where the LAME tag says: a frame lost costs a frame less the padding.
    with pytest.raises(AudioError, match=r"decodes to \d+\.\d{3} s, .* \(-\d+ samples\)$"):
        verify_mp3(mp3, edition.duration)


def test_an_mp3_of_another_length_than_its_narration_is_found(edition: Edition, mp3: Path) -> None:
    with pytest.raises(AudioError, match=r"^copy.mp3: decodes to \d+\.\d{3} s, but its narration"):
        verify_mp3(mp3, edition.duration + 0.01)
    verify_mp3(mp3, edition.duration + 0.0009)  # a resampled narration's rounding


def test_garbage_in_the_middle_is_found(edition: Edition, mp3: Path) -> None:
    data = bytearray(mp3.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4000] = bytes(4000)
    mp3.write_bytes(bytes(data))
    with pytest.raises(AudioError, match="decodes to"):
        verify_mp3(mp3, edition.duration)


def test_a_file_that_is_no_mp3_does_not_decode(tmp_path: Path) -> None:
    (tmp_path / "x.mp3").write_bytes(b"<html>not found</html>")
    with pytest.raises(AudioError, match=r"^x.mp3: "):
        verify_mp3(tmp_path / "x.mp3", 10.0)


def test_a_transcript_running_past_the_audio_is_found(published: Path, edition: Edition) -> None:
    samples = InMemory(bytes(2 * round(44100 * edition.duration)), 44100)
    cues = (Cue(0.5, 2.0, "Erster Satz."), Cue(2.5, samples.duration + 1.5, "Zu lang."))
    past = r"^k0.txt: the sentences run to \d+\.\d{3} s, past the end of the audio at \d+\.\d{3} s$"
    with pytest.raises(AudioError, match=past):
        verify_edition(edition, published, Timeline(samples, cues, ()), b"")


@pytest.mark.parametrize(
    ("cues", "chapters", "problem"),
    [
        (  # a sentence runs into the next: its segment came out shorter than its sentences
            (Cue(0.2, 9.5, "Erster Satz."), Cue(6.0, 8.0, "Zweiter Satz.")),
            (),
            "the sentences are out of order: one from 6.000 to 8.000 s follows one ending at "
            "9.500 s",
        ),
        (
            (Cue(0.2, 2.0, "Erster Satz."),),
            (Chapter(0.0, 11.8, "Ansage"), Chapter(17.7, 11.8, "Kommentar")),
            "the chapters are out of order: one from 17.700 to 11.800 s follows one ending at "
            "11.800 s",
        ),
    ],
)
def test_a_timeline_out_of_order_is_found(
    published: Path, edition: Edition, cues: tuple, chapters: tuple, problem: str
) -> None:
    samples = InMemory(bytes(2 * round(44100 * edition.duration)), 44100)
    with pytest.raises(AudioError) as found:
        verify_edition(edition, published, Timeline(samples, cues, chapters), b"")
    assert str(found.value) == f"k0.txt: {problem}; the narration is not what its timeline says"


def test_a_cover_that_does_not_decode_is_found(published: Path) -> None:
    cover = next(published.glob("cover.*")).read_bytes()
    verify_image(cover, "the cover")
    with pytest.raises(AudioError, match=r"^the cover does not decode: "):
        verify_image(cover[: len(cover) // 3], "the cover")


def test_a_build_whose_mp3_comes_out_short_keeps_the_previous_edition(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "articles" / "seed.txt").unlink()
    for number in range(2):
        (project / "articles" / f"k{number}.txt").write_text(short_article(number), "utf-8")
    assert not build_output(load_settings(), jobs=1).failures
    before = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    place = stages._place

    def short_write(temporary: Path, folder: Path, slug: str, suffix: str) -> str:
        if suffix == ".mp3":  # as if the disk or a damaged cache segment lost its last third
            data = temporary.read_bytes()
            temporary.write_bytes(data[: len(data) * 2 // 3])
        return place(temporary, folder, slug, suffix)

    monkeypatch.setattr(stages, "_place", short_write)
    (project / "articles" / "k1.txt").write_text(short_article(1, author="Anna Berger"), "utf-8")
    report = build_output(load_settings(), jobs=1)
    actions = {o.source.name: o.action for o in report.outcomes}
    assert actions == {"k0.txt": UNCHANGED, "k1.txt": FAILED}
    (failure,) = report.failures
    assert (
        failure.error and "decodes to" in failure.error and "but its header says" in failure.error
    )
    assert failure.warnings == ["its previous edition stays published"]
    after = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    assert after["editions"] == before["editions"]
    assert [str(p) for p in check(project / "output", targets(load_settings()))] == []


def test_narration_from_a_cache_truncated_to_half_is_never_published(project: Path) -> None:
    """Issue 20's first finding: after an ordinary edit the edition came out 2:07 instead of
    3:53, exit 0, its transcript running past the end of its audio. A cut entry is now found by
    its seal, discarded and made again: every narrated and encoded segment is cut here, as a
    copy of the cache interrupted halfway would leave them."""
    assert not build_output(load_settings(), jobs=1).failures
    before = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    entries = [
        *(project / "cache" / "narration").glob("*/*.entry"),
        *(project / "cache" / "segments").glob("*/*.entry"),
    ]
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    seed = project / "articles" / "seed.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Blinken", "Blinken selbst", 1))
    report = build_output(load_settings(), jobs=1)
    (outcome,) = report.outcomes
    assert outcome.action == BUILT
    assert any(
        re.match(r"cache: \d+ damaged (narrated|encoded) segments? \(cut short\) discarded", line)
        for line in outcome.warnings
    ), outcome.warnings
    after = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    (old,) = before["editions"].values()
    (new,) = after["editions"].values()
    assert abs(new["duration"] - old["duration"]) < 2.0
    assert [str(p) for p in check(project / "output", targets(load_settings()))] == []
