"""Speech engines: each turns spoken sentences into audio, one take per sentence.

An engine is anything with a `name`, a `voice`, an `identity` (every option that changes the
sound, so that it can key a cache) and `synthesize(texts)`. Engines are opened by name; `auto`
is gTTS when Google answers and espeak-ng, the offline voice, when it does not.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from audio.errors import EngineError, SettingsError
from audio.settings import Settings
from audio.voice.engines.engine import Engine

ENGINE_NAMES = ("auto", "gtts", "espeak", "piper")
# Engines whose takes are worth keeping. espeak-ng's are not: it reads faster than its takes are
# written and read back, and they would cost megabytes of disk per version of an article
# (docs/engines.md).
CACHED_ENGINES = frozenset({"gtts", "piper"})


def open_engine(name: str, settings: Settings) -> Engine:
    """The engine `name` with its settings, behind the synthesis cache unless that is off."""
    if name not in ENGINE_NAMES:
        raise SettingsError(f"unknown engine {name!r}; choose one of {', '.join(ENGINE_NAMES)}")
    if problems := list(voice_problems(settings)):
        raise SettingsError("; ".join(problems))
    engine = _auto(settings) if name == "auto" else _open(name, settings)
    if settings.cache and engine.name in CACHED_ENGINES:
        from audio.cache import cache_folder
        from audio.voice.engines.cache import CachedEngine, TakeCache

        folder = cache_folder(settings)
        assert folder is not None
        return CachedEngine(engine, TakeCache(folder))
    return engine


# Ranges of the voice settings: what the engines accept and still sound like speech.
_RANGES: dict[str, tuple[float, float]] = {
    "espeak_rate": (80, 450),
    "espeak_pitch": (0, 100),
    "espeak_word_gap": (0, 100),
    "gtts_tempo": (0.5, 2.0),
    "gtts_concurrency": (1, 32),
    "gtts_rate_limit": (0, 1000),
    "gtts_retries": (0, 20),
    "gtts_timeout": (0.1, 600),
    "piper_length_scale": (0.1, 10),
    "piper_noise_scale": (0, 10),
    "piper_noise_w": (0, 10),
}


def voice_problems(settings: Settings) -> Iterator[str]:
    """Each voice setting outside what its engine takes, as a sentence naming it."""
    for name, (low, high) in _RANGES.items():
        value = getattr(settings, name)
        if value is not None and not low <= value <= high:
            yield f"{name} = {value} is outside {low:g} to {high:g}"


def _open(name: str, settings: Settings) -> Engine:
    if name == "gtts":
        from audio.voice.engines.gtts import GttsEngine

        return GttsEngine(
            tld=settings.gtts_tld,
            slow=settings.gtts_slow,
            tempo=settings.gtts_tempo,
            concurrency=settings.gtts_concurrency,
            rate_limit=settings.gtts_rate_limit,
            retries=settings.gtts_retries,
            timeout=settings.gtts_timeout,
        )
    if name == "piper":
        from audio.voice.engines.piper import PiperEngine

        return PiperEngine(
            settings.piper_model,
            length_scale=settings.piper_length_scale,
            noise_scale=settings.piper_noise_scale,
            noise_w=settings.piper_noise_w,
        )
    from audio.voice.engines.espeak import EspeakEngine

    return EspeakEngine(
        voice=settings.espeak_voice,
        rate=settings.espeak_rate,
        pitch=settings.espeak_pitch,
        word_gap=settings.espeak_word_gap,
    )


def _auto(settings: Settings) -> Engine:
    from audio.voice.engines.gtts import google_answers

    reason = google_answers(settings.gtts_tld)
    if reason is None:
        return _open("gtts", settings)
    engine = _open("espeak", settings)
    engine.fallback = reason
    return engine


def fallback_warning(engine: Engine) -> str | None:
    """What to tell the user when `auto` took the offline voice."""
    if engine.fallback is None:
        return None
    return (
        f"Google did not answer ({engine.fallback}); narrated offline with espeak-ng instead. "
        "The next build with Google reachable narrates it again with gTTS."
    )


def wanted_identity(settings: Settings) -> str:
    """The identity of the engine `settings.engine` asks for, as if Google answered: under
    `auto`, gTTS's. Editions it made are kept while an offline stand-in narrates."""
    name = "gtts" if settings.engine == "auto" else settings.engine
    return _open(name, settings).identity


@dataclass(frozen=True)
class EngineStatus:
    name: str
    voices: str
    problem: str | None
    """Why it cannot be used right now; None when it can."""


def engine_statuses(settings: Settings) -> list[EngineStatus]:
    """Each engine, its voices, and whether it can be used right now (gTTS asks Google)."""
    from audio.voice.engines.espeak import espeak_voices
    from audio.voice.engines.gtts import google_answers
    from audio.voice.engines.piper import INSTALL_HINT, piper_version

    statuses = []
    try:
        voices, variants = espeak_voices("de")
        shown = ", ".join(f"+{v}" for v in variants[:8])
        statuses.append(
            EngineStatus(
                "espeak",
                f"{', '.join(voices)} with a variant, e.g. {shown} … ({len(variants)} variants)",
                None if voices else "espeak-ng has no German voice",
            )
        )
    except EngineError as error:
        statuses.append(EngineStatus("espeak", "—", str(error)))
    statuses.append(
        EngineStatus(
            "gtts",
            f"de at translate.google.{settings.gtts_tld}",
            google_answers(settings.gtts_tld),
        )
    )
    model = settings.piper_model
    if piper_version() is None:
        problem: str | None = f"piper is not installed; {INSTALL_HINT}"
    elif model is None:
        problem = "no voice: set piper_model to a voice's .onnx file"
    elif not model.is_file():
        problem = f"{model}: no such voice model"
    else:
        problem = None
    statuses.append(EngineStatus("piper", str(model) if model else "—", problem))
    return statuses
