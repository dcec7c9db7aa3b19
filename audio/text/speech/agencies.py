"""Agency tags: "Berlin (dpa) - Die Regierung …" → Berlin - Die Regierung …; "(dpa/lno)",
"(Reuters/dpa/jW)" and "(ots)" go.

A news speaker does not read the agency that delivered a story; read out, "(dpa)" became a
spoken "dpa" between commas and "(dpa/lno)" a run of letters. A bracket is a tag when it holds
only agency names and the short regional or author marks agencies put beside them.
"""

from __future__ import annotations

import re

# German-language news agencies and press services, as they sign copy.
AGENCIES = {
    "dpa", "afp", "ap", "reuters", "kna", "epd", "ddp", "dapd", "sid", "ots", "apa", "sda",
    "dts", "idea", "afx", "dpa-afx", "rtr", "ats", "kathpress",
}  # fmt: skip
_TAG = re.compile(r"\s*\(((?:[\w-]+\s*[/,]\s*)*[\w-]+)\)")
# Regional desks and author marks beside an agency: "lno", "bb", "jW" — lower-case or short.
_MARK = re.compile(r"[a-zäöüß][\w-]{0,5}|[a-z]{1,3}[A-Z]{1,2}")


def read_agencies(text: str) -> str:
    return _TAG.sub(_tag, text)


def _tag(match: re.Match[str]) -> str:
    names = [name.strip() for name in re.split(r"[/,]", match[1])]
    agencies = [name for name in names if name.lower() in AGENCIES]
    if agencies and all(name in agencies or _MARK.fullmatch(name) for name in names):
        return ""
    return match[0]
