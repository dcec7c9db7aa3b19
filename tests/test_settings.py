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
    with pytest.raises(SettingsError, match="environment: setting bitrate = 'viel' is not a int"):
        load_settings(tmp_path, environ={"AUDIO_EDITION_BITRATE": "viel"})


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
