"""The whole pipeline, run the way a user runs it: the CLI in a newsroom folder."""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import feedparser
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from PIL import Image
from typer.testing import CliRunner

from audio.cli import app
from audio.edition import stages as build
from audio.errors import AudioError
from audio.voice.ffmpeg import AudioSegment
from audio.voice.timeline import Timeline

pytestmark = pytest.mark.slow

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One offline build of the seed, shared by the tests that only read its output."""
    folder = tmp_path_factory.mktemp("newsroom")
    with pytest.MonkeyPatch.context() as patch:
        from tests.conftest import PYPROJECT, SEED

        (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
        (folder / "articles").mkdir()
        (folder / "articles" / "seed.txt").write_bytes(SEED.read_bytes())
        patch.chdir(folder)
        result = runner.invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    return folder / "output"


def only_mp3(output: Path) -> Path:
    (mp3,) = (path for path in output.glob("*/*.mp3") if ".speaker." not in path.name)
    return mp3


def test_mp3_is_two_minutes_of_mono_speech(built: Path) -> None:
    mp3 = only_mp3(built)
    audio = AudioSegment.from_file(mp3, codec="mp3")
    assert 60 < audio.duration_seconds < 240
    assert audio.channels == 1
    assert audio.frame_rate == 44100
    assert audio.dBFS > -35
    info = MP3(mp3).info
    assert info.bitrate == 96000
    assert info.sample_rate == 44100
    assert abs(info.length - audio.duration_seconds) < 0.1


def test_tags_read_back(built: Path) -> None:
    tags = ID3(only_mp3(built))
    assert tags.version[:2] == (2, 3)
    assert str(tags["TIT2"]).startswith("US-Außenminister Antony Blinken")
    assert str(tags["TPE1"]) == "Thomas Ludwig"
    assert str(tags["TALB"]) == "Testkommentare"
    assert str(tags["TDRC"]) == "2022-01-21 19:00:00"
    assert str(tags["TCON"]) == "Podcast"
    assert str(tags["TLAN"]) == "deu"


def test_feed_parses_and_encloses_the_exact_file(built: Path) -> None:
    feed = feedparser.parse((built / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Testkommentare"
    assert feed.feed.language == "de"
    assert feed.feed.image.href == "https://example.org/podcast/cover.jpg"
    (entry,) = feed.entries
    (enclosure,) = entry.enclosures
    mp3 = only_mp3(built)
    assert enclosure.href == "https://example.org/podcast/" + mp3.relative_to(built).as_posix()
    assert int(enclosure.length) == mp3.stat().st_size
    assert enclosure.type == "audio/mpeg"
    assert entry.published_parsed[:5] == (2022, 1, 21, 18, 0)
    assert abs(int(entry.itunes_duration) - MP3(mp3).info.length) <= 1
    assert entry.author_detail.name == "Thomas Ludwig" or entry.author == "Thomas Ludwig"


def test_guid_is_the_same_on_the_next_build(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = feedparser.parse((built / "feed.xml").read_bytes()).entries[0].id
    monkeypatch.chdir(built.parent)
    assert runner.invoke(app, ["build"]).exit_code == 0
    assert feedparser.parse((built / "feed.xml").read_bytes()).entries[0].id == first


def test_a_bad_article_is_named_and_the_good_one_still_built(project: Path) -> None:
    (project / "articles" / "leer.txt").write_bytes(b"")
    (project / "articles" / "kaputt.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 1
    assert "leer.txt: the file is empty" in result.output
    assert "kaputt.txt: this is a binary file, not text" in result.output
    assert "1 built, 2 failed → output" in result.output
    assert len(list((project / "output").glob("*/*.mp3"))) == 2  # podcast and smart speaker
    manifest = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["editions"]) == ["seed.txt"]


def test_missing_base_url_is_refused_before_any_work(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.audio-edition]\n", encoding="utf-8")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 1
    assert "base_url is not set" in result.output
    assert not (project / "output").exists()


def test_render_writes_one_mp3(project: Path) -> None:
    result = runner.invoke(app, ["render", "articles/seed.txt", "-o", "seed.mp3"])
    assert result.exit_code == 0, result.output
    audio = AudioSegment.from_file(project / "seed.mp3", codec="mp3")
    assert audio.duration_seconds > 60
    assert not (project / "output").exists()


def test_render_writes_the_unmastered_narration_as_wav(project: Path) -> None:
    options = ["--engine", "espeak", "--wav", "seed.wav"]
    result = runner.invoke(app, ["render", "articles/seed.txt", "-o", "seed.mp3", *options])
    assert result.exit_code == 0, result.output
    narration = AudioSegment.from_file(project / "seed.wav", format="wav")
    mastered = AudioSegment.from_file(project / "seed.mp3", codec="mp3")
    # The engine's own sample rate and level: mastering resamples and raises the loudness.
    assert (narration.frame_rate, narration.channels) == (22050, 1)
    assert mastered.frame_rate == 44100
    assert narration.dBFS < mastered.dBFS - 3
    assert abs(narration.duration_seconds - mastered.duration_seconds) < 0.1
    assert f"seed.mp3 {narration.duration_seconds:.1f} s" in " ".join(result.output.split())


def test_the_narration_is_kept_in_a_temporary_file_removed_also_on_an_error(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    seen = []

    def failing(timeline: Timeline, jobs: object) -> None:
        seen.append([path.name for path in scratch.glob("audio-edition-*/*")])
        raise AudioError("the encoder is gone")

    monkeypatch.setattr(build, "master", failing)
    options = ["--engine", "espeak"]
    result = runner.invoke(app, ["render", "articles/seed.txt", "-o", "seed.mp3", *options])
    assert result.exit_code == 1 and "the encoder is gone" in result.output
    assert seen == [["narration.pcm"]]
    assert list(scratch.iterdir()) == []


def manifest_edition(output: Path) -> dict:
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    (edition,) = manifest["editions"].values()
    return edition


def test_edition_files_are_listed_and_exist(built: Path) -> None:
    edition = manifest_edition(built)
    slug = edition["slug"]
    suffixes = {
        "audio": ".mp3",
        "speaker": ".speaker.mp3",
        "vtt": ".vtt",
        "srt": ".srt",
        "transcript": ".transcript.json",
        "chapters": ".chapters.json",
    }
    named = {"audio": edition["audio"], **edition["files"]}
    assert named.pop("page") == f"{slug}/index.html"
    assert set(named) == set(suffixes)
    for kind, relative in named.items():
        # Each file's name carries the digest of its content: a new version is a new file.
        digest = hashlib.sha256((built / relative).read_bytes()).hexdigest()[:10]
        assert relative == f"{slug}/{slug}.{digest}{suffixes[kind]}"
    assert (built / "cover.jpg").read_bytes()[:2] == b"\xff\xd8"


def test_both_renditions_carry_the_same_tags_and_chapters(built: Path) -> None:
    edition = manifest_edition(built)
    podcast, speaker = ID3(built / edition["audio"]), ID3(built / edition["files"]["speaker"])
    for frame in ("TIT2", "TPE1", "TALB", "TDRC", "USLT::deu", "COMM::deu", "TXXX:engine"):
        assert str(podcast[frame]) == str(speaker[frame])
    duration_ms = round(MP3(built / edition["audio"]).info.length * 1000)
    chapters = [podcast[f"CHAP:{e}"] for e in podcast["CTOC:toc"].child_element_ids]
    titles = [str(c.sub_frames["TIT2"]) for c in chapters]
    assert titles == ["Ansage", "Vorspann", "Kommentar", titles[3], "Abspann"]
    assert titles[3].startswith("Logik von empfundener Bedrohung")
    starts = [c.start_time for c in chapters]
    assert starts == sorted(starts) and starts[0] == 0 and chapters[-1].end_time <= duration_ms
    assert starts == [round(c["start"] * 1000) for c in edition["chapters"]]
    document = json.loads((built / edition["files"]["chapters"]).read_text(encoding="utf-8"))
    assert [round(c["startTime"] * 1000) for c in document["chapters"]] == pytest.approx(
        starts, abs=1
    )


def test_transcripts_parse_and_end_inside_the_audio(built: Path) -> None:
    import webvtt

    edition = manifest_edition(built)
    duration = MP3(built / edition["audio"]).info.length
    captions = webvtt.read(built / edition["files"]["vtt"]).captions
    assert captions[0].text.startswith("Ein Kommentar von Thomas Ludwig")
    assert 0 < captions[-1].end_in_seconds <= duration
    starts = [c.start_in_seconds for c in captions]
    assert starts == sorted(starts)
    segments = json.loads((built / edition["files"]["transcript"]).read_text(encoding="utf-8"))
    assert len(segments["segments"]) == len(captions)


def test_too_long_for_smart_speakers_is_left_out_with_a_warning(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("audio.mastering.renditions.SPEAKER_LONGEST", 60)
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    assert "minutes is longer than the 1 minutes Alexa plays: no smart-speaker" in result.output
    edition = manifest_edition(project / "output")
    assert "speaker" not in edition["files"]
    assert not list((project / "output").glob("*/*.speaker.mp3"))


def test_unfit_cover_stops_the_build(project: Path) -> None:
    Image.new("RGB", (800, 600)).save(project / "cover.png")
    with (project / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write('cover = "cover.png"\n')
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 1
    assert "cover.png: unfit as a podcast cover: it is 800 × 600 px, not square" in result.output
    assert not (project / "output").exists()


def test_podcast_rendition_off_leaves_the_edition_to_smart_speakers(project: Path) -> None:
    with (project / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write("podcast_rendition = false\n")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    assert "the podcast rendition is switched off" in result.output
    output = project / "output"
    (speaker,) = output.glob("*/*.speaker.mp3")
    assert not [mp3 for mp3 in output.glob("*/*.mp3") if mp3 != speaker]
    assert feedparser.parse((output / "feed.xml").read_bytes()).entries == []
    (briefing,) = json.loads((output / "flash-briefing.json").read_text(encoding="utf-8"))
    assert briefing["streamUrl"].endswith(speaker.relative_to(output).as_posix())
    page = (output / speaker.parent.name / "index.html").read_text(encoding="utf-8")
    assert f'src="{speaker.name}"' in page
    again = runner.invoke(app, ["build"])
    assert again.exit_code == 0, again.output
    assert again.output.startswith("1 unchanged"), again.output
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0, checked.output


def test_scratch_files_lie_in_the_staging_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build killed with its narration on disk leaves it where the next build clears up."""
    scratches: list[Path] = []
    real_narrate = build.narrate

    def narrate(*arguments: object) -> Timeline:
        scratches.append(arguments[3])
        return real_narrate(*arguments)

    monkeypatch.setattr(build, "narrate", narrate)
    assert runner.invoke(app, ["build", "--no-cache"]).exit_code == 0
    (scratch,) = scratches
    assert (project / "output" / ".staging").resolve() in scratch.resolve().parents
    assert not (project / "output" / ".staging").exists()
