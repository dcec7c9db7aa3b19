"""Piper: a neural voice that runs offline (pip install audio-edition[piper]).

The user names the voice model, e.g. a German Thorsten voice: the `.onnx` file with its `.onnx.json`
beside it. Piper reads a text sentence by sentence; the sentences of one take are joined.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from audio.errors import EngineError
from audio.voice.ffmpeg import AudioSegment

INSTALL_HINT = "install it with: pip install 'audio-edition[piper]'"


def piper_version() -> str | None:
    """The installed piper-tts version, or None."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("piper-tts")
    except PackageNotFoundError:
        return None


class PiperEngine:
    name = "piper"
    batch = 0

    def __init__(
        self,
        model: Path | None,
        length_scale: float | None = None,
        noise_scale: float | None = None,
        noise_w: float | None = None,
    ) -> None:
        if model is None:
            raise EngineError("piper needs a voice: set piper_model to a voice's .onnx file")
        if not model.is_file():
            raise EngineError(f"{model}: no such piper voice model")
        config = Path(f"{model}.json")
        if not config.is_file():
            raise EngineError(f"{model}: its voice description {config.name} is missing beside it")
        try:
            from piper import PiperVoice, SynthesisConfig
        except ImportError as error:
            raise EngineError(f"piper is not installed ({error}); {INSTALL_HINT}") from error
        try:
            self._voice: Any = PiperVoice.load(model, config_path=config)
        except Exception as error:  # onnxruntime and json raise many kinds
            raise EngineError(f"{model}: piper cannot load this voice: {error}") from error
        defaults = self._voice.config
        self.length_scale = defaults.length_scale if length_scale is None else length_scale
        self.noise_scale = defaults.noise_scale if noise_scale is None else noise_scale
        self.noise_w = defaults.noise_w_scale if noise_w is None else noise_w
        self._config = SynthesisConfig(
            length_scale=self.length_scale, noise_scale=self.noise_scale, noise_w_scale=self.noise_w
        )
        self.sample_rate: int = defaults.sample_rate
        self.voice = model.name.removesuffix(".onnx")
        self.fallback: str | None = None
        # The model's own bytes, not its path: a voice file replaced under the same name sounds
        # different and must not hit the cache.
        self._digest = _file_digest(model)
        self._lock = threading.Lock()

    @property
    def identity(self) -> str:
        return (
            f"piper {piper_version()} voice={self.voice} model={self._digest} "
            f"length_scale={self.length_scale} noise_scale={self.noise_scale} "
            f"noise_w={self.noise_w}"
        )

    def synthesize(self, texts: Sequence[str]) -> list[AudioSegment]:
        with self._lock:
            return [self._take(text) for text in texts]

    def _take(self, text: str) -> AudioSegment:
        chunks = [chunk.audio_int16_bytes for chunk in self._voice.synthesize(text, self._config)]
        return AudioSegment(
            data=b"".join(chunks), sample_width=2, frame_rate=self.sample_rate, channels=1
        )


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()[:16]
