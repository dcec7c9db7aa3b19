"""Reading ahead: a local engine starts on the script before the build is ready to lay it out.

A build imports its audio, imaging and publishing libraries only once it has something to build (a
good part of a short build: docs/performance.md), and espeak-ng needs none of them: it can read
while they load. `reading_ahead` wraps such an engine, reads the sentences in a thread of its own in
the order narration will ask for them, and hands each take over when asked. A request for anything
else (a segment narration found in its cache, so the order changed) ends the reading ahead; that
text and everything after it go to the engine directly, so the result never depends on the reading
ahead.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audio.voice.engines import Engine
    from audio.voice.ffmpeg import AudioSegment

AHEAD = 5000
"""Characters read but not yet asked for, at most: as narration.BATCH, so that a long article's
takes are never all held at once."""


@contextlib.contextmanager
def reading_ahead(engine: Engine, texts: Sequence[str]) -> Iterator[Engine]:
    """`engine`, reading `texts` from now on; the reading stops when the block is left."""
    reader = _ReadAhead(engine, texts)
    try:
        yield reader
    finally:
        reader.stop()


class _ReadAhead:
    def __init__(self, engine: Engine, texts: Sequence[str]) -> None:
        self._engine = engine
        self._texts = list(texts)
        self._takes: list[AudioSegment | None] = []
        self._used = 0
        self._waiting = 0
        """Characters read and not yet asked for."""
        self._stopped = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, name="read-ahead", daemon=True)
        self._thread.start()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def synthesize(self, texts: Sequence[str]) -> list[AudioSegment]:
        taken = [self._take(text) for text in texts]
        missing = [text for text, take in zip(texts, taken, strict=True) if take is None]
        read = iter(self._engine.synthesize(missing) if missing else [])
        return [take if take is not None else next(read) for take in taken]

    def stop(self) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify_all()
        self._thread.join()

    def _take(self, text: str) -> AudioSegment | None:
        with self._changed:
            if self._stopped or self._used >= len(self._texts) or self._texts[self._used] != text:
                self._stopped = True
                self._changed.notify_all()
                return None
            self._changed.wait_for(lambda: len(self._takes) > self._used or self._stopped)
            if len(self._takes) <= self._used:
                return None
            take, self._takes[self._used] = self._takes[self._used], None
            self._waiting -= len(text)
            self._used += 1
            self._changed.notify_all()
            return take

    def _read(self) -> None:
        for text in self._texts:
            with self._changed:
                self._changed.wait_for(lambda: self._stopped or self._waiting <= AHEAD)
                if self._stopped:
                    return
            try:
                (take,) = self._engine.synthesize([text])
            except Exception:
                # Asked for this text, the engine will fail again and say why, where it is asked.
                with self._changed:
                    self._stopped = True
                    self._changed.notify_all()
                return
            with self._changed:
                self._takes.append(take)
                self._waiting += len(text)
                self._changed.notify_all()
