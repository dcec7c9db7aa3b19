"""Match minutes in sports copy: "Müller (50.)" → Müller, in der fünfzigsten Minute.

Also "(45.+2)" → in der Minute fünfundvierzig plus zwei, "(ab 77.)" → ab der
siebenundsiebzigsten Minute, "Tor: 55. Nielsen".

Sports copy puts the minute of a goal or a card in brackets after the player. Read as it stands,
"(50.)" is a bare "fünfzig" with a dot after it. Only a sentence about a match has minutes: a
score ("2:1") or a word of the game ("Tor", "traf", "Elfmeter" …) must be in it; elsewhere
"Müller (3.)" is a place in a ranking and stays for the ordinals.
"""

from __future__ import annotations

import re

from audio.text.speech import numerals

_MINUTE = r"\d{1,3}\.(?:\s*\+\s*\d{1,2})?"
_BRACKETED = re.compile(
    rf"\(\s*(ab\s+)?({_MINUTE}(?:\s*[,/]\s*{_MINUTE})*)(\s*[,/]\s*[A-ZÄÖÜ][\wäöüß-]*)?\)"
)
_GOAL = re.compile(r"\b(Tore?|Treffer):\s*(\d{1,3})\.\s+(?=[A-ZÄÖÜ])")
_PARTS = re.compile(r"(\d{1,3})\.(?:\s*\+\s*(\d{1,2}))?")
_MATCH = re.compile(
    r"\d:\d|\b(?:Tore?|Treffer|traf\w*|trifft|Elfmeter|Foulelfmeter|Strafstoß|Freistoß|Ecke|Rot"
    r"|Gelb|Gelb-Rot|Karte|Minuten?|Halbzeit|Führung|Ausgleich\w*|Doppelpack|Anschlusstreffer"
    r"|Pause|Platzverweis|Joker|\w*wechsel\w*|Kopfball|Abseits|Siegtreffer|Gegentor|Nachspielzeit"
    r"|Spiel|Partie|schoss|köpfte|Notbremse|Flanke|Vorlage|Konter|Strafraum|Abschluss|Schuss"
    r"|Distanz|Pfosten|Latte|Parade|parierte|Keeper|Torwart|Stürmer|Chance|vergab|verwandelte"
    r"|siegte|gewann|Schiedsrichter)\b"
)


def read_minutes(text: str) -> str:
    if not _MATCH.search(text):
        return text
    text = _GOAL.sub(lambda m: f"{m[1]}: {numerals.ordinal(int(m[2]), 'e')} Minute ", text)
    return _BRACKETED.sub(_bracketed, text)


def _bracketed(match: re.Match[str]) -> str:
    since, minutes, note = match.groups()
    parts = _PARTS.findall(minutes)
    if since:
        spoken = f"ab der {_ordinal(parts[0][0])} Minute"
        spoken += f" plus {numerals.cardinal(int(parts[0][1]))}" if parts[0][1] else ""
    elif any(extra for _, extra in parts):
        spoken = " und ".join(_one(minute, extra) for minute, extra in parts)
    else:
        spoken = f"in der {' und '.join(_ordinal(minute) for minute, _ in parts)} Minute"
    return f"({spoken}{', ' + note.strip(' ,/') if note else ''})"


def _ordinal(written: str) -> str:
    return numerals.ordinal(int(written), "en")


def _one(minute: str, extra: str) -> str:
    """One minute, with its stoppage time said the way reporters do: "fünfundvierzig plus zwei"."""
    if not extra:
        return f"in der {_ordinal(minute)} Minute"
    return f"in der Minute {numerals.cardinal(int(minute))} plus {numerals.cardinal(int(extra))}"
