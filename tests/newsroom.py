"""Articles for tests and benches, made from the seed's own sentences, in the raw layout."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from audio.text.calendar import MONTH_NAMES
from tests.conftest import SEED

FIRST_DAY = datetime(2022, 1, 21, 19, 0)


def seed_paragraphs() -> list[str]:
    """The seed's body paragraphs, without its teaser, byline, dateline and subheading."""
    blocks = [b.strip() for b in SEED.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    return [b for b in blocks[3:] if b.endswith((".", "?", "!"))]


def article(
    teaser: str,
    paragraphs: list[str],
    author: str | None = "Thomas Ludwig",
    published: datetime | None = FIRST_DAY,
) -> str:
    """An article's text: teaser, byline and dateline (each left out when None), body."""
    blocks = [teaser]
    if author:
        blocks.append(f"von {author}")
    if published:
        month = MONTH_NAMES[published.month - 1]
        blocks.append(f"{published.day}. {month} {published.year}, {published:%H:%M} Uhr")
    return "\n\n".join([*blocks, *paragraphs]) + "\n"


def short_article(number: int, **fields: object) -> str:
    """A one-paragraph article (about 20 s of speech), dated `number` days after the seed."""
    paragraphs = seed_paragraphs()
    fields.setdefault("published", FIRST_DAY + timedelta(days=number))
    return article(
        f"Kommentar Nummer {number} zur Lage an der Grenze.",
        [paragraphs[number % len(paragraphs)][:300].rsplit(".", 1)[0] + "."],
        **fields,  # type: ignore[arg-type]
    )


def newsroom(articles: Path, count: int, length: int = 1) -> list[Path]:
    """`count` distinct articles of `length` seed paragraphs each in `articles`."""
    paragraphs = seed_paragraphs()
    articles.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(count):
        body = [paragraphs[(number + i) % len(paragraphs)] for i in range(length)]
        text = article(
            f"Kommentar Nummer {number} zur Lage an der Grenze.",
            body,
            published=FIRST_DAY + timedelta(days=number),
        )
        path = articles / f"kommentar-{number:03d}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def published_newsroom(folder: Path, count: int) -> Path:
    """A newsroom in `folder` with `count` short articles, built; returns its output folder."""
    from audio.builds.build import build_output
    from audio.settings import load_settings
    from tests.conftest import PYPROJECT

    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (folder / "articles").mkdir()
    for number in range(count):
        (folder / "articles" / f"k{number}.txt").write_text(short_article(number), "utf-8")
    settings = load_settings(folder).replace(articles=folder / "articles", output=folder / "output")
    report = build_output(settings, jobs=1)
    assert not report.failures, report.failures
    return folder / "output"
