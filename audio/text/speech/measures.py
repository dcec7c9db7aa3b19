"""Measures and percent: "200 km/h" → zweihundert Kilometer pro Stunde, "5 %" → fünf Prozent.

A unit symbol is only read as a unit right after an amount; "m" alone stays a letter. Feminine
units have a plural ("zwei Stunden", "drei Tonnen"), the others do not ("zwei Meter").
"""

from __future__ import annotations

import re
from collections import defaultdict

from audio.text.speech import context, fractions, grammar, numerals

# symbol → (singular, plural, gender)
UNITS: dict[str, tuple[str, str, str]] = {
    "mm": ("Millimeter", "Millimeter", "m"),
    "cm": ("Zentimeter", "Zentimeter", "m"),
    "dm": ("Dezimeter", "Dezimeter", "m"),
    "m": ("Meter", "Meter", "m"),
    "km": ("Kilometer", "Kilometer", "m"),
    "µm": ("Mikrometer", "Mikrometer", "m"),
    "nm": ("Nanometer", "Nanometer", "m"),
    "ft": ("Fuß", "Fuß", "m"),
    "sm": ("Seemeile", "Seemeilen", "f"),
    "mm²": ("Quadratmillimeter", "Quadratmillimeter", "m"),
    "cm²": ("Quadratzentimeter", "Quadratzentimeter", "m"),
    "m²": ("Quadratmeter", "Quadratmeter", "m"),
    "qm": ("Quadratmeter", "Quadratmeter", "m"),
    "qkm": ("Quadratkilometer", "Quadratkilometer", "m"),
    "km²": ("Quadratkilometer", "Quadratkilometer", "m"),
    "ha": ("Hektar", "Hektar", "m"),
    "cm³": ("Kubikzentimeter", "Kubikzentimeter", "m"),
    "ccm": ("Kubikzentimeter", "Kubikzentimeter", "m"),
    "m³": ("Kubikmeter", "Kubikmeter", "m"),
    "ml": ("Milliliter", "Milliliter", "m"),
    "cl": ("Zentiliter", "Zentiliter", "m"),
    "l": ("Liter", "Liter", "m"),
    "hl": ("Hektoliter", "Hektoliter", "m"),
    "µg": ("Mikrogramm", "Mikrogramm", "n"),
    "mg": ("Milligramm", "Milligramm", "n"),
    "g": ("Gramm", "Gramm", "n"),
    "kg": ("Kilogramm", "Kilogramm", "n"),
    "t": ("Tonne", "Tonnen", "f"),
    "ms": ("Millisekunde", "Millisekunden", "f"),
    "s": ("Sekunde", "Sekunden", "f"),
    "Sek.": ("Sekunde", "Sekunden", "f"),
    "min": ("Minute", "Minuten", "f"),
    "Min.": ("Minute", "Minuten", "f"),
    "h": ("Stunde", "Stunden", "f"),
    "Std.": ("Stunde", "Stunden", "f"),
    "mph": ("Meile pro Stunde", "Meilen pro Stunde", "f"),
    "kn": ("Knoten", "Knoten", "m"),
    "°C": ("Grad Celsius", "Grad Celsius", "n"),
    "°F": ("Grad Fahrenheit", "Grad Fahrenheit", "n"),
    "°": ("Grad", "Grad", "n"),
    "W": ("Watt", "Watt", "n"),
    "kW": ("Kilowatt", "Kilowatt", "n"),
    "MW": ("Megawatt", "Megawatt", "n"),
    "GW": ("Gigawatt", "Gigawatt", "n"),
    "Wh": ("Wattstunde", "Wattstunden", "f"),
    "kWh": ("Kilowattstunde", "Kilowattstunden", "f"),
    "MWh": ("Megawattstunde", "Megawattstunden", "f"),
    "GWh": ("Gigawattstunde", "Gigawattstunden", "f"),
    "TWh": ("Terawattstunde", "Terawattstunden", "f"),
    "V": ("Volt", "Volt", "n"),
    "mV": ("Millivolt", "Millivolt", "n"),
    "kV": ("Kilovolt", "Kilovolt", "n"),
    "Hz": ("Hertz", "Hertz", "n"),
    "kHz": ("Kilohertz", "Kilohertz", "n"),
    "MHz": ("Megahertz", "Megahertz", "n"),
    "GHz": ("Gigahertz", "Gigahertz", "n"),
    "dB": ("Dezibel", "Dezibel", "n"),
    "hPa": ("Hektopascal", "Hektopascal", "n"),
    "bar": ("Bar", "Bar", "n"),
    "kcal": ("Kilokalorie", "Kilokalorien", "f"),
    "KB": ("Kilobyte", "Kilobyte", "n"),
    "MB": ("Megabyte", "Megabyte", "n"),
    "GB": ("Gigabyte", "Gigabyte", "n"),
    "TB": ("Terabyte", "Terabyte", "n"),
    "KByte": ("Kilobyte", "Kilobyte", "n"),
    "MByte": ("Megabyte", "Megabyte", "n"),
    "GByte": ("Gigabyte", "Gigabyte", "n"),
    "TByte": ("Terabyte", "Terabyte", "n"),
    "Mbit/s": ("Megabit pro Sekunde", "Megabit pro Sekunde", "n"),
    "%": ("Prozent", "Prozent", "n"),
    "‰": ("Promille", "Promille", "n"),
}
# Typed without capitals ("kwh") a symbol is still clear when only one unit fits it.
_UNCASED: dict[str, list[str]] = defaultdict(list)
for _symbol in UNITS:
    _UNCASED[_symbol.lower()].append(_symbol)

_SYMBOL = "|".join(re.escape(symbol) for symbol in sorted(UNITS, key=len, reverse=True))
_UNIT = rf"(?:{_SYMBOL})(?:/(?:{_SYMBOL}))?"
_MEASURE = re.compile(
    rf"({fractions.MIXED}|{numerals.AMOUNT})(?:\s*({numerals.SCALE}))?(?:\s*|-(?=%))(/\s*)?((?i:{_UNIT}))"
    r"(?![\w²³])",
)
_PER = re.compile(rf"(?<=[\wäöüß])/((?:{_SYMBOL}))(?![\w²³])")
_TIMES = re.compile(rf"({numerals.AMOUNT})\s*[x×]\s*(?=\d)")
# "2 x täglich": how often.
_TIMES_WORD = re.compile(r"(?<![\w.,])(\d{1,3})\s[x×]\s(?=[a-zäöü])")
# "100-m-Lauf", "30-km/h-Zone": a measure inside a compound keeps its hyphens.
_IN_COMPOUND = re.compile(rf"(?<![\w.,])(\d+(?:,\d+)?)-((?:{_UNIT}))-(?=[A-ZÄÖÜ])")


def _unit(written: str) -> tuple[str, str, str] | None:
    if written in UNITS:
        return UNITS[written]
    # Only a lower-case spelling of a longer symbol is taken as a typo: "5G" is no gram.
    candidates = _UNCASED.get(written, []) if written.islower() and len(written) > 1 else []
    return UNITS[candidates[0]] if len(candidates) == 1 else None


def read_measures(text: str) -> str:
    text = _TIMES.sub(lambda m: f"{numerals.amount(m[1])} mal ", text)
    text = _TIMES_WORD.sub(lambda m: numerals.cardinal(int(m[1]), compound=True) + "mal ", text)
    text = _IN_COMPOUND.sub(_in_compound, text)
    text = _MEASURE.sub(_measure, text)
    return _PER.sub(_per, text)


def _per(match: re.Match[str]) -> str:
    unit = _unit(match[1])
    return f" pro {unit[0]}" if unit else match[0]


def _measure(match: re.Match[str]) -> str:
    written, scale, per, symbols = match.groups()
    first, _, second = symbols.partition("/")
    unit, per_unit = _unit(first), _unit(second) if second else None
    if unit is None or (second and per_unit is None):
        return match[0]
    if "/" in written and not fractions.is_fraction(written):
        return match[0]
    singular, plural, gender = unit
    if "/" in written:
        # A mixed number counts more than one: "eineinhalb Stunden", but "ein halb Fuß".
        spoken = f"{fractions.say(written)} {plural if ' ' in written.strip() else singular}"
    elif scale:
        spoken = f"{numerals.scaled(written, scale, context.before(match))} {plural}"
    elif numerals.is_one(written) and not per:
        spoken = f"{grammar.indefinite(context.before(match), gender)} {singular}"
    else:
        spoken = f"{numerals.amount(written)} {plural}"
    if per:
        spoken = f"{spoken.removesuffix(plural).rstrip()} pro {singular}"
    if per_unit:
        spoken += f" pro {per_unit[0]}"
    return spoken + (context.final_dot(match) if symbols.endswith(".") else "")


def _in_compound(match: re.Match[str]) -> str:
    written, symbols = match.groups()
    first, _, second = symbols.partition("/")
    unit, per_unit = _unit(first), _unit(second) if second else None
    if unit is None or (second and per_unit is None):
        return match[0]
    spoken = unit[0] + (f"-pro-{per_unit[0]}" if per_unit else "")
    return f"{numerals.amount(written)}-{spoken}-"
