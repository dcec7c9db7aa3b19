"""WebVTT, SRT and the podcast namespace's JSON transcript and chapters, from timeline cues."""

from __future__ import annotations

import io
import json

import webvtt

from audio.edition.transcripts import SRT_LINE, SRT_LINES, chapters_json, srt, transcript_json
from audio.edition.transcripts import webvtt as to_vtt
from audio.voice.timeline import Chapter, Cue

CUES = (
    Cue(0.2, 2.5, "Ein Kommentar von Anna Beispiel."),
    Cue(
        3.1,
        9.75,
        "Die Krisendiplomatie läuft seit nunmehr zwei Wochen auf Hochtouren, "
        "ein Gespräch jagt das andere – und doch bewegen sich alle im Kreis.",
    ),
    Cue(3725.004, 3727.5, "Zölle & <Regeln> --> später."),
)
CHAPTERS = (Chapter(0.0, 3.1, "Ansage"), Chapter(3.1, 3728.0, "Logik der Abschreckung"))


def test_webvtt_has_one_cue_per_sentence_at_its_exact_time() -> None:
    text = to_vtt(CUES)
    assert text.startswith("WEBVTT\n\n1\n00:00:00.200 --> 00:00:02.500\nEin Kommentar")
    assert "01:02:05.004 --> 01:02:07.500\nZölle &amp; &lt;Regeln&gt; --&gt; später." in text
    captions = webvtt.from_buffer(io.StringIO(text)).captions
    assert [c.start_in_seconds for c in captions] == [0, 3, 3725]
    assert [c.text for c in captions][:2] == [CUES[0].text, CUES[1].text]


def test_srt_cards_keep_the_podcast_namespace_limits() -> None:
    cards = srt(CUES).strip().split("\n\n")
    assert cards[0] == "1\n00:00:00,200 --> 00:00:02,500\nEin Kommentar von Anna Beispiel."
    numbers, times, lines = [], [], []
    for card in cards:
        number, timing, *text = card.split("\n")
        numbers.append(int(number))
        times.append(timing)
        lines.append(text)
        assert 1 <= len(text) <= SRT_LINES
        assert all(len(line) <= SRT_LINE for line in text)
    assert numbers == list(range(1, len(cards) + 1))
    # The long sentence is spread over cards that start where it starts and end where it ends.
    second = [t for t, text in zip(times, lines, strict=True) if "Kreis" in " ".join(text)]
    assert times[1].startswith("00:00:03,100 --> ")
    assert second[0].endswith(" --> 00:00:09,750")
    spoken = " ".join(" ".join(text) for text in lines[1:-1])
    assert spoken == CUES[1].text


def test_json_transcript_segments() -> None:
    document = json.loads(transcript_json(CUES))
    assert document["version"] == "1.0.0"
    assert document["segments"][0] == {"startTime": 0.2, "endTime": 2.5, "body": CUES[0].text}
    assert [s["startTime"] for s in document["segments"]] == [0.2, 3.1, 3725.004]


def test_json_chapters_version_1_2_0() -> None:
    document = json.loads(chapters_json(CHAPTERS, title="Titel", author="Anna", podcast="Pod"))
    assert document == {
        "version": "1.2.0",
        "title": "Titel",
        "author": "Anna",
        "podcastName": "Pod",
        "chapters": [
            {"startTime": 0.0, "endTime": 3.1, "title": "Ansage"},
            {"startTime": 3.1, "endTime": 3728.0, "title": "Logik der Abschreckung"},
        ],
    }
    assert "title" not in json.loads(chapters_json(CHAPTERS))
