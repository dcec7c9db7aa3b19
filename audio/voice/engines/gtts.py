"""Google's voice through gTTS: our pieces, gTTS's own request code, several requests at once.

gTTS cuts text into many small requests and sends them one after another. Here the script is
packed into as few pieces as fit (`pieces.pack`), each piece goes to gTTS as one request, a few
requests are in flight at once under a rate cap, and failed requests are tried again with
exponential backoff. The answers are cut back into one take per sentence (`pauses`).
"""

from __future__ import annotations

import io
import random
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import gtts
import requests
from gtts import gTTS, gTTSError

from audio.errors import EngineError
from audio.voice.engines.pieces import Piece, pack
from audio.voice.engines.tempo import change_tempo
from audio.voice.engines.utterance import split_at_pauses, without_edges
from audio.voice.ffmpeg import AudioSegment

LANGUAGE = "de"
# Silence between the parts of a sentence that two requests read: about a comma's pause.
JOIN_MS = 200
# Backoff before retry n (from 0): BACKOFF_S * 2**n, times a random factor in [0.5, 1.5).
BACKOFF_S = 0.5
BACKOFF_CAP_S = 20.0
# Threads decoding answers (ffmpeg runs) while the requests go on.
DECODERS = 2
# How long `auto` waits for Google before it takes the offline voice.
PROBE_TIMEOUT_S = 2.0


class GttsEngine:
    name = "gtts"
    # Many sentences at once keep `concurrency` requests in flight.
    batch = 5000
    backoff = BACKOFF_S

    def __init__(
        self,
        tld: str = "de",
        slow: bool = False,
        tempo: float = 1.0,
        concurrency: int = 4,
        rate_limit: float = 20.0,
        retries: int = 5,
        timeout: float = 15.0,
    ) -> None:
        self.tld = tld
        self.slow = slow
        self.tempo = tempo
        self.concurrency = concurrency
        self.retries = max(retries, 0)
        self.timeout = timeout
        self.fallback: str | None = None
        self.voice = f"{LANGUAGE} (translate.google.{tld}{', slow' if slow else ''})"
        self._pace = _Pace(rate_limit)

    @property
    def identity(self) -> str:
        return (
            f"gtts {gtts.__version__} lang={LANGUAGE} tld={self.tld} slow={self.slow} "
            f"tempo={self.tempo}"
        )

    def synthesize(self, texts: Sequence[str]) -> list[AudioSegment]:
        pieces = pack(texts)
        answers = self._fetch_all(pieces)
        parts: list[list[AudioSegment]] = [[] for _ in texts]
        for piece, audio in zip(pieces, answers, strict=True):
            cut = split_at_pauses(audio, [span.end - span.start for span in piece.spans])
            for span, part in zip(piece.spans, cut, strict=True):
                parts[span.sentence].append(part)
        frame_rate = next((a.frame_rate for a in answers), 24000)
        takes = [_joined(sentence_parts, frame_rate) for sentence_parts in parts]
        return change_tempo(takes, self.tempo) if self.tempo != 1.0 else takes

    def _fetch_all(self, pieces: Sequence[Piece]) -> list[AudioSegment]:
        """The answers to `pieces`, in order. The request threads only wait for Google; the
        answers are decoded beside them, so that no request waits for ffmpeg."""
        if not pieces:
            return []
        failed = threading.Event()
        network = ThreadPoolExecutor(min(self.concurrency, len(pieces)), "gtts")
        decoder = ThreadPoolExecutor(DECODERS, "gtts-mp3")

        def fetch(text: str) -> Future[AudioSegment]:
            return decoder.submit(_decoded, self._fetch(text, failed), text)

        try:
            fetches = [network.submit(fetch, piece.text) for piece in pieces]
            return [answer.result().result() for answer in fetches]
        except BaseException:
            failed.set()
            raise
        finally:
            network.shutdown(cancel_futures=True)
            decoder.shutdown(cancel_futures=True)

    def _fetch(self, text: str, failed: threading.Event) -> bytes:
        """One piece, tried again after answers that say "later" until another piece failed."""
        for attempt in range(self.retries + 1):
            self._pace.wait()
            try:
                return request_speech(text, self.tld, self.slow, self.timeout)
            except gTTSError as error:
                if not _transient(error) or attempt == self.retries or failed.is_set():
                    tries = f"{attempt + 1} {'try' if attempt == 0 else 'tries'}"
                    raise EngineError(
                        f"gTTS failed after {tries} on “{text[:40]}…”: {error}"
                    ) from error
                time.sleep(_delay(error, attempt, self.backoff))
        raise AssertionError("unreachable")


def request_speech(text: str, tld: str, slow: bool, timeout: float | None) -> bytes:
    """The MP3 Google answers for `text`, sent as exactly one request by gTTS's own code."""
    tts = gTTS(
        text,
        lang=LANGUAGE,
        tld=tld,
        slow=slow,
        lang_check=False,
        pre_processor_funcs=[],
        tokenizer_func=_as_is,
        timeout=timeout,
    )
    return b"".join(tts.stream())


def google_answers(tld: str, timeout: float = PROBE_TIMEOUT_S) -> str | None:
    """None when Google speaks; otherwise why not. Returns within `timeout` seconds."""
    outcome: list[str | None] = []

    def probe() -> None:
        try:
            request_speech("Ja.", tld, False, timeout)
            outcome.append(None)
        except (gTTSError, requests.RequestException) as error:
            outcome.append(str(error) or type(error).__name__)

    worker = threading.Thread(target=probe, daemon=True)
    worker.start()
    # Name resolution is not bound by the request timeout: the thread is left behind if it hangs.
    worker.join(timeout)
    if not outcome:
        return f"translate.google.{tld} did not answer within {timeout:.0f} s"
    return outcome[0]


def _as_is(text: str) -> list[str]:
    return [text]


def _transient(error: gTTSError) -> bool:
    """Connection lost, too many requests, or a server error: worth another try."""
    response = error.rsp
    return response is None or response.status_code == 429 or response.status_code >= 500


def _delay(error: gTTSError, attempt: int, backoff: float) -> float:
    """Seconds to wait before the next try: what Google asks for, else exponential with jitter."""
    retry_after = error.rsp.headers.get("Retry-After", "") if error.rsp is not None else ""
    if retry_after.isdigit():
        return min(float(retry_after), BACKOFF_CAP_S)
    return min(backoff * 2**attempt, BACKOFF_CAP_S) * random.uniform(0.5, 1.5)


def _decoded(mp3: bytes, text: str) -> AudioSegment:
    if not mp3:
        raise EngineError(f"gTTS answered no audio for “{text[:40]}…”")
    try:
        return AudioSegment.from_file(io.BytesIO(mp3), codec="mp3").set_channels(1)
    except Exception as error:  # pydub raises bare exceptions from ffmpeg
        raise EngineError(f"gTTS answered audio that ffmpeg cannot decode: {error}") from error


def _joined(parts: Sequence[AudioSegment], frame_rate: int) -> AudioSegment:
    """One sentence from the parts that several requests read, a short pause between them."""
    if not parts:
        return AudioSegment.silent(0, frame_rate)
    if len(parts) == 1:
        return parts[0]
    gap = AudioSegment.silent(JOIN_MS, frame_rate)
    joined = without_edges(parts[0])
    for part in parts[1:]:
        joined = joined + gap + without_edges(part)
    return joined


class _Pace:
    """Starts at most `rate` requests per second, spread evenly, across threads."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = 1 / rate if rate > 0 else 0.0
        self.clock = clock
        self.next = 0.0
        self.lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self.lock:
            now = self.clock()
            start = max(now, self.next)
            self.next = start + self.interval
        if start > now:
            time.sleep(start - now)
