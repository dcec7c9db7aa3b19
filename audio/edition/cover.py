"""The podcast's cover: Apple wants a square RGB JPEG or PNG of 1400–3000 px. The image named in
the settings is checked; without one, a cover with the podcast's title is drawn (Pillow)."""

from __future__ import annotations

import functools
import hashlib
import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import PIL

from audio import fingerprints
from audio.errors import SettingsError
from audio.files import write_changed
from audio.inputs import read_bounded
from audio.settings import Settings

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

# Pillow's drawing and decoding modules (15 ms to import) are imported where they are used: a
# build mostly finds the drawn cover and its small copy in the cache (_made), and needs neither.

SIZE = 3000
SMALLEST = 1400
LARGEST = 64 * 10**6
"""Bytes: more than a 3000 px PNG of RGB stored without compression (27 MB) can take."""
LARGEST = 64 * 10**6
"""Bytes: more than a 3000 px PNG of RGB stored without compression (27 MB) can take."""
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}
# The copy inside each MP3 (APIC): players show it at a few hundred pixels at most, and 600 px
# keeps the drawn cover at 34 kB instead of 260 kB in every file.
EMBEDDED = 600

TOP = (18, 32, 54)
BOTTOM = (33, 60, 92)
INK = (246, 241, 231)
ACCENT = (231, 111, 81)
MARGIN = 260


@dataclass(frozen=True)
class Cover:
    data: bytes
    mime: str
    extension: str

    @property
    def name(self) -> str:
        """Where it is published, relative to the output folder."""
        return f"cover.{self.extension}"


def check_cover(path: Path) -> Cover:
    """The image at `path`, if it is fit to be a podcast cover; else a SettingsError saying why."""
    try:
        data = read_bounded(path, LARGEST)
    except OSError as error:
        raise SettingsError(f"{path}: cannot read the cover: {error.strerror}") from error
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, mode, (width, height) = image.format, image.mode, image.size
    except (UnidentifiedImageError, OSError) as error:
        raise SettingsError(f"{path}: the cover is not an image Pillow can read") from error
    problems = []
    if kind not in FORMATS:
        problems.append(f"it is {kind}, not JPEG or PNG")
    if width != height:
        problems.append(f"it is {width} × {height} px, not square")
    if not SMALLEST <= max(width, height) <= SIZE:
        problems.append(f"{max(width, height)} px is outside {SMALLEST}–{SIZE} px")
    if mode != "RGB":
        problems.append(f"its colour mode is {mode}, not RGB")
    if problems:
        raise SettingsError(f"{path}: unfit as a podcast cover: {'; '.join(problems)}")
    mime, extension = FORMATS[kind]
    if path.suffix.lower() not in (f".{extension}", ".jpeg" if extension == "jpg" else ".png"):
        raise SettingsError(
            f"{path}: unfit as a podcast cover: it is {kind}, but named {path.suffix}"
        )
    return Cover(data, mime, extension)


def podcast_cover(settings: Settings) -> Cover:
    """The cover named in the settings, checked, or the drawn one."""
    if settings.cover is not None:
        return _checked(settings.cover, _modified(settings.cover))
    return _drawn(settings.podcast_title, _kept_in(settings))


def embedded_cover(settings: Settings) -> bytes:
    """A small JPEG of the cover, for the MP3s' APIC frames."""
    return _small(podcast_cover(settings), _kept_in(settings))


def publish_cover(settings: Settings, output: Path) -> str:
    """Write the cover into `output` unless the same is there; its name relative to `output`."""
    cover = podcast_cover(settings)
    write_changed(output / cover.name, cover.data)
    return cover.name


def default_cover(title: str) -> bytes:
    """A 3000 × 3000 JPEG: the title set large over a waveform drawn from the title's letters."""
    import numpy as np
    from PIL import Image, ImageDraw

    shade = np.linspace(0.0, 1.0, SIZE, dtype=np.float32)[:, None, None]
    # One column of the gradient, stretched across by Pillow: repeating it in numpy first made
    # a 27 MB array for Pillow to copy (twice the time, the same pixels).
    column = np.array(TOP, np.float32) * (1 - shade) + np.array(BOTTOM, np.float32) * shade
    image = Image.fromarray(column.astype(np.uint8), "RGB").resize(
        (SIZE, SIZE), Image.Resampling.NEAREST
    )
    draw = ImageDraw.Draw(image)
    _waveform(draw, title)
    lines, font = _fitted(title, draw)
    line_height = round(font.size * 1.08)
    bottom = 1780
    top = bottom - line_height * len(lines)
    draw.rectangle((MARGIN, top - 170, MARGIN + 360, top - 140), fill=ACCENT)
    for number, line in enumerate(lines):
        draw.text((MARGIN - 8, top + number * line_height), line, font=font, fill=INK)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90, optimize=True)
    return buffer.getvalue()


def _fitted(title: str, draw: ImageDraw.ImageDraw) -> tuple[list[str], ImageFont.FreeTypeFont]:
    """The largest setting of `title` in at most four lines across the cover."""
    import font_source_sans_pro
    from PIL import ImageFont

    path = font_source_sans_pro.font_files_ttf["SourceSansProBlack"]
    width = SIZE - 2 * MARGIN
    words = title.split() or [title]
    for size in range(440, 119, -20):
        font = ImageFont.truetype(path, size)
        lines = _wrapped(words, lambda text, f=font: draw.textlength(text, font=f), width)
        if lines and len(lines) <= 4:
            return lines, font
    font = ImageFont.truetype(path, 120)
    return _wrapped(words, lambda text: 0.0, width) or [title], font


def _wrapped(words: list[str], measure: Callable[[str], float], width: float) -> list[str] | None:
    lines: list[str] = []
    for word in words:
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and measure(joined) <= width:
            lines[-1] = joined
        elif measure(word) <= width:
            lines.append(word)
        else:
            return None
    return lines


def _waveform(draw: ImageDraw.ImageDraw, title: str) -> None:
    """Rounded bars like a speech waveform, the same for the same title."""
    seed = hashlib.sha256(title.encode("utf-8")).digest()
    count, gap = 42, 22
    bar = (SIZE - 2 * MARGIN - gap * (count - 1)) / count
    middle = 2380
    for index in range(count):
        phase = seed[index % len(seed)] / 255
        envelope = math.sin(math.pi * (index + 0.5) / count) ** 0.6
        height = 60 + 520 * envelope * (0.35 + 0.65 * abs(math.sin(index * 0.9 + phase * 3)))
        left = MARGIN + index * (bar + gap)
        draw.rounded_rectangle(
            (left, middle - height / 2, left + bar, middle + height / 2),
            radius=bar / 2,
            fill=ACCENT,
        )


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@functools.lru_cache(maxsize=4)
def _checked(path: Path, modified: float) -> Cover:
    return check_cover(path)


@functools.lru_cache(maxsize=4)
def _drawn(title: str, kept: Path | None) -> Cover:
    drawn = _made(kept, b"drawn " + title.encode(), lambda: default_cover(title))
    return Cover(drawn, "image/jpeg", "jpg")


@functools.lru_cache(maxsize=4)
def _small(cover: Cover, kept: Path | None) -> bytes:
    return _made(kept, b"small " + cover.data, lambda: _shrunk(cover))


def _kept_in(settings: Settings) -> Path | None:
    from audio.cache import cache_folder

    return cache_folder(settings)


def _made(kept: Path | None, source: bytes, make: Callable[[], bytes]) -> bytes:
    """What `make` makes of `source`, kept in the cache folder `kept` by a digest of the source,
    this module's code and Pillow's version: drawing the cover and its small copy takes 0.15 s
    of CPU in every build, reading them back a fraction of a millisecond."""
    if kept is None:
        return make()
    from audio.cache import Shelf

    digest = hashlib.sha256(source + fingerprints.digest("cover").encode())
    digest.update(PIL.__version__.encode())
    key = digest.hexdigest()
    shelf = Shelf(kept, "covers")
    entry = shelf.read(shelf.path(key), key)
    if entry is not None:
        return entry.payload
    data = make()
    shelf.write(shelf.path(key), key, data)
    return data


def _shrunk(cover: Cover) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(cover.data)) as image:
        # A JPEG decodes straight to a quarter of 3000 px (scaled in the DCT): Lanczos from
        # there costs a tenth of Lanczos from full size, and looks the same at 600 px.
        image.draft("RGB", (EMBEDDED, EMBEDDED))
        small = image.convert("RGB").resize((EMBEDDED, EMBEDDED), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
