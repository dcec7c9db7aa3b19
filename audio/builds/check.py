"""`audio-edition check`: is a published folder whole? Every MP3 decodes and carries complete
tags at the loudness and under the true-peak ceiling it was mastered to, every feed parses, and
every file a feed, the flash briefing or the manifest names exists, at the length the feed
announces. A file named by its content must hold what its name's digest says.

A publication a killed build was switching in (audio/builds/journal.py) is checked as the
manifest describes it: a document the journal names is read where it is now, under its staged
name if its rename has not happened yet."""

from __future__ import annotations

import json
import math
import re
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

from audio.builds.journal import located
from audio.builds.manifest import MANIFEST, holds_its_digest, load_manifest
from audio.mastering.renditions import (
    LOUDNESS_TOLERANCE,
    SPEAKER,
    Rendition,
    podcast_rendition,
    speaker_rendition,
)
from audio.settings import Settings

ATOM = "{http://www.w3.org/2005/Atom}"
# Frames every edition's MP3 must carry; mutagen reads v2.3's TYER, TDAT and TIME as TDRC.
REQUIRED_TAGS = {"TIT2": "title", "TPE1": "author", "TALB": "album", "TDRC": "date"}
PEAK_TOLERANCE = 0.1
"""dB over the true-peak ceiling a file may read: the build holds its decoded MP3s under the
ceiling by its own meter, which reads high tones within 0.02 dB of ffmpeg's (docs/mastering.md)."""
# ffmpeg's own complaints; a truncated file only earns a warning that its length is off.
_DECODER_TROUBLE = re.compile(r"\[(?:error|fatal|warning)\] (.*)")
# The meter's figures as frame metadata, to the thousandth (its summary rounds to a tenth).
_INTEGRATED = re.compile(r"lavfi\.r128\.I=(-?[\d.]+|-inf)")
_TRUE_PEAK = re.compile(r"lavfi\.r128\.true_peak=([\d.]+)")
_METER = ",".join(
    (
        "ebur128=peak=true:framelog=verbose:metadata=1",
        "ametadata=mode=print:key=lavfi.r128.I",
        "ametadata=mode=print:key=lavfi.r128.true_peak",
    )
)


def targets(settings: Settings) -> dict[str, Rendition]:
    """What each MP3 of an edition was mastered to, by where the edition names it: "audio" (the
    podcast rendition), or its kind in `Edition.files`."""
    return {"audio": podcast_rendition(settings), SPEAKER: speaker_rendition(settings)}


@dataclass(frozen=True)
class Problem:
    path: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def check(output: Path, targets: dict[str, Rendition], jobs: int = 2) -> list[Problem]:
    """Every problem found in `output`; `targets` maps an edition's file kind ("audio" for the
    podcast rendition, else a key of Edition.files) to what it was mastered to."""
    manifest_path = output / MANIFEST
    if not manifest_path.is_file():
        return [Problem(output, "no manifest.json: this is not a published folder")]
    manifest = load_manifest(output)
    if not manifest.site:
        return [Problem(manifest_path, "cannot be read (damaged, or from another version)")]
    where = located(output, manifest)
    problems: list[Problem] = []
    mp3s: list[tuple[Path, dict[str, Any], str]] = []
    files: list[tuple[str, int]] = []
    for record in manifest.records.values():
        edition = record.edition
        files += record.files.items()
        kinds = {"audio": edition["audio"], **edition.get("files", {})}
        mp3s += [(where(p), edition, kind) for kind, p in kinds.items() if p.endswith(".mp3")]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for found in pool.map(lambda item: _check_file(output, where, *item), files):
            problems += found
    for relative in manifest.site:
        if not where(relative).is_file():
            problems.append(Problem(output / relative, "is missing"))
    enclosed = {r.edition["audio"] for r in manifest.records.values()} - {""}
    pending = {target for _, target in manifest.switching}
    problems += _check_published(output, where, pending, enclosed)
    present = [(path, edition, kind) for path, edition, kind in mp3s if path.is_file()]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for found in pool.map(lambda item: _check_mp3(*item, targets), present):
            problems += found
    return problems


def _check_file(
    output: Path, where: Callable[[str], Path], relative: str, size: int
) -> list[Problem]:
    """An edition's file is there, at its size, with the content its name's digest says."""
    path = where(relative)
    if not path.is_file():
        return [Problem(output / relative, "is missing")]
    if path.stat().st_size != size:
        return [Problem(output / relative, f"has {path.stat().st_size} bytes, not {size}")]
    if not holds_its_digest(path):
        return [Problem(output / relative, "does not hold what its name's digest says: damaged")]
    return []


def _documents(
    output: Path, where: Callable[[str], Path], pending: set[str], pattern: str
) -> list[Path]:
    """The documents beside the manifest whose names match `pattern` (with those `pending` in a
    switch), where they are now."""
    names = {path.name for path in output.glob(pattern)}
    names |= {name for name in pending if "/" not in name and fnmatch(name, pattern)}
    return [where(name) for name in sorted(names)]


def _check_published(
    output: Path, where: Callable[[str], Path], pending: set[str], editions: set[str]
) -> Iterator[Problem]:
    """The feeds (every .xml) and JSON documents beside the manifest, and what they point to."""
    site = "\0"  # the published folder's URL, known from the first feed; matches no URL till then
    feeds = _documents(output, where, pending, "*.xml")
    for path in sorted(feeds, key=lambda p: where("feed.xml") != p):
        try:
            root = ElementTree.parse(path).getroot()
        except ElementTree.ParseError as error:
            yield Problem(path, f"does not parse: {error}")
            continue
        base = _base_url(root)
        site = base if site == "\0" else site
        enclosed = set()
        for item in root.iter("item"):
            for element in item.iter():
                yield from _check_link(path, where, base, element)
            enclosure = item.find("enclosure")
            if enclosure is not None and enclosure.get("url", "").startswith(base):
                enclosed.add(unquote(enclosure.get("url", "")[len(base) :]))
        for missing in sorted(editions - enclosed) if path == where("feed.xml") else ():
            yield Problem(path, f"has no item for the edition {missing}")
    for path in _documents(output, where, pending, "*.json"):
        if path.name == MANIFEST:
            continue
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            yield Problem(path, f"does not parse: {error}")
            continue
        for url in _strings(document):
            yield from _check_url(path, where, site, url)


def _base_url(root: ElementTree.Element) -> str:
    """The folder the feed is published in, from its own address (atom:link rel="self")."""
    for link in root.iter(f"{ATOM}link"):
        if link.get("rel") == "self" and link.get("href"):
            return link.get("href", "").rsplit("/", 1)[0] + "/"
    channel_link = root.findtext("channel/link") or ""
    return channel_link.rstrip("/") + "/"


def _check_link(
    document: Path, where: Callable[[str], Path], base: str, element: ElementTree.Element
) -> Iterator[Problem]:
    for name in ("url", "href"):
        url = element.get(name)
        if url:
            yield from _check_url(document, where, base, url)
    if element.tag == "enclosure":
        url, length = element.get("url", ""), element.get("length", "")
        path = _local(where, base, url)
        if path is not None and path.is_file() and str(path.stat().st_size) != length:
            yield Problem(
                document,
                f"announces {url} with {length} bytes, the file has {path.stat().st_size}",
            )


def _check_url(
    document: Path, where: Callable[[str], Path], base: str, url: str
) -> Iterator[Problem]:
    path = _local(where, base, url)
    if path is not None and not path.exists():
        yield Problem(document, f"points to {url}, which is missing")


def _local(where: Callable[[str], Path], base: str, url: str) -> Path | None:
    """The file a URL of the published folder stands for; None for any other URL."""
    if not url.startswith(base):
        return None
    relative = unquote(url[len(base) :].split("#", 1)[0].split("?", 1)[0])
    if not relative or relative.endswith("/"):
        relative += "index.html"
    return where(relative)


def _strings(document: Any) -> Iterator[str]:
    if isinstance(document, str):
        yield document
    elif isinstance(document, dict):
        for value in document.values():
            yield from _strings(value)
    elif isinstance(document, list):
        for value in document:
            yield from _strings(value)


def _check_mp3(
    path: Path, edition: dict[str, Any], kind: str, targets: dict[str, Rendition]
) -> list[Problem]:
    from mutagen.id3 import ID3, ID3NoHeaderError

    from audio.voice.ffmpeg import ffmpeg_exe

    problems = []
    try:
        tags = ID3(path)
        for frame, meaning in REQUIRED_TAGS.items():
            if not str(tags.get(frame, "")).strip():
                problems.append(Problem(path, f"has no {meaning} tag ({frame})"))
        if "TIT2" in tags and str(tags["TIT2"]) != edition["title"]:
            problems.append(
                Problem(path, f"is tagged {str(tags['TIT2'])!r}, not the edition title")
            )
    except ID3NoHeaderError:
        problems.append(Problem(path, "has no ID3 tags"))
    # One pass decodes every frame and measures loudness and true peak (4x, BS.1770-4).
    command = [ffmpeg_exe(), "-hide_banner", "-nostats", "-v", "level+info", "-i", str(path)]
    run = subprocess.run(
        [*command, "-map", "0:a", "-af", _METER, "-f", "null", "-"],
        capture_output=True,
        text=True,
        errors="replace",
    )
    broken = [
        match[1]
        for match in _DECODER_TROUBLE.finditer(run.stderr)
        if match[0].startswith(("[error]", "[fatal]")) or "do not match" in match[1]
    ]
    if run.returncode or broken:
        reason = broken[0] if broken else f"ffmpeg exit code {run.returncode}"
        problems.append(Problem(path, f"does not decode cleanly ({len(broken)}×: {reason})"))
        return problems
    target = targets.get(kind)
    measured = _INTEGRATED.findall(run.stderr)
    peaks = _TRUE_PEAK.findall(run.stderr)
    if target is not None and measured:
        level = float(measured[-1])
        if abs(level - target.loudness) > LOUDNESS_TOLERANCE:
            problems.append(
                Problem(path, f"is at {level:.1f} LUFS, the target is {target.loudness:.1f} LUFS")
            )
    amplitude = float(peaks[-1]) if peaks else 0.0
    peak = 20 * math.log10(amplitude) if amplitude > 0 else -math.inf
    if target is not None and peak > target.true_peak + PEAK_TOLERANCE:
        problems.append(
            Problem(
                path, f"peaks at {peak:.2f} dBTP, over the ceiling of {target.true_peak:.1f} dBTP"
            )
        )
    return problems
