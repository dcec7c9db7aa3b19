from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from audio.text.calendar import NEWSROOM_TZ
from audio.text.phrases import intro
from audio.text.readers import read_article
from audio.text.readers.datelines import parse_dateline
from audio.text.speech import normalize


@pytest.mark.parametrize(
    ("dateline", "written", "spoken"),
    [
        (
            "19. August 2025, 10:05 Uhr",
            "Ein Kommentar von Jonas Albrecht vom 19. August 2025, 10:05 Uhr.",
            "Ein Kommentar von Jonas Albrecht vom neunzehnten August "
            "zweitausend fünfundzwanzig, zehn Uhr fünf.",
        ),
        (
            "3. März 2024 - 7:30",
            "Ein Kommentar von Jonas Albrecht vom 3. März 2024, 7:30 Uhr.",
            "Ein Kommentar von Jonas Albrecht vom dritten März "
            "zweitausend vierundzwanzig, sieben Uhr dreißig.",
        ),
        (
            "21. Januar 2022",
            "Ein Kommentar von Jonas Albrecht vom 21. Januar 2022.",
            "Ein Kommentar von Jonas Albrecht vom einundzwanzigsten Januar "
            "zweitausend zweiundzwanzig.",
        ),
    ],
)
def test_intro_says_the_datelines_time_only_when_it_has_one(
    dateline: str, written: str, spoken: str
) -> None:
    said = intro("Jonas Albrecht", parse_dateline(dateline))
    assert said == written
    assert normalize(said) == spoken


def test_intro_reads_a_utc_time_in_the_newsrooms_time() -> None:
    published = datetime(2022, 1, 20, 23, 30, tzinfo=timezone.utc)
    assert intro(None, published) == "Ein Kommentar vom 21. Januar 2022, 0:30 Uhr."


def test_intro_without_author_or_date() -> None:
    assert intro(None, None) == "Ein Kommentar."


@pytest.mark.parametrize(
    ("date_field", "said"),
    [
        ("2024-03-01", "vom 1. März 2024."),
        ("2024-03-01T18:15:00+01:00", "vom 1. März 2024, 18:15 Uhr."),
        ('"1. März 2024, 9:00 Uhr"', "vom 1. März 2024, 9:00 Uhr."),
    ],
)
def test_intro_of_a_markdown_article_follows_its_front_matter_date(
    tmp_path: Path, date_field: str, said: str
) -> None:
    source = tmp_path / "kommentar.md"
    source.write_text(
        f"---\ntitle: Ein Titel\nauthor: Jonas Albrecht\ndate: {date_field}\n---\n\nText.\n",
        encoding="utf-8",
    )
    article = read_article(source)
    assert intro(article.author, article.published) == f"Ein Kommentar von Jonas Albrecht {said}"


def test_midnight_is_no_time_of_day() -> None:
    midnight = datetime.combine(date(2024, 3, 1), datetime.min.time(), tzinfo=NEWSROOM_TZ)
    assert intro(None, midnight) == "Ein Kommentar vom 1. März 2024."
