"""Timeline → mastered MP3 renditions: integrated loudness on target, true peak under the ceiling.

The programme is mastered and encoded in segments (audio/voice/cutting.py), never as a whole: each
segment is analysed on its own (audio/mastering/loudness.py: an all-pass rotation, K-weighting,
the true peak of every few samples read 4x oversampled, and the segment resampled to the MP3's
rate); the limiter (audio/mastering/limiter.py) settles one gain per rendition from every
segment's figures, since integrated loudness belongs to the whole programme; then every segment
of every rendition gets its gain and limiting and is encoded by LAME (audio/mastering/encoder.py)
on a thread of its own, as many at once as there are cores. audio/mastering/mp3join.py joins each
rendition's segments into one MP3.

What is published is measured, not predicted: each encoded segment is decoded
(audio/mastering/decoder.py) and metered as analysed, and one whose decoded MP3 peaks over the
rendition's ceiling (less GUARD) is encoded again under a lower limiter ceiling; a rendition
whose decoded segments miss the loudness target is mastered again. The figures go with the
result (`Mastered`), and audio/edition/stages.py fails an edition that still misses.

With a cache (audio/cache.py), encoded segments are kept by what made them. A rebuild of an
edition first tries the gain that edition was last published at (never one another edition left
on segments they share): if it still brings the whole programme within REUSE_TOLERANCE of the
target, it is kept, and only segments whose samples changed are analysed and encoded again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import math
import os
import tempfile
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audio import fingerprints
from audio.errors import AudioError
from audio.mastering.decoder import DECODER_DELAY, decoded
from audio.mastering.encoder import ENCODER_DELAY, ENCODER_QUALITY, encoder_identity, encoding
from audio.mastering.limiter import Levels, Limiter
from audio.mastering.loudness import (
    STEP,
    Analysis,
    Reading,
    analysed_blocks,
    filtered_blocks,
    from_db,
    gated_loudness,
    reading,
    to_db,
)
from audio.mastering.mp3format import frame_samples
from audio.mastering.mp3join import Stream, join, known_stream, read_stream
from audio.mastering.renditions import Rendition
from audio.mastering.segment_cache import CachedSegment, SegmentCache, gain_name
from audio.mastering.segments import CODEC_SPAN, Segment, segments_of
from audio.voice.cutting import MIN_PAUSE
from audio.voice.pcm import Samples
from audio.voice.timeline import Timeline

# The limiter's ceiling sits this far below the rendition's true-peak limit: it covers MP3's own
# overshoot and what the 4x reading of the true peak misses.
MARGIN = 0.5
# The phase rotator, as broadcast voice processors use it: below this frequency the group delay
# falls from DELAY (at 0 Hz) to nothing, smearing espeak's sharp pitch pulses over their period.
# Inaudible on speech, it lowers the peak-to-loudness ratio, and so how deep the limiter cuts
# (docs/mastering.md).
ROTATION_BELOW = 1000.0
DELAY = 0.008
# LAME scales CBR input by its preset's factor, by bitrate (docs/mastering.md).
LAME_SCALE = ((160, 0.95), (192, 0.97), (224, 0.98))
REUSE_TOLERANCE = 0.3
"""LU: a rebuild keeps the last gain while the programme stays this close to the target."""
RETRY_TOLERANCE = 0.4
"""LU: a rendition whose decoded MP3 lies further than this from the target is mastered again,
its gain settled for a target moved by the miss."""
GUARD = 0.1
"""dB: a segment's decoded MP3 must peak at least this far under the rendition's ceiling; other
meters read high tones a few hundredths of a dB apart (docs/mastering.md)."""
CORRECTIONS = 3
"""Times a segment is encoded again, its limiter's ceiling lowered by what its decoded MP3 peaked
over the limit, plus CORRECTION_STEP dB."""
CORRECTION_STEP = 0.05
KEEP_ROTATED = 16_000_000
"""Samples: the analysis keeps this many of the rotated segments, resampled to the MP3's rate
(6 minutes at 44.1 kHz, 64 MB as float32), until they are encoded, the first come; the rest are
rotated again for encoding, and their levels wait in a file."""
ENCODED_PIECE = 1 << 16
"""Samples the encoder is handed at a time (1.5 s at 44.1 kHz)."""
SILENT = 1e-4
"""Full scale 1: around a cut, no sample is louder than this (-80 dBFS)."""


@dataclass(frozen=True)
class Mastered:
    rendition: Rendition
    path: Path
    gain: float
    """dB applied before the limiter."""
    limited: float
    """The limiter's deepest gain reduction, dB."""
    loudness: float
    """Integrated loudness of the decoded MP3, LUFS: as measured once the file is written, as
    predicted before."""
    true_peak: float = math.nan
    """The decoded MP3's true peak, dBTP, once the file is written."""
    segments: int = 1
    encoded: int = 1
    """Segments encoded for this file; the others came from the cache."""


def master(
    timeline: Timeline,
    jobs: Sequence[tuple[Rendition, Path]],
    cache: SegmentCache | None = None,
    edition: str | None = None,
) -> list[Mastered]:
    """Write each rendition of `timeline` as a CBR MP3 with a LAME info frame at its path.
    `edition` names the edition the programme is (a rebuild of it starts from its last gain)."""
    with mastering(timeline, jobs, cache, edition=edition) as results:
        return results


@contextlib.contextmanager
def analysing(within: Path | None = None, mp3_rate: int | None = None) -> Iterator[Analyses]:
    """The pool and the scratch folder (below `within`, else the system's) of mastering, open
    from before the narration: a segment announced with `Analyses.ahead` is analysed while the
    engine reads the next, and mastering() finds its analysis done. The analysis resamples
    the segments to `mp3_rate`, the rate the renditions are encoded at."""
    with (
        ThreadPoolExecutor(_cores()) as pool,
        tempfile.TemporaryDirectory(prefix="audio-edition-", dir=within) as scratch,
    ):
        try:
            yield Analyses(pool, Path(scratch), mp3_rate)
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise


@contextlib.contextmanager
def mastering(
    timeline: Timeline,
    jobs: Sequence[tuple[Rendition, Path]],
    cache: SegmentCache | None = None,
    within: Path | None = None,
    analyses: Analyses | None = None,
    edition: str | None = None,
) -> Iterator[list[Mastered]]:
    """master(), with the encoding going on while the with-block runs: the encoders keep the
    cores busy while the caller does work of its own. The files are complete once the block is
    left, and the list yielded then holds what each decoded MP3 measures (during the block: the
    plan). Without `analyses` (from analysing()), mastering opens its own below `within`."""
    with contextlib.ExitStack() as stack:
        if analyses is None:
            mp3_rate = jobs[0][0].sample_rate if jobs else None
            analyses = stack.enter_context(analysing(within, mp3_rate))
        programme = _Programme(timeline, analyses)
        renditions = [_Job(programme, r, path, cache, edition) for r, path in jobs]
        for job in renditions:
            job.prefetch()
        results = [job.plan() for job in renditions]
        yield results
        results[:] = [job.finish() for job in renditions]


@dataclass(frozen=True)
class _Analysed:
    levels: Levels
    rotated: tuple[np.ndarray, ...] | None
    """The segment through the all-pass rotator at the MP3's rate, in consecutive blocks, if it
    is kept (KEEP_ROTATED)."""
    spilled: Path | None = None
    """Where the levels' peaks and shares lie if the rotated segment is not kept (its `levels`
    then holds none)."""

    def loaded(self) -> Levels:
        if self.spilled is None:
            return self.levels
        both = np.fromfile(self.spilled, np.float16)
        half = len(both) // 2
        return dataclasses.replace(self.levels, peaks=both[:half], shares=both[half:])


class Analyses:
    """Segment analyses by the samples and the span [start, stop) they cover, each started once
    on the pool and shared by every rendition."""

    def __init__(self, pool: ThreadPoolExecutor, scratch: Path, mp3_rate: int | None) -> None:
        self.pool = pool
        self.scratch = scratch
        self.mp3_rate = mp3_rate
        self._started: dict[tuple[Samples, int, int], Future[_Analysed]] = {}
        self._kept = 0
        self._lock = threading.Lock()

    def ahead(self, samples: Samples, start: int, stop: int) -> None:
        """A segment just laid out (narration.Laid): analysed from now on, beside the engine."""
        self.of(samples, start, stop)

    def of(self, samples: Samples, start: int, stop: int) -> Future[_Analysed]:
        key = (samples, start, stop)
        with self._lock:
            if key not in self._started:
                # Up to KEEP_ROTATED samples in all, the rotated segments wait for their
                # encoders; the others are rotated again when encoded.
                count = (stop - start) * (self.mp3_rate or samples.rate) // samples.rate
                keep = self._kept + count <= KEEP_ROTATED
                self._kept += count * keep
                spill = self.scratch / f"levels-{len(self._started)}.f16"
                self._started[key] = self.pool.submit(
                    self._analysed, samples, start, stop, None if keep else spill
                )
            return self._started[key]

    def _analysed(self, samples: Samples, start: int, stop: int, spill: Path | None) -> _Analysed:
        keep = spill is None
        rotated: list[np.ndarray] = []
        to = self.mp3_rate if keep else None

        def pieces() -> Iterator[Analysis]:
            floats = samples.floats(start, stop)
            for piece in analysed_blocks(floats, samples.rate, _rotation, to, limiter.block):
                if piece.resampled is not None:
                    rotated.append(piece.resampled)
                yield piece

        limiter = Limiter(samples.rate)
        levels = limiter.levels(pieces())
        if spill is None:
            return _Analysed(levels, tuple(rotated) if rotated else None)
        # A long programme's levels (0.8 MB a minute at 22.05 kHz) wait in a file until the
        # limiter needs them, a segment at a time.
        with spill.open("wb") as out:
            levels.peaks.tofile(out)
            levels.shares.tofile(out)
        empty = np.zeros(0, np.float16)
        return _Analysed(dataclasses.replace(levels, peaks=empty, shares=empty), None, spill)


class _Programme:
    """The timeline's samples, cut into segments, each analysed once for every rendition."""

    def __init__(self, timeline: Timeline, analyses: Analyses) -> None:
        # Read a segment at a time, never whole: a long programme's samples stay in their file.
        self.pcm = timeline.samples
        self.rate = self.pcm.rate
        self.width = self.pcm.width
        self.cuts = tuple(cut for cut in timeline.cuts if self._silent_around(cut))
        self.analyses = analyses
        self.pool = analyses.pool
        self.scratch = analyses.scratch
        self.limiter = Limiter(self.rate)
        self.digests: dict[tuple[int, int], str] = {}

    def segments(self, mp3_rate: int) -> list[Segment]:
        return segments_of(self.pcm.length, self.cuts, self.rate, mp3_rate)

    def samples(self, segment: Segment) -> np.ndarray:
        return self.pcm.floats(segment.start, segment.stop)

    def digest(self, segment: Segment) -> str:
        """The segment's samples hashed, once for both renditions."""
        span = (segment.start, segment.stop)
        if span not in self.digests:
            self.digests[span] = hashlib.sha256(self.pcm.read(*span)).hexdigest()
        return self.digests[span]

    def analyse(self, segment: Segment) -> Future[_Analysed]:
        """The segment's analysis, started on the pool the first time it is asked for."""
        return self.analyses.of(self.pcm, segment.start, segment.stop)

    def levels(self, segment: Segment) -> Levels:
        return self.analyse(segment).result().loaded()

    def rotated(self, segment: Segment, mp3_rate: int) -> Iterator[np.ndarray]:
        """The segment through the all-pass rotator at `mp3_rate`, in consecutive blocks."""
        kept = self.analyse(segment).result().rotated
        if kept is not None and self.analyses.mp3_rate == mp3_rate:
            return iter(kept)
        return filtered_blocks(self.samples(segment), self.rate, _rotation, mp3_rate)

    def _silent_around(self, cut: int) -> bool:
        guard = round(MIN_PAUSE / 2 * self.rate)
        around = self.pcm.read(max(0, cut - guard), cut + guard)
        loudest = int(np.abs(around.astype(np.int64)).max(initial=0))
        return loudest <= SILENT * (1 << (8 * self.width - 1))


class _AllLevels(Sequence[Levels]):
    """Every segment's levels, each read when it is needed."""

    def __init__(self, programme: _Programme, segments: Sequence[Segment]) -> None:
        self.programme = programme
        self.segments = segments

    def __len__(self) -> int:
        return len(self.segments)

    def __getitem__(self, index: int) -> Levels:  # type: ignore[override]
        return self.programme.levels(self.segments[index])


@dataclass(frozen=True)
class _Encoded:
    """One segment of a rendition as encoded, and what it measures decoded."""

    stream: Stream
    reading: Reading
    limited: float
    """The limiter's deepest cut in it, dB."""


class _Job:
    """One rendition: its gain, its segments encoded or found in the cache, the joined file."""

    def __init__(
        self,
        programme: _Programme,
        rendition: Rendition,
        path: Path,
        cache: SegmentCache | None,
        edition: str | None = None,
    ) -> None:
        self.programme = programme
        self.rendition = rendition
        self.path = path
        self.cache = cache
        self.segments = programme.segments(rendition.sample_rate)
        self.scale = to_db(_lame_scale(rendition.bitrate))
        # LAME's scaling lowers the loudness, but its coding noise adds back as much peak at low
        # bitrates: only the loudness target allows for it.
        self.target = rendition.loudness - self.scale
        self.ceiling = rendition.true_peak - MARGIN
        self.limit = rendition.true_peak - GUARD
        self.keys = [self._key(segment) for segment in self.segments] if cache else []
        self.found = [cache.gains(key) for key in self.keys] if cache else []
        # Only the edition's own last gain is tried again: a segment it shares with another
        # edition (the outro, say) may lie in the cache at that edition's gain.
        self.edition = self._edition_key(edition) if cache and edition else None
        self.remembered = cache.last_gain(self.edition) if cache and self.edition else None
        self.encoded: list[Future[_Encoded] | _Encoded] = []
        self.planned: Mastered | None = None

    def prefetch(self) -> None:
        """Start analysing the segments the cache lacks at the edition's last gain."""
        for index, segment in enumerate(self.segments):
            if not self.found or self.remembered not in self.found[index]:
                self.programme.analyse(segment)

    def plan(self, reuse: bool = True) -> Mastered:
        """Settle the gain (or keep the cached one) and start encoding what is missing."""
        reused = self._reused() if reuse else None
        if reused is None:
            levels = _AllLevels(self.programme, self.segments)
            level, reached = self.programme.limiter.settle(levels, self.target, self.ceiling)
            name = gain_name(level)
            hits = self._hits(name)
            reached += self.scale
        else:
            name, reached, hits = reused
        gain = from_db(float(name))
        limited = 0.0
        ordered = sorted(self.segments, key=lambda s: s.start - s.stop)
        encoded: dict[int, Future[_Encoded] | _Encoded] = {}
        for segment in ordered:
            hit = hits.get(segment.index)
            if hit is not None:
                frames = segment.feed(self.programme.rate, self.rendition.sample_rate).frames
                reading = Reading(np.asarray(hit.powers, float), hit.true_peak)
                encoded[segment.index] = _Encoded(
                    known_stream(hit.path, frames), reading, hit.limited
                )
                limited = max(limited, hit.limited)
                continue
            limited = max(limited, self._deepest(segment, gain, self.ceiling))
            encoded[segment.index] = self.programme.pool.submit(self._encode, segment, gain, name)
        self.encoded = [encoded[segment.index] for segment in self.segments]
        self.planned = Mastered(
            self.rendition,
            self.path,
            float(name),
            limited,
            reached,
            segments=len(self.segments),
            encoded=len(self.segments) - len(hits),
        )
        return self.planned

    def finish(self) -> Mastered:
        """Wait for the encoders, join the segments into the rendition's file and measure it;
        a file off its loudness target is mastered once more for a target moved by the miss."""
        result = self._joined()
        missed = self.rendition.loudness - result.loudness
        if abs(missed) > RETRY_TOLERANCE:
            self.target += missed
            self.plan(reuse=False)
            result = self._joined()
        if self.cache is not None and self.edition is not None:
            self.cache.remember(self.edition, gain_name(result.gain))
        return result

    def _joined(self) -> Mastered:
        encoded = [e.result() if isinstance(e, Future) else e for e in self.encoded]
        rate, mp3_rate = self.programme.rate, self.rendition.sample_rate
        feeds = [segment.feed(rate, mp3_rate) for segment in self.segments]
        for each, feed in zip(encoded, feeds, strict=True):
            if each.stream.frames != feed.frames:
                raise AudioError(
                    f"{self.path.name}: a segment came out as {each.stream.frames} MP3 frames "
                    f"where {feed.frames} were due"
                )
        frame = frame_samples(mp3_rate)
        samples = sum(feed.frames * frame for feed in feeds[:-1]) - feeds[0].lead + feeds[-1].fed
        with self.path.open("wb") as out:
            join([each.stream for each in encoded], samples, out, lead=feeds[0].lead)
        assert self.planned is not None
        # The segments meet in silence: decoded apart, they decode as they do joined.
        return dataclasses.replace(
            self.planned,
            limited=max(each.limited for each in encoded),
            loudness=gated_loudness(np.concatenate([each.reading.powers for each in encoded])),
            true_peak=max(each.reading.true_peak for each in encoded),
        )

    def _hits(self, name: str) -> dict[int, CachedSegment]:
        if self.cache is None:
            return {}
        hits = {}
        for index, key in enumerate(self.keys):
            if name in self.found[index] and (hit := self.cache.get(key, name)) is not None:
                hits[index] = hit
        return hits

    def _reused(self) -> tuple[str, float, dict[int, CachedSegment]] | None:
        """The edition's last gain, its cached segments and the loudness the decoded MP3 would
        have now (the cached segments as measured, the others as predicted), if that is within
        REUSE_TOLERANCE of the target."""
        scaled = _lame_scale(self.rendition.bitrate) ** 2
        for name in [self.remembered] if self.remembered else []:
            hits = self._hits(name)
            gain = from_db(float(name))
            powers = []
            for segment in self.segments:
                hit = hits.get(segment.index)
                if hit is not None:
                    powers.append(np.asarray(hit.powers, float))
                else:
                    levels = self.programme.levels(segment)
                    gains = self._gains(segment, gain, self.ceiling)
                    powers.append(self.programme.limiter.steps(levels, gains, gain) * scaled)
            reached = gated_loudness(np.concatenate(powers))
            if abs(reached - self.rendition.loudness) <= REUSE_TOLERANCE:
                return name, reached, hits
        return None

    def _deepest(self, segment: Segment, gain: float, ceiling: float) -> float:
        """The limiter's deepest cut in the segment, dB: at the highest peak, where the hold
        keeps the gain at that peak's need over both averages' reach."""
        peaks = self.programme.levels(segment).peaks
        return max(0.0, to_db(gain * float(peaks.max(initial=0.0))) - ceiling)

    def _gains(self, segment: Segment, gain: float, ceiling: float) -> np.ndarray:
        limiter = self.programme.limiter
        return limiter.gains(self.programme.levels(segment), gain, from_db(ceiling))

    def _encode(self, segment: Segment, gain: float, name: str) -> _Encoded:
        """Encode the segment, decode it and measure it; while it peaks over the limit, encode
        it again under a ceiling lowered by as much (CORRECTIONS times at most)."""
        ceiling = self.ceiling
        for correction in range(CORRECTIONS + 1):
            if self.cache is None:
                path = self.programme.scratch / f"{self.rendition.kind}-{segment.index}.mp3"
            else:
                path = self.cache.temporary(self.keys[segment.index])
            self._write(segment, gain, ceiling, path)
            reading = self._reading(segment, path)
            over = reading.true_peak - self.limit
            if over <= 0 or correction == CORRECTIONS:
                break
            path.unlink()
            ceiling -= over + CORRECTION_STEP
        deepest = self._deepest(segment, gain, ceiling)
        if self.cache is not None:
            key = self.keys[segment.index]
            path = self.cache.put(key, name, path, reading.powers, deepest, reading.true_peak)
        return _Encoded(read_stream(path), reading, deepest)

    def _write(self, segment: Segment, gain: float, ceiling: float, path: Path) -> None:
        """The segment after gain and limiter, encoded by LAME into `path`."""
        programme = self.programme
        gains = self._gains(segment, gain, ceiling)
        mp3_rate = self.rendition.sample_rate
        feed = segment.feed(programme.rate, mp3_rate)
        limiter = programme.limiter
        with encoding(path, mp3_rate, self.rendition.bitrate) as write:
            write(np.zeros(feed.lead, np.float32))
            start, due = 0, feed.fed - feed.lead
            for rotated in programme.rotated(segment, mp3_rate):
                block = rotated[: due - start]
                # A piece at a time: a whole segment's temporaries (scaled, 16-bit, encoded)
                # would raise the build's peak memory (docs/mastering.md).
                for offset in range(0, len(block), ENCODED_PIECE):
                    piece = block[offset : offset + ENCODED_PIECE]
                    write(limiter.applied(piece, gains, gain, start + offset, mp3_rate))
                start += len(block)

    def _reading(self, segment: Segment, path: Path) -> Reading:
        """The encoded segment decoded and measured: its own span's 100 ms steps (the encoder's
        and decoder's delays and the first segment's lead skipped, the pause it was not fed
        added back as silence) and the true peak of all of it."""
        mp3_rate = self.rendition.sample_rate
        feed = segment.feed(self.programme.rate, mp3_rate)
        own = decoded(path)[DECODER_DELAY + ENCODER_DELAY + feed.lead :]
        span = feed.fed - feed.lead + (0 if segment.last else CODEC_SPAN)
        if len(own) < span:
            own = np.concatenate((own, np.zeros(span - len(own), np.float32)))
        measured = reading(own, mp3_rate)
        steps = span // round(mp3_rate * STEP)
        return Reading(measured.powers[:steps], measured.true_peak)

    def _edition_key(self, edition: str) -> str:
        """What the edition's last gain is remembered by: the edition and its rendition."""
        described = {"edition": edition, **dataclasses.asdict(self.rendition)}
        return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()

    def _key(self, segment: Segment) -> str:
        """Everything an encoded segment depends on but the gain."""
        programme = self.programme
        described = {
            "samples": programme.digest(segment),
            "rate": programme.rate,
            "width": programme.width,
            "first": segment.index == 0,
            "last": segment.last,
            "mp3_rate": self.rendition.sample_rate,
            "bitrate": self.rendition.bitrate,
            "ceiling": self.ceiling,
            "quality": ENCODER_QUALITY,
            "encoder": encoder_identity(),
            "code": fingerprints.digest("segments"),
        }
        return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def _rotation(frequencies: np.ndarray) -> np.ndarray:
    """All-pass response whose group delay falls linearly from DELAY at 0 Hz to 0 at the top."""
    below = np.minimum(frequencies, ROTATION_BELOW).astype(np.float32)
    phase = np.float32(-2 * np.pi * DELAY) * (below - below * below / (2 * ROTATION_BELOW))
    response = np.empty(len(frequencies), np.complex64)
    response.real, response.imag = np.cos(phase), np.sin(phase)
    return response


def _lame_scale(bitrate: int) -> float:
    return next((scale for top, scale in LAME_SCALE if bitrate <= top), 1.0)


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
