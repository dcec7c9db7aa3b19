"""Settings: `[tool.audio-edition]` in the working folder's pyproject.toml, then environment
variables (`AUDIO_EDITION_<NAME>`), then CLI flags. Every setting has a default."""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
import re
import sys
import typing
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from audio.errors import SettingsError

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ENV_PREFIX = "AUDIO_EDITION_"
TABLE = "audio-edition"


@dataclass(frozen=True)
class Settings:
    # The podcast as a whole.
    podcast_title: str = "Kommentare zum Hören"
    podcast_description: str = "Kommentare, vorgelesen als Audio-Ausgabe."
    author: str = "Redaktion"
    owner_name: str = ""
    owner_email: str = ""
    base_url: str = ""
    language: str = "de"
    copyright: str = ""
    """The copyright line of the feed, the site and the tags (copyright_line)."""
    website: str = ""
    """The podcast's home page (the channel link). Default: the generated site at base_url."""
    category: str = "News"
    subcategory: str = "News Commentary"
    """Apple Podcasts category and subcategory, exactly as Apple spells them; "" for none."""
    explicit: bool = False
    podcast_type: str = "episodic"
    """itunes:type: "episodic" (newest first) or "serial" (in order)."""
    podcast_locked: bool = True
    """podcast:locked: other hosting platforms should refuse to import the feed."""
    publisher: str = ""
    """ID3 TPUB, and who holds the copyright (copyright_line). Default: author."""
    cover: Path | None = None
    """A square RGB JPEG or PNG of 1400–3000 px. Default: one drawn from the podcast's title."""

    # Speech. engine: auto (gtts when Google answers, else espeak), gtts, espeak or piper.
    engine: str = "auto"
    lexicon: Path | None = None

    # espeak-ng, the offline voice. Rate and word gap were chosen by how many words a speech
    # recognizer gets back (docs/intelligibility.md); espeak-ng's own are 175 and 0.
    espeak_voice: str = "de"  # voice with an optional variant, e.g. de+m3
    espeak_rate: int = 115  # words per minute
    espeak_pitch: int = 50  # 0 to 100
    espeak_word_gap: int = 6  # extra pause between words, in units of 10 ms

    # gTTS, Google's online voice.
    gtts_tld: str = "de"  # the host is translate.google.<gtts_tld>
    gtts_slow: bool = False
    gtts_tempo: float = 1.0  # speed factor after synthesis, pitch kept; 0.5 to 2
    gtts_concurrency: int = 4  # requests in flight at once
    gtts_rate_limit: float = 20.0  # requests started per second, at most
    gtts_retries: int = 5  # further tries after a 429, a 5xx or a lost connection
    gtts_timeout: float = 15.0  # seconds to wait for one answer

    # piper, the optional neural offline voice (pip install audio-edition[piper]).
    piper_model: Path | None = None  # the voice model .onnx, its .onnx.json beside it
    piper_length_scale: float | None = None  # above 1 speaks slower; unset: the model's own
    piper_noise_scale: float | None = None  # generator noise; unset: the model's own
    piper_noise_w: float | None = None  # phoneme width noise; unset: the model's own

    # The cache of takes, narrated and encoded segments and the drawn cover; cache_dir unset means
    # the user's cache folder (platformdirs).
    cache: bool = True
    cache_dir: Path | None = None

    # Silence after each unit of text, in seconds.
    pause_sentence: float = 0.45
    pause_paragraph: float = 0.9
    pause_section: float = 1.4

    # Audio. The podcast rendition is what the feed and the site publish; the smart-speaker
    # rendition follows Amazon's flash-briefing rules. Loudness in LUFS, true peak in dBTP,
    # bitrates in kbit/s (constant), sample rate in Hz (both renditions).
    podcast_rendition: bool = True
    loudness: float = -16.0
    true_peak: float = -1.0
    bitrate: int = 96
    speaker_rendition: bool = True
    speaker_loudness: float = -14.0
    speaker_true_peak: float = -2.0
    speaker_bitrate: int = 256
    sample_rate: int = 44100
    # Audio files played before and after the narration, faded under the voice.
    intro_music: Path | None = None
    outro_music: Path | None = None

    # Web pages and feeds (RSS, Atom) that `audio-edition import` reads when given no source, and
    # `audio-edition build --import` before it builds.
    sources: tuple[str, ...] = ()

    # Where things are, where they go, and what of it is read.
    articles: Path = Path("articles")
    output: Path = Path("output")
    deploy: str = ""
    """Where `deploy` puts the output folder: s3://BUCKET/PREFIX, sftp://USER@HOST/PATH,
    webdav+https://HOST/PATH, an rclone remote NAME:PATH or a folder (audio/hosting/deploy)."""
    max_article_size: int = 200_000
    """Bytes: a larger article file is refused before it is read (a commentary is 3 to 10 kB;
    200 kB are about four hours of speech)."""
    allow_outside_links: bool = False
    """Read symbolic links in the articles folder that lead out of it."""

    def replace(self, **changes: Any) -> Settings:
        """A copy with `changes` applied; None values mean "not given" and change nothing."""
        given = {k: v for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **_coerce_all(given, origin="option"))

    @property
    def feed_url(self) -> str:
        return self.url_for("feed.xml")

    def copyright_line(self, year: int | None) -> str:
        """The one copyright line of the feed, the site and the MP3s' tags: the copyright
        setting, else "© <year> <publisher>", the year that of the newest edition it covers."""
        if self.copyright:
            return self.copyright
        holder = self.publisher or self.author
        return f"© {year} {holder}" if year else f"© {holder}"

    def url_for(self, relative: str) -> str:
        """The absolute public URL of a file published under `output/`."""
        return self.base_url.rstrip("/") + "/" + relative.lstrip("/")


def load_settings(folder: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Settings for a build run from `folder` (default: the current working folder)."""
    folder = Path.cwd() if folder is None else folder
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    pyproject = settings_file(folder)
    if pyproject.is_file():
        values.update(_coerce_all(_read_table(pyproject), origin=str(pyproject), base=folder))
    from_env = {
        key[len(ENV_PREFIX) :].lower(): value
        for key, value in environ.items()
        if key.startswith(ENV_PREFIX)
    }
    values.update(_coerce_all(from_env, origin="environment", base=folder, prefix=ENV_PREFIX))
    return Settings(**values)


def settings_file(folder: Path | None = None) -> Path:
    """The file load_settings reads the settings of `folder` (default: the working folder) from."""
    return (Path.cwd() if folder is None else folder) / "pyproject.toml"


def _read_table(pyproject: Path) -> dict[str, Any]:
    try:
        with pyproject.open("rb") as handle:
            document = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"{pyproject}: cannot read settings: {error}") from error
    table = document.get("tool", {}).get(TABLE, {})
    if not isinstance(table, dict):
        raise SettingsError(f"{pyproject}: [tool.{TABLE}] must be a table")
    return {key.replace("-", "_"): value for key, value in table.items()}


_TYPES = typing.get_type_hints(Settings)
_SIZES = frozenset({"max_article_size"})
"""Settings in bytes, which may also be written as sizes ("500kB")."""
_UNITS = {"": 1, "B": 1, "K": 10**3, "KB": 10**3, "M": 10**6, "MB": 10**6, "G": 10**9, "GB": 10**9}


def parse_size(text: str) -> int:
    """Bytes in "500MB", "1.5 GB", "0"."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", text)
    unit = match.group(2).upper() if match else ""
    if not match or unit not in _UNITS:
        raise SettingsError(f"{text!r} is not a size; write e.g. 500MB or 2GB")
    return int(float(match.group(1)) * _UNITS[unit])


def _coerce_all(
    values: dict[str, Any], origin: str, base: Path | None = None, prefix: str = ""
) -> dict[str, Any]:
    known = {f.name for f in fields(Settings)}
    coerced = {}
    for key, value in values.items():
        if key not in known:
            hint = difflib.get_close_matches(key, known, n=1)
            suggestion = f" (did you mean {prefix}{hint[0]}?)" if hint else ""
            raise SettingsError(f"{origin}: unknown setting {prefix}{key}{suggestion}")
        coerced[key] = _coerce(key, value, origin, base)
    return coerced


def _coerce(key: str, value: Any, origin: str, base: Path | None) -> Any:
    wanted = _TYPES[key]
    if typing.get_origin(wanted) is tuple:
        return _to_strings(key, value, origin)
    target = next((t for t in typing.get_args(wanted) if t is not type(None)), wanted)
    if value is None or (isinstance(value, str) and value == "" and target is Path):
        return None
    if key in _SIZES and isinstance(value, str):
        try:
            return parse_size(value)
        except SettingsError as error:
            raise SettingsError(f"{origin}: setting {key}: {error}") from None
    kind, convert = _CONVERTERS[target]
    try:
        converted = convert(value)
    except (TypeError, ValueError):
        raise SettingsError(f"{origin}: setting {key} = {value!r} is not {kind}") from None
    if target is Path and base is not None and not converted.is_absolute():
        return base / converted
    return converted


def _to_strings(key: str, value: Any, origin: str) -> tuple[str, ...]:
    """A list of strings from TOML, or one string of them separated by white space (an
    environment variable)."""
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return tuple(item.strip() for item in value if item.strip())
    raise SettingsError(f"{origin}: setting {key} = {value!r} is not a list of strings")


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).strip().lower()
    if text in {"1", "true", "yes", "on", "ja"}:
        return True
    if text in {"0", "false", "no", "off", "nein"}:
        return False
    raise ValueError(value)


def _to_int(value: Any) -> int:
    """A whole number as TOML writes it, or as text (the environment): never a bool or a
    fraction cut off."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(_text(value).strip())


def _to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise TypeError(value)
    number = float(value) if isinstance(value, (int, float)) else float(_text(value))
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _to_path(value: Any) -> Path:
    if not isinstance(value, (str, Path)):
        raise TypeError(value)
    return Path(value).expanduser()


def _text(value: Any) -> str:
    """`value` if it is text; a list, a number or a table where text belongs is a mistake that
    str() would hide ("[1, 2]" as the podcast's title)."""
    if not isinstance(value, str):
        raise TypeError(value)
    return value


_CONVERTERS: dict[type, tuple[str, Callable[[Any], Any]]] = {
    bool: ("true or false", _to_bool),
    int: ("a whole number", _to_int),
    float: ("a finite number", _to_float),
    str: ("text in quotes", _text),
    Path: ("a path in quotes", _to_path),
}
"""What a setting of each type must be, said in its message, and how it is read."""
