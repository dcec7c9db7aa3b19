"""The gTTS engine: gTTS's real request code, its HTTP answered locally by `responses`."""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import responses
from typer.testing import CliRunner

from audio.builds.workers import engine_for
from audio.cli import app
from audio.errors import EngineError
from audio.settings import Settings
from audio.voice.engines import open_engine
from audio.voice.engines.espeak import EspeakEngine
from audio.voice.engines.gtts import GttsEngine, _Pace
from audio.voice.engines.pieces import pack
from audio.voice.engines.utterance import without_edges
from tests.google import URL, reply, seed_sentences, speech_mp3, spoken_text

pytestmark = pytest.mark.slow

runner = CliRunner()
UNCAPPED = {"AUDIO_EDITION_GTTS_RATE_LIMIT": "0"}


class Google:
    """Answers gTTS like Google does; `trouble` holds answers to give first (a status code or
    an exception), `hold` seconds keeps each request in flight."""

    def __init__(self, mock: responses.RequestsMock) -> None:
        self.sent: list[str] = []
        self.trouble: list[int | Exception] = []
        self.hold = 0.0
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        mock.add_callback(responses.POST, URL, callback=self._answer)

    def _answer(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        text = spoken_text(request.body or "")
        with self._lock:
            self.sent.append(text)
            trouble = self.trouble.pop(0) if self.trouble else None
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            time.sleep(self.hold)
            if isinstance(trouble, Exception):
                raise trouble
            if trouble:
                return trouble, {}, "Too Many Requests" if trouble == 429 else "Server Error"
            return 200, {}, reply(speech_mp3(text))
        finally:
            with self._lock:
                self.in_flight -= 1


@pytest.fixture
def google(monkeypatch: pytest.MonkeyPatch) -> Iterator[Google]:
    monkeypatch.setattr(GttsEngine, "backoff", 0.001)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield Google(mock)


@pytest.fixture(scope="module")
def seed_takes() -> tuple[list[str], list[str], list]:
    """The seed read once through gTTS: the sentences, what was sent, the takes."""
    texts = seed_sentences()
    with responses.RequestsMock() as mock:
        fake = Google(mock)
        takes = GttsEngine(rate_limit=0).synthesize(texts)
    return texts, fake.sent, takes


def test_sends_our_pieces_one_request_each(seed_takes: tuple) -> None:
    texts, sent, _ = seed_takes
    assert sorted(sent) == sorted(piece.text for piece in pack(texts))
    assert len(sent) <= 1.3 * math.ceil(len(" ".join(texts)) / 100)
    assert "z." not in [text.split()[-1] for text in sent]


def test_one_take_per_sentence_cut_from_the_answers(seed_takes: tuple) -> None:
    texts, _, takes = seed_takes
    assert len(takes) == len(texts)
    assert {take.frame_rate for take in takes} == {24000}
    # A sentence read within a longer request sounds as long as the same sentence read alone.
    alone = EspeakEngine().synthesize(texts)
    whole = {
        span.sentence
        for piece in pack(texts)
        for span in piece.spans
        if span.start == 0 and span.end == len(texts[span.sentence])
    }
    for index in whole:
        heard = len(without_edges(takes[index]))
        assert abs(heard - len(without_edges(alone[index]))) <= 50, texts[index]


def test_a_sentence_read_by_two_requests_is_joined_with_a_short_pause(seed_takes: tuple) -> None:
    texts, _, takes = seed_takes
    (first, second) = [p.text for p in pack(texts) if any(s.sentence == 3 for s in p.spans)]
    parts = [len(without_edges(EspeakEngine().synthesize([t])[0])) for t in (first, second)]
    # Each part as loud as alone, plus the 200 ms joint (MP3 frames blur the edges a little).
    assert abs(len(without_edges(takes[3])) - (sum(parts) + 200)) <= 60


def test_requests_in_flight_are_bounded(google: Google) -> None:
    google.hold = 0.05
    GttsEngine(concurrency=3, rate_limit=0).synthesize(seed_sentences()[:12])
    assert google.most_in_flight == 3


def test_a_429_is_tried_again(google: Google) -> None:
    google.trouble = [429, 429, 503]
    takes = GttsEngine(rate_limit=0, concurrency=1).synthesize(["Es gäbe nur Verlierer."])
    assert google.sent == ["Es gäbe nur Verlierer."] * 4
    assert len(without_edges(takes[0])) > 500


def test_a_lost_connection_is_tried_again(google: Google) -> None:
    google.trouble = [requests.ConnectionError("reset by peer")]
    (take,) = GttsEngine(rate_limit=0).synthesize(["Ja."])
    assert len(google.sent) == 2
    assert len(without_edges(take)) > 100


def test_a_lasting_failure_ends_with_an_engine_error(google: Google) -> None:
    google.trouble = [503] * 3
    with pytest.raises(EngineError, match=r"after 3 tries.*503"):
        GttsEngine(rate_limit=0, retries=2).synthesize(["Ja."])
    assert len(google.sent) == 3


def test_a_refusal_is_not_tried_again(google: Google) -> None:
    google.trouble = [403]
    with pytest.raises(EngineError, match=r"after 1 try.*403"):
        GttsEngine(rate_limit=0).synthesize(["Ja."])
    assert len(google.sent) == 1


def test_tempo_shortens_every_take_and_keeps_the_cut(google: Google) -> None:
    texts = ["Es gäbe nur Verlierer.", "Das war ein Kommentar von Thomas Ludwig."]
    normal = GttsEngine(rate_limit=0).synthesize(texts)
    faster = GttsEngine(rate_limit=0, tempo=1.5).synthesize(texts)
    for slow, fast in zip(normal, faster, strict=True):
        ratio = len(without_edges(slow)) / len(without_edges(fast))
        assert 1.4 < ratio < 1.6


def test_pace_spreads_request_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    waits: list[float] = []
    monkeypatch.setattr(time, "sleep", waits.append)
    pace = _Pace(4.0, clock=lambda: now[0])
    for _ in range(3):
        pace.wait()
    assert waits == [0.25, 0.5]


def test_auto_takes_gtts_when_google_answers(google: Google) -> None:
    engine = open_engine("auto", Settings(cache=False))
    assert engine.name == "gtts"
    assert engine.fallback is None
    assert google.sent == ["Ja."]


def test_auto_falls_back_to_espeak_quickly_when_google_is_away(google: Google) -> None:
    google.trouble = [requests.ConnectionError("Name or service not known")]
    started = time.monotonic()
    engine = open_engine("auto", Settings())
    assert time.monotonic() - started < 2.5  # the probe is bounded, not a timing benchmark
    assert engine.name == "espeak"
    assert "Failed to connect" in (engine.fallback or "")


def test_build_warns_and_records_the_fallback(project: Path, google: Google) -> None:
    google.trouble = [requests.ConnectionError("offline")]
    result = runner.invoke(app, ["build", "--engine", "auto"])
    assert result.exit_code == 0, result.output
    assert "Google did not answer" in result.output
    manifest = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    (edition,) = manifest["editions"].values()
    assert edition["fallback"] is True
    assert edition["engine"].startswith("espeak-ng")


def test_a_failing_article_keeps_its_previous_edition(project: Path, google: Google) -> None:
    assert runner.invoke(app, ["build", "--engine", "espeak"]).exit_code == 0
    output = project / "output"

    def published() -> tuple[dict, dict]:
        manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
        return {p.name: p.read_bytes() for p in output.glob("*/*.mp3")}, manifest["editions"]

    before = published()
    google.trouble = [503] * 1000
    env = {"AUDIO_EDITION_GTTS_RETRIES": "1"}
    result = runner.invoke(app, ["build", "--engine", "gtts"], env=env)
    assert result.exit_code == 1
    assert "seed.txt" in result.output and "503" in result.output
    assert "its previous edition stays published" in result.output
    assert published() == before


def test_stand_in_editions_are_narrated_again_once_google_answers(
    project: Path, google: Google
) -> None:
    def build() -> dict:
        engine_for.cache_clear()  # each build decides anew whether Google answers
        result = runner.invoke(app, ["build", "--engine", "auto"], env=UNCAPPED)
        assert result.exit_code == 0, result.output
        manifest = project / "output" / "manifest.json"
        (edition,) = json.loads(manifest.read_text(encoding="utf-8"))["editions"].values()
        return edition

    google.trouble = [requests.ConnectionError("offline")]
    stand_in = build()
    assert (stand_in["engine"].split()[0], stand_in["fallback"]) == ("espeak-ng", True)
    narrated = len(google.sent)
    gtts = build()
    assert (gtts["engine"].split()[0], gtts["fallback"]) == ("gtts", False)
    assert len(google.sent) > narrated + 20
    # Google away again: the gTTS edition stays, nothing is narrated by the stand-in.
    google.trouble = [requests.ConnectionError("offline")]
    assert build() == gtts


def test_a_build_with_nothing_to_narrate_asks_google_nothing(project: Path, google: Google) -> None:
    engine_for.cache_clear()
    assert runner.invoke(app, ["build", "--engine", "auto"], env=UNCAPPED).exit_code == 0
    asked = len(google.sent)
    engine_for.cache_clear()
    result = runner.invoke(app, ["build", "--engine", "auto", "-q"], env=UNCAPPED)
    assert (result.exit_code, result.output) == (0, "1 unchanged → output\n")
    assert len(google.sent) == asked
