"""Reading ahead: takes come back as the engine makes them, whatever narration asks for."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import datetime, timezone

import pytest

from audio.builds import workers
from audio.builds.workers import Job
from audio.errors import EngineError
from audio.settings import Settings
from audio.text.readers import read_article
from audio.voice.engines import ahead
from audio.voice.engines.ahead import reading_ahead
from audio.voice.ffmpeg import AudioSegment
from tests.conftest import SEED


class Spelling:
    """A local engine whose takes carry their text, one sentence after the other."""

    name = "spelling"
    voice = "test"
    fallback = None
    identity = "spelling 1"
    batch = 0

    def __init__(self, fails_on: str | None = None) -> None:
        self.read: list[str] = []
        self.fails_on = fails_on
        self.lock = threading.Lock()

    def synthesize(self, texts: Sequence[str]) -> list[AudioSegment]:
        with self.lock:
            if self.fails_on in texts:
                raise EngineError(f"cannot say {self.fails_on!r}")
            self.read.extend(texts)
            return [
                AudioSegment(
                    data=text.encode("utf-8") * 2, sample_width=2, frame_rate=8000, channels=1
                )
                for text in texts
            ]


def said(takes: Sequence[AudioSegment]) -> list[str]:
    return [take.raw_data[: len(take.raw_data) // 2].decode("utf-8") for take in takes]


TEXTS = ["Eins ist eins.", "Zwei sind zwei.", "Drei sind drei.", "Vier sind vier."]


def test_takes_read_ahead_are_handed_over_in_order() -> None:
    engine = Spelling()
    with reading_ahead(engine, TEXTS) as reader:
        assert reader.identity == "spelling 1" and reader.batch == 0
        assert said(reader.synthesize(TEXTS[:2])) == TEXTS[:2]
        assert said(reader.synthesize(TEXTS[2:])) == TEXTS[2:]
    assert engine.read == TEXTS  # each sentence read once, by the reader


def test_a_request_out_of_order_ends_the_reading_ahead() -> None:
    engine = Spelling()
    with reading_ahead(engine, TEXTS) as reader:
        # Narration found the first two sentences' segment in its cache.
        assert said(reader.synthesize(TEXTS[2:])) == TEXTS[2:]
        assert said(reader.synthesize(["Fünf."])) == ["Fünf."]
    assert engine.read[-3:] == [*TEXTS[2:], "Fünf."]


def test_the_reader_stays_at_most_ahead_characters_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ahead, "AHEAD", 20)
    engine = Spelling()
    with reading_ahead(engine, TEXTS) as reader:
        deadline = time.monotonic() + 10
        while len(engine.read) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.1)
        # 13 + 15 characters wait: more than 20, so the third sentence is not read yet.
        assert engine.read == TEXTS[:2]
        assert said(reader.synthesize(TEXTS)) == TEXTS
    assert engine.read == TEXTS


def test_an_engine_failure_is_raised_where_the_sentence_is_asked_for() -> None:
    engine = Spelling(fails_on=TEXTS[1])
    with reading_ahead(engine, TEXTS) as reader:
        assert said(reader.synthesize(TEXTS[:1])) == TEXTS[:1]
        with pytest.raises(EngineError, match=r"cannot say 'Zwei sind zwei\.'"):
            reader.synthesize(TEXTS[1:])


@pytest.mark.parametrize(
    ("cache", "built_before", "reads_ahead"),
    [(False, False, True), (False, True, True), (True, False, True), (True, True, False)],
)
def test_a_build_reads_ahead_unless_the_cache_may_hold_the_narration(
    cache: bool, built_before: bool, reads_ahead: bool
) -> None:
    settings = Settings(engine="espeak", cache=cache)
    article = read_article(SEED)
    job = Job("seed.txt", article, datetime(2022, 1, 21, tzinfo=timezone.utc), None, built_before)  # type: ignore[arg-type]
    with workers._reader(job, settings) as engine:
        assert (engine is not workers.engine_for(settings)) is reads_ahead
        assert engine.identity == workers.engine_for(settings).identity
