"""The synthesis cache: takes found again by text and voice, shared safely, pruned oldest first."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import responses
from typer.testing import CliRunner

from audio.cache import Usage, prune, usage
from audio.cli import app
from audio.errors import SettingsError
from audio.mastering.segment_cache import SegmentCache, gain_name
from audio.settings import parse_size
from audio.voice.engines.cache import CachedEngine, TakeCache, take_key
from audio.voice.engines.gtts import GttsEngine
from audio.voice.engines.pieces import pack
from audio.voice.ffmpeg import AudioSegment
from audio.voice.narration import NarrationCache
from tests.google import URL, reply, seed_sentences, speech_mp3, spoken_text

pytestmark = pytest.mark.slow

runner = CliRunner()
# No rate cap: the answers are local.
UNCAPPED = {"AUDIO_EDITION_GTTS_RATE_LIMIT": "0"}


def take(ms: int, rate: int = 24000) -> AudioSegment:
    data = (bytes(range(256)) * (rate * ms // 1000 * 2 // 256 + 1))[: rate * ms // 1000 * 2]
    return AudioSegment(data=data, sample_width=2, frame_rate=rate, channels=1)


class Counting:
    """An engine that says how often it was asked."""

    name = "counting"
    voice = "test"
    fallback = None
    identity = "counting 1"
    batch = 10_000

    def __init__(self) -> None:
        self.asked: list[str] = []

    def synthesize(self, texts: Sequence[str]) -> list[AudioSegment]:
        self.asked.extend(texts)
        return [take(10 * len(text)) for text in texts]


def test_a_take_comes_back_as_it_went_in(tmp_path: Path) -> None:
    cache = TakeCache(tmp_path)
    original = take(500, rate=22050)
    cache.put("ab" * 32, original)
    again = cache.get("ab" * 32)
    assert again is not None
    assert (again.raw_data, again.frame_rate, again.sample_width) == (original.raw_data, 22050, 2)
    assert cache.get("cd" * 32) is None


def test_the_key_is_the_text_and_the_voice() -> None:
    assert take_key("espeak rate=175", "Ja.") != take_key("espeak rate=160", "Ja.")
    assert take_key("espeak rate=175", "Ja.") != take_key("espeak rate=175", "Nein.")
    assert take_key("gtts", "Ja.") == take_key("gtts", "Ja.")


def test_a_damaged_take_is_a_miss_and_goes(tmp_path: Path) -> None:
    cache = TakeCache(tmp_path)
    cache.put("ef" * 32, take(100))
    cache.path("ef" * 32).write_bytes(b"RIFF broken")
    assert cache.get("ef" * 32) is None
    assert not cache.path("ef" * 32).exists()


def test_two_writers_and_a_reader_never_see_half_a_take(tmp_path: Path) -> None:
    cache = TakeCache(tmp_path)
    whole = take(2000)
    seen: list[int] = []

    def write() -> None:
        for _ in range(30):
            cache.put("12" * 32, whole)

    def read() -> None:
        for _ in range(60):
            found = cache.get("12" * 32)
            seen.append(-1 if found is None else len(found.raw_data))

    threads = [threading.Thread(target=f) for f in (write, write, read)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(seen) <= {-1, len(whole.raw_data)}
    assert [p.name for p in cache.path("12" * 32).parent.iterdir()] == [f"{'12' * 32}.entry"]


def test_prune_removes_the_least_recently_used_first(tmp_path: Path) -> None:
    cache = TakeCache(tmp_path)
    for age, key in enumerate(["aa", "bb", "cc"]):
        cache.put(key * 32, take(100))
        os.utime(cache.path(key * 32), (1000 + age, 1000 + age))
    cache.get("aa" * 32)  # used just now: the newest
    size = cache.path("aa" * 32).stat().st_size
    removed = prune(tmp_path, max_size=2 * size)
    assert (removed.takes, removed.size) == (1, size)
    assert cache.get("bb" * 32) is None
    assert cache.get("aa" * 32) is not None and cache.get("cc" * 32) is not None
    assert usage(tmp_path).takes == 2


def test_sizes_are_read_like_people_write_them() -> None:
    assert parse_size("500MB") == 500_000_000
    assert parse_size("1.5 GB") == 1_500_000_000
    assert parse_size("0") == 0
    with pytest.raises(SettingsError, match="500 apples"):
        parse_size("500 apples")


def test_cached_engine_synthesizes_each_text_once(tmp_path: Path) -> None:
    inner = Counting()
    engine = CachedEngine(inner, TakeCache(tmp_path))
    first = engine.synthesize(["Ja.", "Nein.", "Ja."])
    second = engine.synthesize(["Nein.", "Vielleicht."])
    assert inner.asked == ["Ja.", "Nein.", "Vielleicht."]
    assert engine.synthesized == 3
    assert len(first[0]) == len(first[2]) == 30
    assert second[0].raw_data == first[1].raw_data


@pytest.fixture
def google() -> Iterator[list[str]]:
    """What gTTS sent, answered like Google."""
    sent: list[str] = []

    def answer(request):  # type: ignore[no-untyped-def]
        sent.append(spoken_text(request.body))
        return 200, {}, reply(speech_mp3(sent[-1]))

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_callback(responses.POST, URL, callback=answer)
        yield sent


def test_editing_one_paragraph_synthesizes_only_its_sentences(
    project: Path, google: list[str]
) -> None:
    assert runner.invoke(app, ["build", "--engine", "gtts"], env=UNCAPPED).exit_code == 0
    before = seed_sentences()
    assert len(google) == len(pack(before))
    article = project / "articles" / "seed.txt"
    text = article.read_text(encoding="utf-8")
    edited = text.replace(
        "Solange geredet wird, schweigen immerhin die Waffen. "
        "Das ist das Gute an der Krisendiplomatie.",
        "Solange man redet, schweigen die Waffen. Das ist das Gute an der Diplomatie.",
    )
    assert edited != text
    article.write_text(edited, encoding="utf-8")
    google.clear()
    assert runner.invoke(app, ["build", "--engine", "gtts"], env=UNCAPPED).exit_code == 0
    assert google == [
        "Solange man redet, schweigen die Waffen. Das ist das Gute an der Diplomatie."
    ]


def test_no_cache_synthesizes_everything_again(project: Path, google: list[str]) -> None:
    assert runner.invoke(app, ["build", "--engine", "gtts"], env=UNCAPPED).exit_code == 0
    pieces = len(google)
    assert (
        runner.invoke(
            app, ["build", "--engine", "gtts", "--no-cache", "--force"], env=UNCAPPED
        ).exit_code
        == 0
    )
    assert len(google) == 2 * pieces


def test_espeak_takes_are_not_kept(project: Path) -> None:
    assert runner.invoke(app, ["build", "--engine", "espeak"]).exit_code == 0
    assert usage(project / "cache").takes == 0


def test_cache_command_shows_and_prunes(project: Path) -> None:
    cache = TakeCache(project / "cache")
    for key in ("aa", "bb", "cc"):
        cache.put(key * 32, take(1000))
    result = runner.invoke(app, ["cache"])
    assert result.exit_code == 0, result.output
    assert "3 take(s), 0.1 MB" in result.output
    assert str(project / "cache") in result.output.replace("\n", "")
    result = runner.invoke(app, ["cache", "--max-size", "0"])
    assert "removed 3 take(s)" in result.output
    assert "0 take(s), 0.0 MB" in result.output


def test_gtts_identity_names_every_option_that_changes_the_sound() -> None:
    identity = GttsEngine(tld="at", slow=True, tempo=1.2).identity
    assert all(part in identity for part in ("tld=at", "slow=True", "tempo=1.2", "lang=de"))


def test_encoded_segments_are_found_by_key_and_gain(tmp_path: Path) -> None:
    cache = SegmentCache(tmp_path / "cache", tmp_path / "work")
    key = "ab" * 32
    assert cache.gains(key) == [] and cache.get(key, gain_name(1.5)) is None
    encoded = cache.temporary(key)
    encoded.write_bytes(b"mp3 frames")
    stored = cache.put(key, gain_name(1.5), encoded, [0.25, 0.5], 2.0, -1.25)
    assert stored == encoded and stored.read_bytes() == b"mp3 frames"
    assert cache.gains(key) == ["+1.500"]
    again = SegmentCache(tmp_path / "cache", tmp_path / "work")
    hit = again.get(key, "+1.500")
    assert hit is not None
    assert (hit.powers, hit.limited, hit.true_peak) == ([0.25, 0.5], 2.0, -1.25)
    assert hit.path.read_bytes() == b"mp3 frames" and hit.path.is_relative_to(tmp_path / "work")
    cache.close()
    again.close()
    assert list((tmp_path / "work").iterdir()) == []


def test_narrated_segments_keep_their_samples_and_sentences(tmp_path: Path) -> None:
    cache = NarrationCache(tmp_path)
    cache.put("cd" * 32, take(500, 22050), [(10, 200), (300, 5000)])
    found = cache.get("cd" * 32)
    assert found is not None
    audio, cues = found
    assert (audio.raw_data, audio.frame_rate) == (take(500, 22050).raw_data, 22050)
    assert cues == [(10, 200), (300, 5000)]
    assert cache.get("ef" * 32) is None


def test_pruning_and_the_command_count_segments_with_takes(project: Path) -> None:
    TakeCache(project / "cache").put("aa" * 32, take(1000))
    NarrationCache(project / "cache").put("bb" * 32, take(1000), [(0, 10)])
    segments = SegmentCache(project / "cache")
    encoded = segments.temporary("cc" * 32)
    encoded.write_bytes(bytes(20000))
    segments.put("cc" * 32, "+0.000", encoded, [1.0], 0.0, -1.0)
    held = usage(project / "cache")
    assert (held.takes, held.segments) == (1, 1)
    assert held.segments_size > 20000 + 48000
    result = runner.invoke(app, ["cache"])
    assert "1 take(s), 0.0 MB; 1 encoded segment(s) and narration, 0.1 MB" in result.output
    result = runner.invoke(app, ["cache", "--max-size", "0"])
    assert "removed 1 take(s)" in result.output and "1 encoded segment(s)" in result.output
    assert usage(project / "cache") == Usage(0, 0, 0, 0)
