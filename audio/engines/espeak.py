"""The offline engine: libespeak-ng from the espeakng-loader wheel, driven through ctypes.

The library keeps global state (one voice, one callback), so all calls go through one lock.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Sequence

from audio.errors import EngineError
from audio.ffmpeg import AudioSegment

# Constants from espeak-ng's speak_lib.h.
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_EE_OK = 0

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class _Library:
    """The loaded library; created once per process."""

    def __init__(self) -> None:
        try:
            import espeakng_loader

            self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data_path = espeakng_loader.get_data_path().encode()
        except (ImportError, OSError, RuntimeError) as error:
            raise EngineError(f"espeak-ng is not usable: {error}") from error
        self.lib.espeak_Info.restype = ctypes.c_char_p
        self.lib.espeak_Info.argtypes = [ctypes.c_void_p]
        self.sample_rate = self.lib.espeak_Initialize(
            _AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path, _INITIALIZE_DONT_EXIT
        )
        if self.sample_rate <= 0:
            raise EngineError("espeak-ng could not initialise its voice data")
        self.version = self.lib.espeak_Info(None).decode()
        self.chunks: list[bytes] = []
        # Kept on the instance: ctypes would free a callback that nobody references.
        self.callback = _SynthCallback(self._collect)
        self.lib.espeak_SetSynthCallback(self.callback)
        self.voice: bytes | None = None

    def _collect(self, wav: ctypes._Pointer, samples: int, _events: int) -> int:
        if wav and samples > 0:
            self.chunks.append(ctypes.string_at(wav, samples * 2))
        return 0

    def speak(self, text: str, voice: str) -> bytes:
        if self.voice != voice.encode():
            if self.lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
                raise EngineError(f"espeak-ng has no voice {voice!r}")
            self.voice = voice.encode()
        self.chunks = []
        data = text.encode()
        status = self.lib.espeak_Synth(
            data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
        )
        if status != _EE_OK:
            raise EngineError(f"espeak-ng failed (status {status}) on: {text[:60]}")
        return b"".join(self.chunks)


_lock = threading.Lock()
_library: _Library | None = None


def _shared_library() -> _Library:
    global _library
    if _library is None:
        _library = _Library()
    return _library


class EspeakEngine:
    name = "espeak"

    def __init__(self, voice: str = "de") -> None:
        self.voice = voice

    @property
    def identity(self) -> str:
        with _lock:
            version = _shared_library().version
        return f"espeak-ng {version} voice={self.voice}"

    def synthesize(self, texts: Sequence[str]) -> list[AudioSegment]:
        with _lock:
            library = _shared_library()
            return [
                AudioSegment(
                    data=library.speak(text, self.voice),
                    sample_width=2,
                    frame_rate=library.sample_rate,
                    channels=1,
                )
                for text in texts
            ]
