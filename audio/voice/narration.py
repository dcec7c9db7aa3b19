"""Script → timeline, a segment at a time, the segments narrated before taken from the cache.

The script is cut into segments before anything is synthesized (audio/voice/cutting.py cuts by the
sentences' length in characters), so a segment narrated before with the same sentences, pauses,
voice and code is taken from the cache exactly as it was laid out then, and only the sentences of
the other segments go to the engine. An edited paragraph costs the synthesis of its own segment,
and the samples of the others stay as they were published: the encoded MP3 segments keyed by
those samples (audio/mastering/master.py) are found again.

A long article is never in memory at once: the engine reads up to its `batch` of characters in whole
segments at a time, each segment's takes are let go once it is laid out, and in a build the laid-out
segments are appended to a file (audio/voice/pcm.py) that mastering reads a segment at a time.
Whoever passes `laid` hears of each segment as soon as it lies there: a build starts analysing it
for mastering while the engine reads the next.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from audio import fingerprints
from audio.cache import Shelf, cache_folder
from audio.settings import Settings
from audio.text.script import Script
from audio.voice.assembly import Assembly, Narrated
from audio.voice.cutting import Cutting
from audio.voice.engines import Engine
from audio.voice.ffmpeg import AudioSegment
from audio.voice.pcm import Samples, audio_entry, entry_audio
from audio.voice.timeline import Timeline

BATCH = 5000
"""Characters (spoken): the most given to the engine at one time, however large its `batch`, so
that the takes of a long article are never all held at once (about eight minutes of speech at
the offline voice)."""

Laid = Callable[[Samples, int, int], None]
"""Told of each segment the engine read, once laid out: the samples and its span [start, stop)."""


def narrate_script(
    script: Script,
    engine: Engine,
    cutting: Cutting,
    cache: NarrationCache | None = None,
    scratch: Path | None = None,
    laid: Laid | None = None,
) -> Timeline:
    """The script read by `engine`, segment by segment; with `scratch` (a temporary folder) the
    samples are kept in a file there, and only a few segments are ever in memory."""
    runs = cutting.runs(script.sentences)
    keys: list[str] = []
    if cache is not None:
        code = fingerprints.digest("narration")
        keys = [_key(script, runs, index, engine, cutting, code) for index in range(len(runs))]
    cached = {index for index, key in enumerate(keys) if cache is not None and cache.has(key)}
    takes = _Takes(engine, script, runs, cached)
    missing = [index for index in range(len(runs)) if index not in cached]
    # The engine's rate, if it says anything; else the cache's.
    rate = takes.rate(missing[0]) if missing else None
    if rate is None and cache is not None:
        loaded = (cache.get(keys[index]) for index in sorted(cached))
        rate = next((hit[0].frame_rate for hit in loaded if hit is not None), None)
    assembly = Assembly(script, rate or 22050, cutting, scratch)
    for index in range(len(runs)):
        hit = cache.get(keys[index]) if index in cached and cache is not None else None
        read = hit is None or hit[0].frame_rate != assembly.rate
        if hit is not None and not read:
            audio, cues = hit
            narrated = Narrated(audio.raw_data, assembly.rate, tuple(cues))
        else:
            # Not in the cache, unreadable, or at another rate (which could not be joined).
            narrated = assembly.lay_out(index, takes.of(index))
            if cache is not None:
                cache.put(keys[index], narrated.audio(), narrated.cues)
        start = assembly.samples.length
        assembly.add(index, narrated)
        if laid is not None and read:
            laid(assembly.samples, start, assembly.samples.length)
    return assembly.timeline()


class _Takes:
    """The engine's takes, a batch of segments at a time, each let go once laid out."""

    def __init__(
        self, engine: Engine, script: Script, runs: Sequence[range], cached: Collection[int]
    ) -> None:
        self.engine = engine
        self.script = script
        self.runs = runs
        self.cached = cached
        self.pending: dict[int, AudioSegment] = {}

    def rate(self, index: int) -> int | None:
        """The rate of the engine's takes, from segment `index`'s batch."""
        self._synthesize(index)
        return next((take.frame_rate for take in self.pending.values() if len(take)), None)

    def of(self, index: int) -> list[AudioSegment]:
        """The takes of segment `index`'s sentences."""
        if self.runs[index].start not in self.pending:
            self._synthesize(index)
        return [self.pending.pop(number) for number in self.runs[index]]

    def _synthesize(self, index: int) -> None:
        """Segment `index` and the segments after it that the cache lacks, up to the engine's
        batch."""
        sentences = self.script.sentences
        batch = min(self.engine.batch, BATCH)
        numbers: list[int] = []
        characters = 0
        for following in range(index, len(self.runs)):
            run = self.runs[following]
            length = sum(len(sentences[number].spoken) for number in run)
            if numbers and (following in self.cached or characters + length > batch):
                break
            numbers.extend(run)
            characters += length
        spoken = [sentences[number].spoken for number in numbers]
        self.pending.update(zip(numbers, self.engine.synthesize(spoken), strict=True))


def _key(
    script: Script, runs: Sequence[range], index: int, engine: Engine, cutting: Cutting, code: str
) -> str:
    """Everything a segment's samples depend on: its sentences and the pause before them, the
    voice, whether it opens or closes the programme, the MP3 frames it is padded to, the code."""
    sentences = script.sentences
    run = runs[index]
    described = {
        "said": [(sentences[number].spoken, sentences[number].pause) for number in run],
        "before": sentences[run.start - 1].pause if index else None,
        "last": index == len(runs) - 1,
        "mp3_rate": cutting.mp3_rate,
        "engine": engine.identity,
        "code": code,
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def narration_cache(settings: Settings) -> NarrationCache | None:
    """The cache of narrated segments (audio/voice/narration.py), unless caching is off."""
    folder = cache_folder(settings)
    return NarrationCache(folder) if folder else None


class NarrationCache:
    """Narrated segments by key: what was said, how, and the code that laid it out. Each is one
    sealed entry (audio/cache.py): the samples, their rate and width, and the sentences' cues."""

    def __init__(self, folder: Path) -> None:
        self.shelf = Shelf(folder, "narration")

    def get(self, key: str) -> tuple[AudioSegment, list[tuple[int, int]]] | None:
        """The segment's samples and each sentence's [first, after last) sample in them."""
        entry = self.shelf.read(self.shelf.path(key), key)
        if entry is None:
            return None
        cues = [(int(start), int(end)) for start, end in entry.meta["cues"]]
        return entry_audio(entry.payload, entry.meta), cues

    def has(self, key: str) -> bool:
        """Whether the segment is stored (get() may still find it damaged)."""
        return self.shelf.path(key).is_file()

    def put(self, key: str, audio: AudioSegment, cues: Sequence[tuple[int, int]]) -> None:
        """Store a segment; a cache that cannot be written only costs time later."""
        payload, shape = audio_entry(audio)
        meta = {**shape, "cues": [list(cue) for cue in cues]}
        self.shelf.write(self.shelf.path(key), key, payload, meta)
