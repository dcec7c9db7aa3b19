"""Building editions into the staging folder, in this process or in worker processes.

Workers are processes, not threads: espeak-ng keeps global state, synthesis and encoding are
CPU-bound, and each worker opens its engine once. A build with a single edition to render stays in
this process, so that it does not pay for starting interpreters.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audio import crashpoints
from audio.builds.allocator import keep_freed_memory
from audio.builds.manifest import Inputs, Record
from audio.builds.staging import ensure_room, mark_complete, staged_files
from audio.cache import notices as cache_notices
from audio.errors import AudioEditionError, system_problem
from audio.settings import Settings
from audio.text.article import Article
from audio.text.script import build_script
from audio.voice.engines import Engine, open_engine
from audio.voice.engines.ahead import reading_ahead

if TYPE_CHECKING:
    from audio.edition.model import Edition

Status = Callable[[str, str], None]
"""Called with an article's file name and what is happening to it now."""


@dataclass(frozen=True)
class Job:
    source: str
    article: Article
    published: datetime
    inputs: Inputs
    built_before: bool = False
    """An edition of the article was published before: most of its narration may be cached."""
    guid: str | None = None
    """The GUID of the edition the article continues (audio/builds/identity.py); None: new."""


@dataclass(frozen=True)
class Result:
    source: str
    record: Record | None = None
    error: str | None = None
    detail: str | None = None
    """The traceback of an unexpected failure, for the verbose output."""
    seconds: float = 0.0
    warnings: tuple[str, ...] = ()
    """What went wrong with the cache meanwhile (audio/cache.py): it cost time, not the edition."""


@functools.lru_cache(maxsize=4)
def engine_for(settings: Settings) -> Engine:
    """The engine of this process: opened once, used for every edition it renders."""
    return open_engine(settings.engine, settings)


def build_one(job: Job, settings: Settings, stage: Path, status: Status) -> Result:
    """One article into a complete edition in `stage`; never raises."""
    started = time.perf_counter()
    result = _built(job, settings, stage, status)
    seconds = time.perf_counter() - started
    return dataclasses.replace(result, seconds=seconds, warnings=tuple(cache_notices()))


def _built(job: Job, settings: Settings, stage: Path, status: Status) -> Result:
    try:
        ensure_room(job.article, settings, stage)
        status(job.source, "writing the script")
        with _reader(job, settings) as reader:
            build_edition = _build_edition()
            report = functools.partial(status, job.source)
            engine = _Reporting(reader, report)
            edition = build_edition(
                job.article, settings, engine, stage, job.published, report, guid=job.guid
            )
        record = Record(edition.to_json(), job.inputs, staged_files(stage, edition.slug))
        mark_complete(stage, job.source, record)
        crashpoints.point("staged")
        return Result(job.source, record)
    except AudioEditionError as error:
        return Result(job.source, error=str(error))
    except OSError as error:
        # A full disk, mostly: said plainly, not as a failure nobody expected.
        return Result(job.source, error=f"{job.article.source}: {system_problem(error)}")
    except Exception as error:
        return Result(
            job.source,
            error=f"{job.article.source}: failed unexpectedly: {type(error).__name__}: {error}",
            detail=traceback.format_exc(),
        )


def build_all(
    jobs: Sequence[Job], settings: Settings, stage: Path, processes: int, status: Status
) -> Iterator[Result]:
    """Render every job, yielding each result as soon as it is ready."""
    if processes <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield build_one(job, settings, stage, status)
        return
    # Only a parallel build needs them; a build with nothing to do never gets here.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("spawn")
    messages: Any = context.SimpleQueue()
    relay = threading.Thread(target=_relay, args=(messages, status), daemon=True)
    relay.start()
    try:
        with ProcessPoolExecutor(
            max_workers=min(processes, len(jobs)),
            mp_context=context,
            initializer=_start_worker,
            initargs=(messages,),
        ) as pool:
            futures = {pool.submit(_build_in_worker, job, settings, stage): job for job in jobs}
            for future in as_completed(futures):
                try:
                    yield future.result()
                except Exception as error:  # the worker process died: a crash or out of memory
                    job = futures[future]
                    yield Result(
                        job.source,
                        error=f"{job.article.source}: the process rendering it died ({error!r})",
                    )
    finally:
        messages.put(None)
        relay.join()


@functools.cache
def _build_edition() -> Callable[..., Edition]:
    """build_edition, imported while a local engine already reads (audio/voice/engines/ahead.py)."""
    from audio.edition.stages import build_edition

    # The libraries imported by now hold a few hundred thousand objects that live as long as the
    # process: frozen, the collector's passes no longer walk through them (the seed's build spent
    # 0.08-0.1 s in collections, 0.02 s since).
    gc.freeze()
    return build_edition


@contextlib.contextmanager
def _reader(job: Job, settings: Settings) -> Iterator[Engine]:
    """This process's engine; one that reads a segment at a time reads the script ahead, unless
    the narration cache may hold much of it: reading the sentences of cached segments would
    only hold up the rest (an edited paragraph's rebuild took 0.64 s instead of 0.49 s)."""
    engine = engine_for(settings)
    if engine.batch or (settings.cache and job.built_before):
        yield engine
        return
    script = build_script(job.article, settings)
    with reading_ahead(engine, [sentence.spoken for sentence in script.sentences]) as reader:
        yield reader


class _Reporting:
    """The engine, telling the progress display what it synthesizes."""

    def __init__(self, engine: Engine, report: Callable[[str], None]) -> None:
        self._engine = engine
        self._report = report

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def synthesize(self, texts: Sequence[str]) -> list[Any]:
        self._report(f"synthesizing {len(texts)} sentences")
        crashpoints.point("synthesis")
        takes = self._engine.synthesize(texts)
        crashpoints.point("synthesized")
        return takes


def _relay(messages: Any, status: Status) -> None:
    while (message := messages.get()) is not None:
        status(*message)


_messages: Any = None


def _start_worker(messages: Any) -> None:
    global _messages
    _messages = messages
    keep_freed_memory()
    crashpoints.enter_worker()
    threading.Thread(target=_end_with_the_build, daemon=True).start()


def _end_with_the_build() -> None:
    """End this worker as soon as the build's process is gone without having stopped it
    (killed alone: `kill PID`, a timeout, a service manager). Every worker holds a writing end of
    the pool's queue, so none would ever see it close: each finished its article for nobody and
    then waited for work for ever."""
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is not None:
        wait([parent.sentinel])
        os._exit(1)


def _build_in_worker(job: Job, settings: Settings, stage: Path) -> Result:
    return build_one(job, settings, stage, lambda source, text: _messages.put((source, text)))
