"""The offline engine: libespeak-ng from the espeakng-loader wheel, driven through ctypes.

The library keeps global state (one voice, one callback), so all calls go through one lock.
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from audio.errors import EngineError

if TYPE_CHECKING:
    from audio.voice.ffmpeg import AudioSegment

# Constants from espeak-ng's speak_lib.h.
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_EE_OK = 0
_RATE, _PITCH, _WORD_GAP = 1, 3, 7
# The samples reach the callback a second at a time, not espeak-ng's default 60 ms: each call
# waits for the GIL, which mastering's threads hold now and then while they analyse the segment
# before. At a second the samples stay the same, byte for byte, as at 60 ms; at 5 s they did not
# (docs/performance.md, session three).
_BUFFER_MS = 1000

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class _Voice(ctypes.Structure):
    _fields_: ClassVar = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_char_p),
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


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
            _AUDIO_OUTPUT_SYNCHRONOUS, _BUFFER_MS, data_path, _INITIALIZE_DONT_EXIT
        )
        if self.sample_rate <= 0:
            raise EngineError("espeak-ng could not initialise its voice data")
        self.version = self.lib.espeak_Info(None).decode()
        self.lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_Voice))
        self.data_path = Path(data_path.decode())
        self.chunks: list[bytes] = []
        # Kept on the instance: ctypes would free a callback that nobody references.
        self.callback = _SynthCallback(self._collect)
        self.lib.espeak_SetSynthCallback(self.callback)
        self.voice: bytes | None = None

    def _collect(self, wav: ctypes._Pointer, samples: int, _events: int) -> int:
        if wav and samples > 0:
            self.chunks.append(ctypes.string_at(wav, samples * 2))
        return 0

    def speak(self, text: str, voice: str, rate: int, pitch: int, word_gap: int) -> bytes:
        if self.voice != voice.encode():
            if self.lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
                raise EngineError(f"espeak-ng has no voice {voice!r}")
            self.voice = voice.encode()
        # The library keeps the last values across calls and voices: set all of them each time.
        for parameter, value in ((_RATE, rate), (_PITCH, pitch), (_WORD_GAP, word_gap)):
            self.lib.espeak_SetParameter(parameter, value, 0)
        self.chunks = []
        data = text.encode()
        status = self.lib.espeak_Synth(
            data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
        )
        if status != _EE_OK:
            raise EngineError(f"espeak-ng failed (status {status}) on: {text[:60]}")
        return b"".join(self.chunks)

    def voices(self, language: str) -> list[str]:
        """Identifiers of the voices for `language`, e.g. ["de"]."""
        found = []
        listed = self.lib.espeak_ListVoices(None)
        index = 0
        while listed[index]:
            voice = listed[index].contents
            # `languages` is a priority byte, then the language name, repeated; the first counts.
            spoken = (voice.languages or b"")[1:].decode(errors="replace")
            if spoken == language or spoken.startswith(f"{language}-"):
                found.append(spoken)
            index += 1
        return found

    def variants(self) -> list[str]:
        """Variant names, the classic male and female ones (m1, f2 …) first."""
        names = [p.name for p in (self.data_path / "voices" / "!v").iterdir()]
        return sorted(names, key=lambda name: (not re.fullmatch(r"[mf]\d", name), name))


_lock = threading.Lock()
_library: _Library | None = None


def _shared_library() -> _Library:
    global _library
    if _library is None:
        _library = _Library()
    return _library


def espeak_voices(language: str = "de") -> tuple[list[str], list[str]]:
    """The voices for `language` and the variants any of them takes (`de+m3`)."""
    with _lock:
        library = _shared_library()
        return library.voices(language), library.variants()


class EspeakEngine:
    name = "espeak"
    batch = 0

    def __init__(
        self, voice: str = "de", rate: int = 175, pitch: int = 50, word_gap: int = 0
    ) -> None:
        self.voice = voice
        self.rate = rate
        self.pitch = pitch
        self.word_gap = word_gap
        self.fallback: str | None = None

    @property
    def identity(self) -> str:
        with _lock:
            version = _shared_library().version
        return (
            f"espeak-ng {version} voice={self.voice} rate={self.rate} pitch={self.pitch} "
            f"word_gap={self.word_gap}"
        )

    def synthesize(self, texts: Sequence[str]) -> list[AudioSegment]:
        # Imported here: a build with nothing to render asks for `identity` and needs no pydub.
        from audio.voice.ffmpeg import AudioSegment

        with _lock:
            library = _shared_library()
            return [
                AudioSegment(
                    data=library.speak(text, self.voice, self.rate, self.pitch, self.word_gap),
                    sample_width=2,
                    frame_rate=library.sample_rate,
                    channels=1,
                )
                for text in texts
            ]
