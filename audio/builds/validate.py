"""Settings are checked once, before a build touches anything: a mistake there would otherwise
surface halfway through, after minutes of synthesis.

Each check takes the settings and yields problems, each a sentence that names the setting. A module
that adds settings adds its check to CHECKS; a check that needs a heavy library imports it inside
the function, so that a build with nothing to do stays fast.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from audio.errors import SettingsError
from audio.inputs import open_regular
from audio.mastering.mp3format import MP3_BITRATES
from audio.settings import Settings


def check_base_url(settings: Settings) -> Iterator[str]:
    if not settings.base_url:
        yield (
            'base_url is not set: add base_url = "https://…/" under [tool.audio-edition] '
            "in pyproject.toml, or pass --base-url"
        )
        return
    yield from _web_address("base_url", settings.base_url)
    if settings.website:
        # The feed's channel link: a javascript: address there runs in whatever shows it.
        yield from _web_address("website", settings.website)


def _web_address(name: str, address: str) -> Iterator[str]:
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        yield f"{name} {address!r} is not an http(s) address like https://example.org/"


def check_engine(settings: Settings) -> Iterator[str]:
    from audio.voice.engines import ENGINE_NAMES

    if settings.engine not in ENGINE_NAMES:
        yield f"engine {settings.engine!r} is unknown; choose one of {', '.join(ENGINE_NAMES)}"


def check_voices(settings: Settings) -> Iterator[str]:
    from audio.voice.engines import voice_problems

    yield from voice_problems(settings)


def check_mp3(settings: Settings) -> Iterator[str]:
    rates = MP3_BITRATES.get(settings.sample_rate)
    if rates is None:
        known = ", ".join(str(rate) for rate in sorted(MP3_BITRATES))
        yield f"sample_rate {settings.sample_rate} Hz is not an MP3 sample rate ({known})"
    elif settings.bitrate not in rates:
        yield (
            f"bitrate {settings.bitrate} kbps is not an MP3 bitrate at {settings.sample_rate} Hz; "
            f"choose one of {', '.join(map(str, rates))}"
        )


def check_renditions(settings: Settings) -> Iterator[str]:
    if not (settings.podcast_rendition or settings.speaker_rendition):
        yield "podcast_rendition and speaker_rendition are both off: there is nothing to publish"
    rates = MP3_BITRATES.get(settings.sample_rate, ())
    if rates and settings.speaker_bitrate not in rates:
        yield (
            f"speaker_bitrate {settings.speaker_bitrate} kbps is not an MP3 bitrate at "
            f"{settings.sample_rate} Hz; choose one of {', '.join(map(str, rates))}"
        )
    for name in ("loudness", "speaker_loudness"):
        if not -30 <= getattr(settings, name) <= -5:
            yield f"{name} = {getattr(settings, name)} LUFS is outside -30 to -5 LUFS"
    for name in ("true_peak", "speaker_true_peak"):
        if not -10 <= getattr(settings, name) <= 0:
            yield f"{name} = {getattr(settings, name)} dBTP is outside -10 to 0 dBTP"
    for name in ("intro_music", "outro_music"):
        music = getattr(settings, name)
        if music is not None and (problem := _unreadable(music)):
            yield f"{name} {music} {problem}"


def check_cover(settings: Settings) -> Iterator[str]:
    if settings.cover is not None:
        # Pillow and numpy: only when there is a cover to look at.
        from audio.edition.cover import check_cover

        try:
            check_cover(settings.cover)
        except SettingsError as error:
            yield f"cover {error}"


def check_pauses(settings: Settings) -> Iterator[str]:
    for name in ("pause_sentence", "pause_paragraph", "pause_section"):
        seconds = getattr(settings, name)
        if not 0 <= seconds <= 10:
            yield f"{name} = {seconds} s is outside 0–10 s"


def check_podcast(settings: Settings) -> Iterator[str]:
    from audio.publish.apple import apple_problems

    yield from apple_problems(settings)


def check_lexicon(settings: Settings) -> Iterator[str]:
    from audio.text.speech import load_lexicon

    if settings.lexicon is not None and (problem := _unreadable(settings.lexicon)):
        yield f"lexicon {settings.lexicon} {problem}"
    elif settings.lexicon is not None:
        try:
            load_lexicon(settings.lexicon)
        except SettingsError as error:
            yield str(error)


def check_sources(settings: Settings) -> Iterator[str]:
    for source in settings.sources:
        parts = urlsplit(source)
        if (parts.scheme in ("http", "https") and parts.netloc) or parts.scheme == "file":
            continue
        if len(parts.scheme) > 1 or parts.scheme in ("http", "https"):
            yield (
                f"sources: {source!r} is neither an http(s) address like "
                "https://example.org/feed.xml nor a file"
            )


def check_articles(settings: Settings) -> Iterator[str]:
    if settings.max_article_size < 1000:
        yield (
            f"max_article_size = {settings.max_article_size} bytes: an article must be allowed "
            "at least 1 kB"
        )


def check_output(settings: Settings) -> Iterator[str]:
    """The output folder, or the folder it will be made in, must be a folder that can be
    written: found here, not as a traceback from the lock or the staging folder."""
    output = settings.output
    existing = next((folder for folder in (output, *output.parents) if folder.exists()), None)
    if existing is None:
        return
    if not existing.is_dir():
        where = "" if existing == output else f" ({existing} is in its path)"
        yield f"output {output}: a file, not a folder{where}"
    elif not os.access(existing, os.W_OK):
        why = "the file system is read-only" if _read_only(existing) else "permission denied"
        yield f"output {output} cannot be written: {why} ({existing})"


def _read_only(folder: Path) -> bool:
    if not hasattr(os, "statvfs"):  # Windows
        return False
    return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)


def _unreadable(path: Path) -> str | None:
    """Why the file a setting names cannot be read ("does not exist", "is a folder, not a
    file"), or None."""
    try:
        open_regular(path).close()
    except FileNotFoundError:
        return "does not exist"
    except OSError as error:
        return str(error.strerror or error)
    return None


def check_text(settings: Settings) -> Iterator[str]:
    """Every text setting goes into the feed or the site, which are XML: a character XML cannot
    carry would make them unwritable after the editions were built."""
    from audio.text.xmlchars import illegal_characters

    for field in dataclasses.fields(settings):
        value = getattr(settings, field.name)
        if isinstance(value, str) and (found := illegal_characters(value)):
            yield (
                f"{field.name} holds characters XML cannot carry ({', '.join(found)}), "
                "and the feed and the site are XML: remove them"
            )


CHECKS: tuple[Callable[[Settings], Iterable[str]], ...] = (
    check_base_url,
    check_engine,
    check_voices,
    check_mp3,
    check_renditions,
    check_cover,
    check_pauses,
    check_lexicon,
    check_podcast,
    check_sources,
    check_articles,
    check_output,
    check_text,
)


def validate(settings: Settings) -> None:
    """Raise one SettingsError listing every problem, or return when there is none."""
    problems = [problem for check in CHECKS for problem in check(settings)]
    if len(problems) == 1:
        raise SettingsError(problems[0])
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        raise SettingsError(f"the settings have problems:\n{listed}")
