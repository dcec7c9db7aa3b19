"""What must be done for each article: digests of everything an edition is built from, compared
with what the manifest recorded.

Settings fall into groups by what a change to them invalidates. A setting added to `Settings` must
be put into one of the groups below (a test insists): when in doubt, AUDIO, which is always correct
and only costs time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audio import __version__, fingerprints
from audio.builds.manifest import Inputs, Manifest, Record
from audio.inputs import file_digest
from audio.settings import Settings

# Change the sound: synthesize again. The podcast title is spoken in the outro.
AUDIO = frozenset(
    {
        "engine",
        "lexicon",
        "pause_sentence",
        "pause_paragraph",
        "pause_section",
        "bitrate",
        "sample_rate",
        "podcast_title",
        "podcast_rendition",
        "loudness",
        "true_peak",
        "speaker_rendition",
        "speaker_loudness",
        "speaker_true_peak",
        "speaker_bitrate",
        "intro_music",
        "outro_music",
    }
)
# Written into the MP3s' tags: tag a copy again, no synthesis.
TAGS = frozenset({"author", "copyright", "publisher", "cover"})
# Only in the feeds and on the site: publish again.
PUBLISHING = frozenset(
    {
        "podcast_description",
        "owner_name",
        "owner_email",
        "base_url",
        "language",
        "website",
        "category",
        "subcategory",
        "explicit",
        "podcast_type",
        "podcast_locked",
    }
)
# Read by the engine in use, whose identity (part of the audio digest) names every one of them
# that changes its sound; the others (the synthesis cache, how gTTS paces requests) change nothing.
ENGINE = frozenset(
    {
        "espeak_voice",
        "espeak_rate",
        "espeak_pitch",
        "espeak_word_gap",
        "gtts_tld",
        "gtts_slow",
        "gtts_tempo",
        "gtts_concurrency",
        "gtts_rate_limit",
        "gtts_retries",
        "gtts_timeout",
        "piper_model",
        "piper_length_scale",
        "piper_noise_scale",
        "piper_noise_w",
        "cache",
        "cache_dir",
    }
)
# Where things are, come from and go to, and which files may be read: moving a folder, importing
# from other web sources (the article files they give are digested themselves) or deploying
# elsewhere changes no edition.
LOCATIONS = frozenset(
    {"articles", "output", "sources", "deploy", "max_article_size", "allow_outside_links"}
)


@dataclass(frozen=True)
class Digests:
    """What the current settings and engine would build with."""

    audio: str
    tags: str
    publishing: str
    wanted_audio: str | None = None
    """While an offline stand-in narrates for gTTS (engine auto, Google away): the audio digest
    with gTTS. Editions gTTS made are kept rather than narrated again by the stand-in."""

    @classmethod
    def of(
        cls, settings: Settings, engine_identity: str, wanted_identity: str | None = None
    ) -> Digests:
        audio_code, tags_code = fingerprints.digest("audio"), fingerprints.digest("tags")
        wanted = wanted_identity if wanted_identity != engine_identity else None
        return cls(
            audio=_settings_digest(settings, AUDIO, engine=engine_identity, code=audio_code),
            tags=_settings_digest(settings, TAGS, code=tags_code),
            publishing=_settings_digest(
                settings,
                TAGS | PUBLISHING | AUDIO,
                code=audio_code + tags_code + fingerprints.digest("publishing"),
            ),
            wanted_audio=wanted
            and _settings_digest(settings, AUDIO, engine=wanted, code=audio_code),
        )

    def inputs(self, content: str) -> Inputs:
        return Inputs(content=content, audio=self.audio, tags=self.tags)


ROTTEN = "a published file no longer holds what its name's digest says"


@dataclass
class Plan:
    unchanged: dict[str, Record] = field(default_factory=dict)
    retag: dict[str, Record] = field(default_factory=dict)
    build: dict[str, Path] = field(default_factory=dict)
    """Article files to build, by file name."""
    content: dict[str, str] = field(default_factory=dict)
    """Digest of every article file read, by file name."""
    removed: dict[str, Record] = field(default_factory=dict)
    """Editions whose article is gone from the articles folder."""
    why: dict[str, str] = field(default_factory=dict)
    """Why an article is built again, for the verbose output."""


def plan(
    sources: list[Path],
    manifest: Manifest,
    digests: Digests,
    output: Path,
    force: bool,
    verify: bool = False,
) -> Plan:
    """Sort every article into unchanged, to be re-tagged, or to be built. An edition whose
    files are not all there at their size is built again; with `verify`, also one whose files no
    longer hold the content their names' digests say. An edition to be re-tagged is always
    verified: its MP3s are copied, and bit rot must not be copied into a new file."""
    result = Plan()
    names = {source.name for source in sources}
    for source in sources:
        name = source.name
        try:
            content = file_digest(source)
        except OSError:
            # Unreadable: the build reads it again and reports the problem with the file.
            content = ""
        result.content[name] = content
        record = manifest.records.get(name)
        reason = _build_reason(record, content, digests, output, force)
        retag = record is not None and record.inputs.tags != digests.tags
        if not reason and record is not None and (verify or retag):
            reason = None if record.unspoiled(output) else ROTTEN
        if reason:
            result.build[name] = source
            result.why[name] = reason
        elif record is not None and retag:
            result.retag[name] = record
        elif record is not None:
            result.unchanged[name] = record
    result.removed = {n: r for n, r in manifest.records.items() if n not in names}
    return result


def _build_reason(
    record: Record | None, content: str, digests: Digests, output: Path, force: bool
) -> str | None:
    if force:
        return "forced"
    if record is None:
        return "new"
    if record.inputs.content != content:
        return "article changed"
    if record.inputs.audio not in (digests.audio, digests.wanted_audio):
        if record.edition.get("fallback"):
            return "narrated by the offline stand-in; now by the engine asked for"
        return "speech settings or engine changed"
    if not record.intact(output):
        return "files missing or changed"
    return None


def _settings_digest(settings: Settings, names: frozenset[str], **extra: str) -> str:
    values = {name: _comparable(getattr(settings, name)) for name in sorted(names)}
    values.update(extra, version=__version__)
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=repr).encode()).hexdigest()


def _comparable(value: Any) -> Any:
    """A setting as JSON; a file by its content, since a lexicon or cover changes in place."""
    if isinstance(value, Path):
        try:
            return "sha256:" + file_digest(value)
        except OSError:
            return f"missing:{value}"
    return value
