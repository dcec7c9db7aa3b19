"""Google's speech endpoint as gTTS sees it, answered locally with espeak-ng speech.

gTTS POSTs a form with one field, `f.req`: JSON whose RPC `jQ1olc` carries a JSON list
[text, lang, speed, "null"]. Google answers a `)]}'` guarded batch whose line with `jQ1olc`
holds the MP3 in base64 (see shared/NOTES.md). Used by the tests (through `responses`) and by
`bench/gtts_speed.py` (through a local HTTPS endpoint).
"""

from __future__ import annotations

import base64
import functools
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs

from audio.settings import Settings
from audio.text.readers import read_article
from audio.text.script import build_script
from audio.voice.engines.espeak import EspeakEngine

SEED = Path(__file__).parent / "data" / "seed.txt"

URL = re.compile(r"https://translate\.google\.[a-z.]+/_/TranslateWebserverUi/data/batchexecute")
# What Google's answers are: MPEG-2 layer III, 24 kHz mono, 32 kbit/s.
SAMPLE_RATE = 24000
BITRATE = "32k"


def spoken_text(body: str | bytes) -> str:
    """The text one gTTS request asks to be spoken."""
    if isinstance(body, bytes):
        body = body.decode()
    (rpc,) = parse_qs(body)["f.req"]
    return json.loads(json.loads(rpc)[0][0][1])[0]


@functools.lru_cache(maxsize=512)
def speech_mp3(text: str) -> bytes:
    """`text` read by espeak-ng, as the MP3 Google would send."""
    (take,) = EspeakEngine().synthesize([text])
    buffer = io.BytesIO()
    take.set_frame_rate(SAMPLE_RATE).export(buffer, format="mp3", bitrate=BITRATE)
    return buffer.getvalue()


def reply(mp3: bytes) -> str:
    """A batchexecute answer that carries `mp3`."""
    audio = base64.b64encode(mp3).decode()
    rpc = [["wrb.fr", "jQ1olc", f'["{audio}"]', None, None, None, "generic"]]
    line = json.dumps(rpc, separators=(",", ":"))
    return f')]}}\'\n\n{len(line)}\n{line}\n25\n[["e",4,null,null,{len(line) + 25}]]\n'


def seed_sentences() -> list[str]:
    """The spoken sentences of the seed's script, as the build hands them to an engine."""
    script = build_script(read_article(SEED), Settings())
    return [sentence.spoken for sentence in script.sentences]
