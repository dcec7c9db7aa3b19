"""`render -o`: the file's suffix says its format, the MP3 is tagged like a built edition's, and
only a regular file is ever replaced, through a temporary file and a rename."""

from __future__ import annotations

import os
import stat
import wave
from collections.abc import Callable
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from typer.testing import CliRunner

from audio.cli import app
from tests.newsroom import short_article

runner = CliRunner()


@pytest.fixture
def article(project: Path) -> Path:
    path = project / "articles" / "kurz.txt"
    path.write_text(short_article(0), encoding="utf-8")
    return path


def render(article: Path, *arguments: str) -> tuple[int, str]:
    result = runner.invoke(app, ["render", str(article), "--engine", "espeak", *arguments])
    return result.exit_code, " ".join(result.output.split())


def riff_info(data: bytes) -> dict[str, str]:
    """The text fields of a WAV file's LIST INFO chunk, by their four-letter names."""
    assert (data[:4], data[8:12]) == (b"RIFF", b"WAVE")
    chunks = {}
    at = 12
    while at + 8 <= len(data):
        name, size = data[at : at + 4], int.from_bytes(data[at + 4 : at + 8], "little")
        chunks[name] = data[at + 8 : at + 8 + size]
        at += 8 + size + size % 2
    listed, fields = chunks[b"LIST"], {}
    assert listed[:4] == b"INFO"
    at = 4
    while at + 8 <= len(listed):
        name, size = listed[at : at + 4], int.from_bytes(listed[at + 4 : at + 8], "little")
        fields[name.decode()] = listed[at + 8 : at + 8 + size].rstrip(b"\x00").decode()
        at += 8 + size + size % 2
    return fields


@pytest.mark.slow
def test_an_mp3_gets_the_tags_and_chapters_of_a_built_edition(article: Path) -> None:
    code, output = render(article, "-o", "kurz.mp3")
    assert code == 0, output
    tags = ID3("kurz.mp3")
    assert str(tags["TIT2"]) == "Kommentar Nummer 0 zur Lage an der Grenze"
    assert str(tags["TPE1"]) == "Thomas Ludwig"
    assert str(tags["TALB"]) == "Testkommentare"
    assert str(tags["TCOP"]) == "2022 Testredaktion"
    assert tags.getall("APIC")[0].data[:2] == b"\xff\xd8"
    (toc,) = tags.getall("CTOC")
    titles = [str(tags[f"CHAP:{element}"].sub_frames["TIT2"]) for element in toc.child_element_ids]
    assert titles[:3] == ["Ansage", "Vorspann", "Kommentar"]
    assert abs(int(str(tags["TLEN"])) / 1000 - MP3("kurz.mp3").info.length) < 0.01


@pytest.mark.slow
def test_a_wav_is_the_mastered_mp3_decoded(article: Path) -> None:
    code, output = render(article, "-o", "kurz.wav")
    assert code == 0, output
    info = riff_info(Path("kurz.wav").read_bytes())
    assert (info["INAM"], info["IART"]) == (
        "Kommentar Nummer 0 zur Lage an der Grenze",
        "Thomas Ludwig",
    )
    with wave.open("kurz.wav") as sound:
        assert (sound.getframerate(), sound.getnchannels(), sound.getsampwidth()) == (44100, 1, 2)
        seconds = sound.getnframes() / sound.getframerate()
    code, output = render(article, "-o", "kurz.mp3")
    assert code == 0, output
    # Encoder delay and padding are left out: the WAV is exactly as long as the programme.
    assert abs(seconds - MP3("kurz.mp3").info.length) < 0.03
    assert f"kurz.wav {seconds:.1f} s" in output.replace("mp3", "wav")


@pytest.mark.parametrize("name", ["kurz.ogg", "kurz", "kurz.mp3.tmp"])
def test_another_suffix_is_refused_before_any_work(article: Path, name: str) -> None:
    code, output = render(article, "-o", name)
    assert code == 1
    assert f"{name}: render writes .mp3 or .wav files; name the file with one of these" in output
    assert not Path(name).exists() and not (article.parent.parent / "cache").exists()


def test_the_narration_wav_must_be_named_so(article: Path) -> None:
    code, output = render(article, "-o", "kurz.mp3", "--wav", "sprache.mp3")
    assert code == 1
    assert "sprache.mp3: render writes .wav files; name the file with this suffix" in output


def symbolic_link(folder: Path) -> Path:
    (folder / "elsewhere.mp3").write_bytes(b"kept")
    (folder / "link.mp3").symlink_to(folder / "elsewhere.mp3")
    return folder / "link.mp3"


def named_pipe(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.mp3")
    return folder / "pipe.mp3"


def device(folder: Path) -> Path:
    """A second /dev/null, where the system lets this user make one."""
    try:
        os.mknod(folder / "null.mp3", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("this user may not make device files")
    return folder / "null.mp3"


def folder(folder: Path) -> Path:
    (folder / "folder.mp3").mkdir()
    return folder / "folder.mp3"


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (symbolic_link, "a symbolic link"),
        (named_pipe, "a named pipe"),
        (device, "a device"),
        (folder, "a folder"),
    ],
)
def test_only_a_regular_file_is_replaced(
    article: Path, make: Callable[[Path], Path], kind: str
) -> None:
    target = make(article.parent.parent)
    before = os.lstat(target)
    code, output = render(article, "-o", str(target))
    assert code == 1
    assert f"{target} is {kind}; render writes only regular files" in output
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    if make is symbolic_link:
        assert (target.parent / "elsewhere.mp3").read_bytes() == b"kept"
    assert [p.name for p in target.parent.glob(".*.tmp")] == []


@pytest.mark.slow
def test_a_regular_file_is_replaced_whole(article: Path) -> None:
    Path("kurz.mp3").write_bytes(b"an older rendering")
    code, output = render(article, "-o", "kurz.mp3")
    assert code == 0, output
    assert MP3("kurz.mp3").info.length > 5
    assert [p.name for p in Path().glob(".*.tmp")] == []
