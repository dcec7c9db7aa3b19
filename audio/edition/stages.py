"""The stages of one edition: read → script → synthesize → assemble → master → tag, and its
transcripts. audio/builds/build.py decides when each runs."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import shutil
import stat
import subprocess
import tempfile
import warnings
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from mutagen.mp3 import MP3

from audio import crashpoints
from audio.edition.cover import embedded_cover
from audio.edition.model import Edition, edition_file, edition_guid, page_path
from audio.edition.tags import write_tags
from audio.edition.transcripts import chapters_json, srt, transcript_json, webvtt
from audio.edition.verify import verify_edition, verify_image
from audio.errors import AudioEditionError, AudioError, EngineError
from audio.files import temporary_file, write_text
from audio.mastering.master import Analyses, Mastered, analysing, master, mastering
from audio.mastering.mp3format import frame_samples
from audio.mastering.music import add_music
from audio.mastering.renditions import (
    PODCAST,
    SPEAKER,
    file_suffix,
    podcast_rendition,
    renditions,
)
from audio.mastering.segment_cache import segment_cache
from audio.settings import Settings
from audio.text.article import Article
from audio.text.calendar import NEWSROOM_TZ
from audio.text.readers import read_article
from audio.text.script import build_script
from audio.voice.cutting import Cutting
from audio.voice.engines import Engine, fallback_warning, open_engine
from audio.voice.ffmpeg import ffmpeg_exe
from audio.voice.narration import Laid, narrate_script, narration_cache
from audio.voice.timeline import Timeline


def narrate(
    article: Article,
    settings: Settings,
    engine: Engine,
    scratch: Path | None = None,
    laid: Laid | None = None,
) -> Timeline:
    """The article read aloud: one timeline with every sentence's place in it. With `scratch`
    (a temporary folder) its samples are kept in a file there, not in memory; `laid` hears of
    each segment the engine read as soon as it lies there."""
    script = build_script(article, settings)
    cutting, cache = cutting_for(settings), narration_cache(settings)
    try:
        return narrate_script(script, engine, cutting, cache, scratch, laid)
    except EngineError as error:
        raise EngineError(f"{article.source}: {error}") from error


RENDERED = (".mp3", ".wav")
"""What `render` writes: the podcast rendition as a built edition's MP3, or decoded to WAV."""


def render_file(
    source: Path,
    target: Path,
    settings: Settings,
    warn: Callable[[str], None] | None = None,
    wav: Path | None = None,
) -> Timeline:
    """One article to one file outside any published folder: the podcast rendition with the
    tags and chapters a built edition's MP3 has (`target` ending in .mp3), or that MP3 decoded
    to 16-bit PCM, the sound listeners get (.wav). `warn` hears that `auto` took the offline
    voice (default: a Python warning). `wav`: also the same narration before mastering, as the
    engine made it, for an audio editor (or the intelligibility bench)."""
    _check_output(target, RENDERED)
    if wav is not None:
        _check_output(wav, (".wav",))
    article = read_article(source, settings)
    engine = open_engine(settings.engine, settings)
    if warning := fallback_warning(engine):
        (warn or functools.partial(warnings.warn, stacklevel=2))(warning)
    published = article.published or datetime.now(NEWSROOM_TZ).replace(microsecond=0)
    with narrated(article, settings, engine) as timeline:
        if wav is not None:
            with _output(wav) as temporary:
                timeline.samples.write_wav(temporary)
        draft = _draft(article, timeline, engine, published)
        with _output(target) as temporary:
            if target.suffix.lower() == ".mp3":
                _tagged_mp3(timeline, draft, settings, temporary)
            else:
                with temporary_file(target.parent, f"{target.stem}.mp3") as mp3:
                    _tagged_mp3(timeline, draft, settings, mp3)
                    decode_to_wav(mp3, temporary)
    return timeline


def _check_output(target: Path, suffixes: tuple[str, ...]) -> None:
    """Refuse, before any work, a file name `render` would write the wrong format under, and
    anything but a regular file to replace: a rename would put a file in the place of a device,
    a symbolic link or a pipe."""
    if target.suffix.lower() not in suffixes:
        raise AudioEditionError(
            f"{target}: render writes {' or '.join(suffixes)} files; name the file with "
            f"{'one of these suffixes' if len(suffixes) > 1 else 'this suffix'}"
        )
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise AudioEditionError(f"{target}: cannot write here: {error.strerror}") from error
    if not stat.S_ISREG(mode):
        raise AudioEditionError(
            f"{target} is {_kind_of(mode)}; render writes only regular files: name another file"
        )


def _kind_of(mode: int) -> str:
    kinds = (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((kind for test, kind in kinds if test(mode)), "no regular file")


@contextlib.contextmanager
def _output(target: Path) -> Iterator[Path]:
    """A temporary file beside `target`, renamed onto it if the block succeeds and `target` is
    still a regular file or none (something may have taken its place in the meantime)."""
    with temporary_file(target.parent, target.name) as temporary:
        yield temporary
        _check_output(target, (target.suffix.lower(),))
        os.replace(temporary, target)


def _tagged_mp3(timeline: Timeline, draft: Edition, settings: Settings, path: Path) -> None:
    for result in master(timeline, [(podcast_rendition(settings), path)]):
        _held(result, draft.source)
    _tag(path, draft, settings, embedded_cover(settings))


def _tag(mp3: Path, draft: Edition, settings: Settings, cover: bytes | None) -> Edition:
    """Tag `mp3` as the edition `draft`; the edition with the MP3's own duration."""
    tagged = dataclasses.replace(draft, duration=MP3(mp3).info.length)
    write_tags(mp3, tagged, settings, cover)
    return tagged


def decode_to_wav(mp3: Path, wav: Path) -> None:
    """The MP3 as 16-bit PCM WAV, its encoder delay and padding left out (the LAME tag names
    them); its title, author, album, date and copyright in the WAV's INFO chunk."""
    command = [ffmpeg_exe(), "-v", "error", "-nostdin", "-y", "-i", str(mp3), "-map", "0:a"]
    done = subprocess.run(
        [*command, "-c:a", "pcm_s16le", "-f", "wav", str(wav)], capture_output=True, check=False
    )
    if done.returncode != 0:
        problem = done.stderr.decode(errors="replace").strip() or f"exit {done.returncode}"
        raise AudioError(f"{wav}: ffmpeg could not write the WAV: {problem}")


def build_edition(
    article: Article,
    settings: Settings,
    engine: Engine,
    folder: Path,
    published: datetime,
    report: Callable[[str], None] = lambda stage: None,
    guid: str | None = None,
) -> Edition:
    """Every file of one edition, written below `folder` as they will lie in the output folder,
    each verified before the edition is returned (audio/edition/verify.py).

    `published` is the article's date, or for an undated article the time it was first built.
    `report` hears when the narration is over (the engine tells of each batch it reads).
    `guid`: the GUID of the edition the article continues; a new one when None.
    """
    # Scratch files lie in the staging folder: what a killed build leaves there goes with it.
    with (
        analysing(folder, settings.sample_rate) as analyses,
        narrated(article, settings, engine, folder, analyses.ahead) as timeline,
    ):
        report("mastering and encoding")
        draft = _draft(article, timeline, engine, published, guid)
        # Written when the build publishes; named so the manifest counts it as the edition's.
        draft = dataclasses.replace(draft, files={"page": page_path(article.slug)})
        files = _write_transcripts(timeline, draft, settings, folder)
        edition = _write_renditions(timeline, draft, settings, folder, analyses)
        report("verifying")
        verify_edition(edition, folder, timeline, embedded_cover(settings))
        return dataclasses.replace(edition, files={**edition.files, **files})


def _draft(
    article: Article,
    timeline: Timeline,
    engine: Engine,
    published: datetime,
    guid: str | None = None,
) -> Edition:
    """The edition of `article` before any of its files is written; `guid`: the one of the
    edition it continues (audio/builds/identity.py), else one of its own."""
    return Edition(
        guid=guid or edition_guid(article, published),
        slug=article.slug,
        source=article.source.name,
        title=article.title,
        author=article.author,
        published=published,
        teaser=article.teaser,
        sections=article.sections,
        url=article.url,
        audio="",
        size=0,
        duration=timeline.duration,
        engine=engine.identity,
        fallback=engine.fallback is not None,
        voice=engine.voice,
        chapters=timeline.chapters,
    )


def cutting_for(settings: Settings) -> Cutting:
    """Where the narration is cut: whole frames of the MP3s at the settings' sample rate."""
    return Cutting(settings.sample_rate, frame_samples(settings.sample_rate))


@contextlib.contextmanager
def narrated(
    article: Article,
    settings: Settings,
    engine: Engine,
    within: Path | None = None,
    laid: Laid | None = None,
) -> Iterator[Timeline]:
    """The article read aloud, with its music; the samples lie in a temporary folder (below
    `within`, else the system's), removed when the block is left, also on an error (a long
    article's PCM is more than a build may hold in memory, docs/performance.md)."""
    with tempfile.TemporaryDirectory(prefix="audio-edition-", dir=within) as scratch:
        timeline = narrate(article, settings, engine, Path(scratch), laid)
        yield add_music(timeline, settings.intro_music, settings.outro_music, settings.sample_rate)


def _write_renditions(
    timeline: Timeline, draft: Edition, settings: Settings, folder: Path, analyses: Analyses
) -> Edition:
    """Master, encode and tag every rendition that is switched on and fits its length limit
    (publish/flash.py warns about an edition too long for smart speakers). The podcast rendition
    is `Edition.audio`; the others are in `Edition.files` under their kind."""
    wanted = [r for r in renditions(settings) if r.fits(timeline.duration)]
    edition = draft
    files: dict[str, str] = {}
    within = folder / draft.slug
    with contextlib.ExitStack() as stack:
        temporaries = [stack.enter_context(temporary_file(within, r.suffix)) for r in wanted]
        cache = stack.enter_context(segment_cache(settings, folder))
        with mastering(
            timeline,
            list(zip(wanted, temporaries, strict=True)),
            cache,
            analyses=analyses,
            edition=draft.guid,
        ) as results:
            # Drawn (the first time in this process) while the encoders run on the pool.
            cover = embedded_cover(settings)
        for result in results:
            _held(result, draft.source)
        for rendition, temporary in zip(wanted, temporaries, strict=True):
            tagged = _tag(temporary, draft, settings, cover)
            relative = _place(temporary, folder, draft.slug, rendition.suffix)
            if rendition.kind == PODCAST:
                size = (folder / relative).stat().st_size
                edition = dataclasses.replace(tagged, audio=relative, size=size)
            else:
                files[rendition.kind] = relative
    return dataclasses.replace(edition, files={**edition.files, **files})


def _held(result: Mastered, source: str) -> None:
    """Fail the edition of `source` (an article file) when a rendition's decoded MP3 misses its
    targets, as far as mastering could not correct it (audio/mastering/master.py)."""
    missed = result.rendition.missed(result.loudness, result.true_peak)
    if missed:
        raise AudioError(f"{source}: its {result.rendition.kind} MP3, decoded, {missed}")


def _place(temporary: Path, folder: Path, slug: str, suffix: str) -> str:
    """Move a finished file of the edition `slug` to its name in `folder`, which its content
    gives (`edition_file`); where it lies, relative to `folder`."""
    relative = edition_file(slug, suffix, temporary.read_bytes())
    crashpoints.point(f"write:{slug}{suffix}")
    os.replace(temporary, folder / relative)
    return relative


def _write_transcripts(
    timeline: Timeline, draft: Edition, settings: Settings, folder: Path
) -> dict[str, str]:
    """WebVTT, SRT, JSON transcript and JSON chapters beside the MP3; their paths by kind."""
    documents = {
        "vtt": (".vtt", webvtt(timeline.cues)),
        "srt": (".srt", srt(timeline.cues)),
        "transcript": (".transcript.json", transcript_json(timeline.cues)),
        "chapters": (
            ".chapters.json",
            chapters_json(
                timeline.chapters,
                title=draft.title,
                author=draft.author or settings.author,
                podcast=settings.podcast_title,
            ),
        ),
    }
    written = {}
    for kind, (suffix, text) in documents.items():
        relative = edition_file(draft.slug, suffix, text.encode())
        write_text(folder / relative, text)
        written[kind] = relative
    return written


def retag_edition(edition: Edition, settings: Settings, output: Path, folder: Path) -> Edition:
    """Copies of the edition's MP3s in `folder`, tagged from the current settings, each under the
    name its new content gives it: a change that touches only tags never synthesizes again, and
    never edits a published file in place. The audio is the published one, whose digest the build
    compared with its name (audio/builds/staleness.py): only the new cover is verified."""
    cover = embedded_cover(settings)
    verify_image(cover, f"{edition.source}: the cover in the MP3s' tags")
    audio, files = edition.audio, dict(edition.files)
    for kind, relative in ((PODCAST, edition.audio), (SPEAKER, edition.files.get(SPEAKER))):
        if not relative:
            continue
        with temporary_file(folder / edition.slug, file_suffix(kind)) as copy:
            shutil.copyfile(output / relative, copy)
            write_tags(copy, edition, settings, cover)
            placed = _place(copy, folder, edition.slug, file_suffix(kind))
        if kind == PODCAST:
            audio = placed
        else:
            files[kind] = placed
    size = (folder / audio).stat().st_size if audio else 0
    return dataclasses.replace(edition, audio=audio, files=files, size=size)
