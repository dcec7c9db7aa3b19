"""Places named with their river or region: "Frankfurt/Main" → Frankfurt am Main, "Halle (Saale)"
→ Halle an der Saale, "Kirchheim/Teck" → Kirchheim unter Teck.

The official short forms drop the preposition that every speaker says; read as written they
become "Frankfurt Main" or "Halle, Saale".
"""

from __future__ import annotations

import re

# The preposition each river or region takes in a place name.
_AFFIXES = {
    "Main": "am Main", "M.": "am Main", "Oder": "an der Oder", "Saale": "an der Saale",
    "Ruhr": "an der Ruhr", "Donau": "an der Donau", "Elbe": "an der Elbe", "Rhein": "am Rhein",
    "Neckar": "am Neckar", "Lahn": "an der Lahn", "Havel": "an der Havel", "Spree": "an der Spree",
    "Isar": "an der Isar", "Weser": "an der Weser", "Mosel": "an der Mosel", "Fils": "an der Fils",
    "Ilm": "an der Ilm", "Lech": "am Lech", "Inn": "am Inn", "Teck": "unter Teck",
    "Breisgau": "im Breisgau", "Bodensee": "am Bodensee", "Weinstraße": "an der Weinstraße",
    "Dosse": "an der Dosse", "Eder": "an der Eder", "Fulda": "an der Fulda",
}  # fmt: skip
_RIVER = "|".join(re.escape(name) for name in sorted(_AFFIXES, key=len, reverse=True))
_PLACE = re.compile(rf"\b([A-ZÄÖÜ][\wäöüß-]+)(?:\s*/\s*|\s+\()({_RIVER})(\))?(?![\w-])")


def read_places(text: str) -> str:
    return _PLACE.sub(_place, text)


def _place(match: re.Match[str]) -> str:
    town, river, closing = match.groups()
    bracketed = "(" in match[0]
    if town in _AFFIXES or bracketed != bool(closing):
        return match[0]  # "Rhein/Main" is two rivers; a bracket must close
    return f"{town} {_AFFIXES[river]}"
