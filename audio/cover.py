"""The podcast's cover: Apple wants a square RGB JPEG or PNG of 1400–3000 px. Without one in the
settings, a plain cover with the podcast's title is drawn."""

from __future__ import annotations

import io
import textwrap

import font_source_sans_pro
from PIL import Image, ImageDraw, ImageFont

SIZE = 3000
BACKGROUND = (24, 42, 66)
FOREGROUND = (245, 240, 230)
ACCENT = (214, 88, 60)


def default_cover(title: str) -> bytes:
    """A 3000 × 3000 JPEG with `title` set large on a calm background."""
    image = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((240, 2520, SIZE - 240, 2560), fill=ACCENT)
    font = ImageFont.truetype(font_source_sans_pro.font_files_ttf["SourceSansProBold"], 330)
    lines = textwrap.wrap(title, width=15) or [title]
    line_height = 360
    top = (2400 - line_height * len(lines)) // 2 + 120
    for number, line in enumerate(lines):
        draw.text((240, top + number * line_height), line, font=font, fill=FOREGROUND)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88, optimize=True)
    return buffer.getvalue()
