"""Ranges: "9–17 Uhr" → 9 bis 17 Uhr, "1.–5. Juni" → 1. bis 5. Juni, "2019-2021" → 2019 bis 2021.

Only the dash becomes "bis"; the numbers stay written so that the times, dates and ordinals
after this read them with their context. ISO dates ("2003-03-02") and numbers with a leading
zero (telephone numbers) are no ranges.
"""

from __future__ import annotations

import re

_RANGE = re.compile(
    r"(?<![\w.,-])((?:[1-9][\d.]*|0)(?:,\d+)?\.?)\s*[-–—]\s*(?=[1-9])(?!\d{1,2}-\d)"
)


def read_ranges(text: str) -> str:
    return _RANGE.sub(lambda m: f"{m[1]} bis ", text)
