"""espeak-ng's voice options: each one changes the sound and the identity."""

from __future__ import annotations

import pytest

from audio.errors import EngineError, SettingsError
from audio.settings import Settings
from audio.voice.engines import open_engine
from audio.voice.engines.espeak import EspeakEngine, espeak_voices
from audio.voice.engines.utterance import without_edges

TEXT = "Die Krisendiplomatie läuft seit nunmehr zwei Wochen auf Hochtouren."


def heard(engine: EspeakEngine) -> int:
    (take,) = engine.synthesize([TEXT])
    return len(without_edges(take))


def test_rate_is_words_per_minute() -> None:
    slow, fast = heard(EspeakEngine(rate=120)), heard(EspeakEngine(rate=240))
    assert 1.6 < slow / fast < 2.4


def test_word_gap_adds_a_pause_between_words() -> None:
    # Ten words, nine gaps of 10 × 10 ms.
    assert heard(EspeakEngine(word_gap=10)) - heard(EspeakEngine()) >= 700


def test_pitch_and_variant_change_the_sound_not_the_words() -> None:
    plain = EspeakEngine().synthesize([TEXT])[0].raw_data
    assert EspeakEngine(pitch=80).synthesize([TEXT])[0].raw_data != plain
    assert EspeakEngine(voice="de+m3").synthesize([TEXT])[0].raw_data != plain


def test_options_set_for_one_engine_do_not_leak_into_another() -> None:
    before = heard(EspeakEngine())
    heard(EspeakEngine(rate=300, word_gap=5))
    # espeak-ng itself varies by some 20 ms from call to call; a leaked rate would be 40 %.
    assert abs(heard(EspeakEngine()) - before) <= 50


def test_identity_names_every_option() -> None:
    identity = EspeakEngine(voice="de+m3", rate=150, pitch=40, word_gap=2).identity
    assert identity.startswith("espeak-ng 1.")
    assert identity.endswith("voice=de+m3 rate=150 pitch=40 word_gap=2")


def test_settings_reach_the_engine() -> None:
    settings = Settings(espeak_voice="de+f2", espeak_rate=160, espeak_pitch=45, espeak_word_gap=1)
    engine = open_engine("espeak", settings)
    assert engine.identity.endswith("voice=de+f2 rate=160 pitch=45 word_gap=1")


@pytest.mark.parametrize(
    ("setting", "problem"),
    [
        ({"espeak_rate": 20}, "espeak_rate = 20 is outside 80 to 450"),
        ({"espeak_pitch": 101}, "espeak_pitch = 101 is outside 0 to 100"),
        ({"espeak_word_gap": -1}, "espeak_word_gap = -1 is outside 0 to 100"),
    ],
)
def test_out_of_range_settings_are_refused(setting: dict, problem: str) -> None:
    with pytest.raises(SettingsError, match=problem):
        open_engine("espeak", Settings(**setting))


def test_an_unknown_voice_is_named() -> None:
    with pytest.raises(EngineError, match="no voice 'xx-klingonisch'"):
        EspeakEngine(voice="xx-klingonisch").synthesize(["Ja."])


def test_german_voice_and_its_variants_are_listed() -> None:
    voices, variants = espeak_voices("de")
    assert voices == ["de"]
    assert {"m3", "f2", "klatt"} <= set(variants)
