"""The bench's own espeak-ng reader: libespeak-ng from the espeakng-loader wheel, called through
ctypes, with no code of the product in between.

It reads a text exactly as it is given and answers 22,050 Hz mono 16-bit samples. With every
option left at its default it is "espeak-ng's default reading" that issue 9 compares the product
against. libespeak-ng keeps global state and is not thread-safe: one reader per process.

`read()` synthesizes in a fresh Python process each time. libespeak-ng 1.52 carries state from one
synthesis to the next that neither espeak_Terminate/espeak_Initialize nor espeak_ng_SetRandSeed
resets: the same text with the same settings comes out a few samples longer or shorter on every
call (seen here: 3,761,745, then 3,759,959 samples for the seed at -s 140 -g 3), and Whisper's
recall of one article moves by up to 4 points with it. The first synthesis of a process is always
the same, so a fresh process makes a reading a function of its text and settings alone.
"""

from __future__ import annotations

import argparse
import ctypes
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import espeakng_loader
import numpy as np

SAMPLE_RATE = 22050

# From speak_lib.h.
AUDIO_OUTPUT_SYNCHRONOUS = 2
ESPEAK_INITIALIZE_DONT_EXIT = 0x8000
ESPEAK_CHARS_UTF8 = 1
ESPEAK_RATE = 1
ESPEAK_PITCH = 3
ESPEAK_RANGE = 4
ESPEAK_WORDGAP = 7

# espeak-ng's own defaults, as its command line uses them (`espeak-ng -v de`).
DEFAULT_RATE = 175  # words per minute
DEFAULT_PITCH = 50  # 0..100
DEFAULT_RANGE = 50  # 0..100
DEFAULT_WORDGAP = 0  # the API counts in 10 ms, the same unit as `espeak-ng -g`


@dataclass(frozen=True)
class Voice:
    """One way of reading: the voice name (with an optional `+variant`) and the prosody knobs."""

    name: str = "de"
    rate: int = DEFAULT_RATE
    wordgap: int = DEFAULT_WORDGAP
    pitch: int = DEFAULT_PITCH

    @property
    def label(self) -> str:
        return f"{self.name} s{self.rate} g{self.wordgap} p{self.pitch}"

    @property
    def is_default(self) -> bool:
        return self == Voice()


_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class EspeakReader:
    """A thin ctypes binding; `read(text, voice)` answers int16 samples at SAMPLE_RATE."""

    _instance: EspeakReader | None = None

    def __init__(self) -> None:
        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_SYNTH_CALLBACK]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.POINTER(ctypes.c_uint),
            ctypes.c_void_p,
        ]
        lib.espeak_Synth.restype = ctypes.c_int
        data_path = espeakng_loader.get_data_path().encode()
        rate = lib.espeak_Initialize(
            AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path, ESPEAK_INITIALIZE_DONT_EXIT
        )
        if rate != SAMPLE_RATE:
            raise RuntimeError(f"espeak_Initialize answered {rate}, expected {SAMPLE_RATE} Hz")
        self._lib = lib
        self._chunks: list[bytes] = []
        # Kept on the instance: ctypes must not collect the callback while the library holds it.
        self._callback = _SYNTH_CALLBACK(self._collect)
        lib.espeak_SetSynthCallback(self._callback)

    @classmethod
    def shared(cls) -> EspeakReader:
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def _collect(self, wav, count: int, _events) -> int:  # type: ignore[no-untyped-def]
        if wav and count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0  # 0 = go on

    def read(self, text: str, voice: Voice | None = None) -> np.ndarray:
        voice = voice or Voice()
        lib = self._lib
        if lib.espeak_SetVoiceByName(voice.name.encode()) != 0:
            raise ValueError(f"espeak-ng has no voice {voice.name!r}")
        # Set every knob each time: the library keeps the last values across calls.
        lib.espeak_SetParameter(ESPEAK_RATE, voice.rate, 0)
        lib.espeak_SetParameter(ESPEAK_WORDGAP, voice.wordgap, 0)
        lib.espeak_SetParameter(ESPEAK_PITCH, voice.pitch, 0)
        lib.espeak_SetParameter(ESPEAK_RANGE, DEFAULT_RANGE, 0)
        data = text.encode("utf-8")
        self._chunks = []
        err = lib.espeak_Synth(data, len(data) + 1, 0, 0, 0, ESPEAK_CHARS_UTF8, None, None)
        if err != 0:
            raise RuntimeError(f"espeak_Synth failed with code {err}")
        return np.frombuffer(b"".join(self._chunks), dtype=np.int16).copy()


def read(text: str, voice: Voice | None = None) -> np.ndarray:
    """Int16 samples at 22,050 Hz of `text` read by espeak-ng with `voice`, in a fresh process
    so that the same text and voice always give the same samples."""
    voice = voice or Voice()
    command = [sys.executable, str(Path(__file__).resolve()), "--voice", voice.name]
    command += ["--rate", str(voice.rate), "--gap", str(voice.wordgap), "--pitch", str(voice.pitch)]
    done = subprocess.run(command, input=text.encode("utf-8"), capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"espeak reader failed: {done.stderr.decode(errors='replace').strip()}")
    return np.frombuffer(done.stdout, dtype=np.int16).copy()


def main() -> None:
    """Read UTF-8 text from stdin, write raw 16-bit samples to stdout."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--voice", default="de")
    parser.add_argument("--rate", type=int, default=DEFAULT_RATE)
    parser.add_argument("--gap", type=int, default=DEFAULT_WORDGAP)
    parser.add_argument("--pitch", type=int, default=DEFAULT_PITCH)
    args = parser.parse_args()
    voice = Voice(args.voice, args.rate, args.gap, args.pitch)
    samples = EspeakReader().read(sys.stdin.buffer.read().decode("utf-8"), voice)
    sys.stdout.buffer.write(samples.astype("<i2").tobytes())


if __name__ == "__main__":
    main()
