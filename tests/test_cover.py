"""The cover: a drawn one and a supplied one pass Apple's rules; an unfit one is refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from audio.edition import cover as cover_module
from audio.edition.cover import check_cover, default_cover, embedded_cover, publish_cover
from audio.errors import SettingsError
from audio.settings import Settings


def image_file(path: Path, size: tuple[int, int], mode: str = "RGB", kind: str = "PNG") -> Path:
    Image.new(mode, size, "white" if mode != "P" else 0).save(path, format=kind)
    return path


def test_drawn_cover_is_a_3000_px_rgb_jpeg_that_passes(tmp_path: Path) -> None:
    data = default_cover("Kommentare zum Hören")
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (3000, 3000))
        # Not a blank square: the title and the waveform are drawn over the background.
        assert len(image.convert("L").getcolors(256) or []) > 50
    (tmp_path / "drawn.jpg").write_bytes(data)
    assert check_cover(tmp_path / "drawn.jpg").mime == "image/jpeg"


def test_supplied_png_passes_and_is_published_as_png(tmp_path: Path) -> None:
    path = image_file(tmp_path / "mine.png", (1400, 1400))
    cover = check_cover(path)
    assert (cover.mime, cover.name) == ("image/png", "cover.png")
    settings = Settings(cover=path)
    output = tmp_path / "output"
    assert publish_cover(settings, output) == "cover.png"
    assert (output / "cover.png").read_bytes() == path.read_bytes()
    with Image.open(io.BytesIO(embedded_cover(settings))) as small:
        assert (small.format, small.size) == ("JPEG", (600, 600))


@pytest.mark.parametrize(
    ("size", "mode", "kind", "problem"),
    [
        ((1600, 1400), "RGB", "PNG", "it is 1600 × 1400 px, not square"),
        ((1000, 1000), "RGB", "JPEG", "1000 px is outside 1400–3000 px"),
        ((3200, 3200), "RGB", "JPEG", "3200 px is outside 1400–3000 px"),
        ((1400, 1400), "CMYK", "JPEG", "its colour mode is CMYK, not RGB"),
        ((1400, 1400), "P", "GIF", "it is GIF, not JPEG or PNG"),
    ],
)
def test_unfit_cover_is_refused_naming_file_and_problem(
    tmp_path: Path, size: tuple[int, int], mode: str, kind: str, problem: str
) -> None:
    path = image_file(tmp_path / "cover.img", size, mode, kind)
    with pytest.raises(SettingsError) as error:
        check_cover(path)
    assert str(error.value).startswith(f"{path}: unfit as a podcast cover: ")
    assert problem in str(error.value)


def test_not_an_image_or_missing(tmp_path: Path) -> None:
    (tmp_path / "cover.jpg").write_text("not a picture")
    with pytest.raises(SettingsError, match=r"cover\.jpg: the cover is not an image"):
        check_cover(tmp_path / "cover.jpg")
    with pytest.raises(SettingsError, match=r"absent\.jpg: cannot read the cover"):
        check_cover(tmp_path / "absent.jpg")


def test_a_suffix_that_belies_the_format_is_refused(tmp_path: Path) -> None:
    path = image_file(tmp_path / "cover.jpg", (1400, 1400), kind="PNG")
    with pytest.raises(SettingsError, match=r"cover\.jpg: unfit as a podcast cover: it is PNG"):
        check_cover(path)


def test_the_drawn_cover_is_kept_in_the_cache_and_not_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(podcast_title="Gut gehalten", cache_dir=tmp_path / "cache")
    small = embedded_cover(settings)
    kept = sorted((tmp_path / "cache" / "covers").rglob("*.entry"))
    assert len(kept) == 2  # the cover and its small copy
    assert any(path.read_bytes().endswith(default_cover("Gut gehalten")) for path in kept)
    cover_module._drawn.cache_clear()
    cover_module._small.cache_clear()

    def draw(title: str) -> bytes:
        raise AssertionError("drawn again")

    monkeypatch.setattr(cover_module, "default_cover", draw)
    assert embedded_cover(settings) == small
    output = tmp_path / "output"
    publish_cover(settings, output)
    published = (output / "cover.jpg").read_bytes()
    assert any(path.read_bytes().endswith(published) for path in kept)
    with pytest.raises(AssertionError, match="drawn again"):
        embedded_cover(settings.replace(cache=False))
