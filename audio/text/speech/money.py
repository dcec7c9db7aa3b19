"""Money: "3,50 €" → drei Euro fünfzig Cent, "1,5 Mrd. Euro" → eins Komma fünf Milliarden Euro.

Two decimals are the smaller unit, as on a price tag; other decimals are read as a number.
The currency sign is read after the amount, where German says it, wherever it was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audio.text.speech import context, grammar, numerals


@dataclass(frozen=True)
class Currency:
    name: str
    """Also the plural: German counts "zwei Euro", "zwei Dollar", "zwei Pfund"."""
    cent: str
    cents: str
    gender: str


_EURO = Currency("Euro", "Cent", "Cent", "m")
_DOLLAR = Currency("Dollar", "Cent", "Cent", "m")
_POUND = Currency("Pfund", "Penny", "Pence", "n")
_FRANC = Currency("Franken", "Rappen", "Rappen", "m")
_YEN = Currency("Yen", "Sen", "Sen", "m")
_RUBLE = Currency("Rubel", "Kopeke", "Kopeken", "m")
_YUAN = Currency("Yuan", "Fen", "Fen", "m")

# Signs and codes come before or after the amount; the names only after it.
_SIGNS = {
    "€": _EURO, "EUR": _EURO, "$": _DOLLAR, "US-$": _DOLLAR, "USD": _DOLLAR, "£": _POUND,
    "GBP": _POUND, "CHF": _FRANC, "sFr.": _FRANC, "¥": _YEN, "JPY": _YEN, "RUB": _RUBLE,
    "CNY": _YUAN,
}  # fmt: skip
_NAMES = {
    "Euro": _EURO, "Dollar": _DOLLAR, "US-Dollar": Currency("US-Dollar", "Cent", "Cent", "m"),
    "Pfund": _POUND, "Franken": _FRANC, "Yen": _YEN, "Rubel": _RUBLE, "Yuan": _YUAN,
}  # fmt: skip


def _alternatives(words: dict[str, Currency]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_AMOUNT = rf"({numerals.AMOUNT})(?:,[-–]{{1,2}})?(?:\s*({numerals.SCALE}))?"
_AFTER = re.compile(rf"{_AMOUNT}\s*({_alternatives(_SIGNS | _NAMES)})(?![\w$€£¥])")
_BEFORE = re.compile(rf"(?<![\w$€£¥])({_alternatives(_SIGNS)})\s?{_AMOUNT}")


def read_money(text: str) -> str:
    text = _AFTER.sub(lambda m: _say(m, m[1], m[2], _SIGNS.get(m[3]) or _NAMES[m[3]]), text)
    return _BEFORE.sub(lambda m: _say(m, m[2], m[3], _SIGNS[m[1]]), text)


def _say(match: re.Match[str], written: str, scale: str | None, currency: Currency) -> str:
    if scale:
        return f"{numerals.scaled(written, scale, context.before(match))} {currency.name}"
    negative, whole, fraction = numerals.split_amount(written)
    fraction = fraction or ""
    if fraction.rstrip("0") and (len(fraction) < 2 or fraction[2:].strip("0")):
        return f"{numerals.amount(written)} {currency.name}"
    units, cents = int(whole), int(fraction[:2] or 0)
    before = context.before(match)
    parts = []
    if units or not cents:
        parts.append(f"{_count(units, currency.gender, before)} {currency.name}")
    if cents:
        before = "" if parts else before
        cent = currency.cent if cents == 1 else currency.cents
        parts.append(f"{_count(cents, grammar.MASCULINE, before)} {cent}")
    spoken = " ".join(parts)
    return f"minus {spoken}" if negative else spoken


def _count(number: int, gender: str, before: str) -> str:
    return grammar.indefinite(before, gender) if number == 1 else numerals.cardinal(number)
