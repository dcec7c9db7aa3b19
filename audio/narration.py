"""Script → timeline, a segment at a time, the segments narrated before taken from the cache.

The script is cut into segments before anything is synthesized (audio/segments.py cuts by the
sentences' length in characters), so a segment narrated before with the same sentences, pauses,
voice and code is taken from the cache exactly as it was laid out then, and only the sentences of
the other segments go to the engine. An edited paragraph costs the synthesis of its own segment,
and the samples of the others stay as they were published: the encoded MP3 segments keyed by
those samples (audio/master.py) are found again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from audio.cache import NarrationCache
from audio.engines import Engine
from audio.ffmpeg import AudioSegment
from audio.render import Assembly, Narrated, Timeline
from audio.script import Script
from audio.segments import Cutting


def narrate_script(
    script: Script, engine: Engine, cutting: Cutting, cache: NarrationCache | None = None
) -> Timeline:
    """The script read by `engine`, segment by segment."""
    sentences = script.sentences
    runs = cutting.runs(sentences)
    found = {}
    keys: list[str] = []
    if cache is not None:
        from audio.staleness import code_digest

        code = code_digest(("engines", "render.py", "segments.py", "narration.py"))
        keys = [_key(script, runs, index, engine, cutting, code) for index in range(len(runs))]
        found = {index: hit for index, key in enumerate(keys) if (hit := cache.get(key))}
    takes = _synthesize(engine, script, [run for i, run in enumerate(runs) if i not in found])
    rate = next((take.frame_rate for take in takes.values() if len(take)), None)
    if rate is None:
        rate = next((audio.frame_rate for audio, _ in found.values()), 22050)
    # Samples at another rate could not be joined; their sentences are said again.
    stale = [index for index, (audio, _) in found.items() if audio.frame_rate != rate]
    takes.update(_synthesize(engine, script, [runs[index] for index in stale]))
    assembly = Assembly(script, rate, cutting)
    for index, run in enumerate(runs):
        hit = found.get(index)
        if hit is not None and index not in stale:
            audio, cues = hit
            narrated = Narrated(audio.raw_data, rate, tuple(cues))
        else:
            # Each take is let go once laid out: the takes and the timeline never both hold
            # the whole programme.
            narrated = assembly.lay_out(index, [takes.pop(number) for number in run])
            if cache is not None:
                segment = AudioSegment(
                    data=narrated.data, sample_width=2, frame_rate=rate, channels=1
                )
                cache.put(keys[index], segment, narrated.cues)
        assembly.add(index, narrated)
    return assembly.timeline()


def _synthesize(engine: Engine, script: Script, runs: Sequence[range]) -> dict[int, AudioSegment]:
    """Takes of the sentences in `runs`, by sentence number; the engine is not asked for none."""
    numbers = [number for run in runs for number in run]
    if not numbers:
        return {}
    spoken = [script.sentences[number].spoken for number in numbers]
    return dict(zip(numbers, engine.synthesize(spoken), strict=True))


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
