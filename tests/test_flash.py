"""flash-briefing.json in the shape of Amazon's feed reference."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from audio.publish.flash import flash_warnings, render_flash_briefing
from tests.publishing import SETTINGS, make_edition


def test_the_five_newest_editions_with_a_speaker_rendition(tmp_path: Path) -> None:
    editions = [make_edition(tmp_path, n) for n in range(1, 8)]
    editions.append(make_edition(tmp_path, 9, files=False))  # newest, but nothing for speakers
    items = json.loads(render_flash_briefing(editions, SETTINGS))
    assert [item["titleText"] for item in items] == [
        f"Kommentar Nummer {n}" for n in (7, 6, 5, 4, 3)
    ]
    newest = items[0]
    assert set(newest) == {
        "uid",
        "updateDate",
        "titleText",
        "mainText",
        "streamUrl",
        "redirectionUrl",
    }
    assert newest["uid"] == "urn:uuid:00000000-0000-5000-8000-000000000007"
    # 19:00 in Berlin in January is 18:00 UTC.
    assert newest["updateDate"] == "2022-01-17T18:00:00.0Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.0Z", items[-1]["updateDate"])
    assert newest["mainText"] == "Der Vorspann & seine <Zeichen>."
    assert newest["streamUrl"] == (
        "https://example.org/podcast/2022-01-17-kommentar-7/2022-01-17-kommentar-7.speaker.mp3"
    )
    assert newest["redirectionUrl"] == "https://zeitung.example/kommentar-7"
    paged = dataclasses.replace(editions[0], files={**editions[0].files, "page": "a/index.html"})
    (item,) = json.loads(render_flash_briefing([paged], SETTINGS))
    assert item["redirectionUrl"] == "https://example.org/podcast/a/index.html"


def test_warnings_name_what_alexa_would_refuse(tmp_path: Path) -> None:
    edition = make_edition(tmp_path, 1)
    assert flash_warnings([edition], SETTINGS) == []
    plain_http = dataclasses.replace(SETTINGS, base_url="http://192.168.1.5:8000/")
    (warning,) = flash_warnings([edition], plain_http)
    assert "base_url http://192.168.1.5:8000/ is not https" in warning
    long = dataclasses.replace(edition, duration=700.0)
    assert flash_warnings([long], SETTINGS) == [
        "kommentar-1.txt: 700 s long; Alexa wants 10 s to 10 minutes in a flash briefing"
    ]
    silent = make_edition(tmp_path, 2, files=False)
    assert render_flash_briefing([silent], SETTINGS) == "[]\n"
    assert "no edition has a smart-speaker rendition" in flash_warnings([silent], SETTINGS)[0]
