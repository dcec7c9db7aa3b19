"""The product's command line with speech normalization switched off: every sentence goes to the
engine as it is written, digits, abbreviations and all, and the engine's own rules read it.

Only for the intelligibility bench, to show what normalization (issue 3) buys a listener:
`python -m bench.intelligibility --product="raw-text --rate 115"` runs `render` through this.
"""

from __future__ import annotations

from audio.cli import main
from audio.text import script


def _as_written(text: str, lexicon: object = None) -> str:
    return text


if __name__ == "__main__":
    script.normalize = _as_written  # type: ignore[assignment]
    main()
