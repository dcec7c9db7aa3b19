from __future__ import annotations

from pathlib import Path

import pytest

from audio.errors import SettingsError
from audio.settings import Settings, load_settings


def test_defaults_without_pyproject(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, environ={})
    assert settings == Settings()
    assert settings.language == "de"
    assert settings.bitrate == 96


def test_pyproject_then_environment_then_options(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.audio-edition]\npodcast_title = "Aus der Datei"\nbitrate = 128\n'
        'base-url = "https://a.example/"\narticles = "texte"\n',
        encoding="utf-8",
    )
    settings = load_settings(tmp_path, environ={"AUDIO_EDITION_BITRATE": "64"})
    assert settings.podcast_title == "Aus der Datei"
    assert settings.bitrate == 64
    assert settings.base_url == "https://a.example/"
    assert settings.articles == tmp_path / "texte"
    overridden = settings.replace(base_url="https://b.example/", bitrate=None)
    assert overridden.base_url == "https://b.example/"
    assert overridden.bitrate == 64


def test_unknown_setting_suggests_the_right_name(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.audio-edition]\npodcast_titel = 'x'\n", encoding="utf-8"
    )
    with pytest.raises(SettingsError, match=r"unknown setting podcast_titel \(did you mean"):
        load_settings(tmp_path, environ={})


def test_wrong_type_names_the_setting_and_origin(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(tmp_path, environ={"AUDIO_EDITION_BITRATE": "viel"})
    assert str(caught.value) == "environment: setting bitrate = 'viel' is not a whole number"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("podcast_title = [1, 2]", "podcast_title = [1, 2] is not text in quotes"),
        ("author = 42", "author = 42 is not text in quotes"),
        ("website = { url = 'x' }", "website = {'url': 'x'} is not text in quotes"),
        ("bitrate = 96.5", "bitrate = 96.5 is not a whole number"),
        ("espeak_rate = true", "espeak_rate = True is not a whole number"),
        ("loudness = nan", "loudness = nan is not a finite number"),
        ("true_peak = 'laut'", "true_peak = 'laut' is not a finite number"),
        ("gtts_tempo = false", "gtts_tempo = False is not a finite number"),
        ("explicit = 1", "explicit = 1 is not true or false"),
        ("cover = 3000", "cover = 3000 is not a path in quotes"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_not_converted(
    tmp_path: Path, line: str, problem: str
) -> None:
    settings = tmp_path / "pyproject.toml"
    settings.write_text(f"[tool.audio-edition]\n{line}\n", encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(tmp_path, environ={})
    assert str(caught.value) == f"{settings}: setting {problem}"


def test_the_environment_writes_every_type_as_text(tmp_path: Path) -> None:
    environ = {
        "AUDIO_EDITION_ESPEAK_RATE": "130",
        "AUDIO_EDITION_LOUDNESS": "-15.5",
        "AUDIO_EDITION_EXPLICIT": "ja",
        "AUDIO_EDITION_PODCAST_TITLE": "42",
        "AUDIO_EDITION_COVER": "bild.png",
    }
    settings = load_settings(tmp_path, environ=environ)
    assert (settings.espeak_rate, settings.loudness, settings.explicit) == (130, -15.5, True)
    assert (settings.podcast_title, settings.cover) == ("42", tmp_path / "bild.png")
    with pytest.raises(SettingsError, match=r"espeak_rate = '1\.5' is not a whole number"):
        load_settings(tmp_path, environ={"AUDIO_EDITION_ESPEAK_RATE": "1.5"})


def test_broken_pyproject_is_reported(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.audio-edition\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"pyproject\.toml: cannot read settings"):
        load_settings(tmp_path, environ={})


def test_url_for_joins_without_double_slashes() -> None:
    settings = Settings(base_url="https://example.org/podcast/")
    assert settings.feed_url == "https://example.org/podcast/feed.xml"
    assert settings.url_for("/a/b.mp3") == "https://example.org/podcast/a/b.mp3"


def test_sources_are_a_list_in_toml_and_space_separated_in_the_environment(
    tmp_path: Path,
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.audio-edition]\nsources = ["https://example.org/feed.rss", "gespeichert.html"]\n',
        encoding="utf-8",
    )
    assert load_settings(tmp_path, {}).sources == (
        "https://example.org/feed.rss",
        "gespeichert.html",
    )
    environ = {"AUDIO_EDITION_SOURCES": " https://a.example/rss\n https://b.example/atom "}
    assert load_settings(tmp_path, environ).sources == (
        "https://a.example/rss",
        "https://b.example/atom",
    )
    (tmp_path / "pyproject.toml").write_text(
        "[tool.audio-edition]\nsources = 3\n", encoding="utf-8"
    )
    with pytest.raises(SettingsError, match="setting sources = 3 is not a list of strings"):
        load_settings(tmp_path, {})
