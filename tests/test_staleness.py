"""Which settings invalidate what."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from audio.builds.staleness import AUDIO, ENGINE, LOCATIONS, PUBLISHING, TAGS, Digests
from audio.settings import Settings


def test_every_setting_says_what_a_change_to_it_invalidates() -> None:
    names = {f.name for f in fields(Settings)}
    groups = (AUDIO, ENGINE, TAGS, PUBLISHING, LOCATIONS)
    unclassified = names - set().union(*groups)
    assert not unclassified, f"add {sorted(unclassified)} to a group in audio/builds/staleness.py"
    assert sum(len(group) for group in groups) == len(set().union(*groups))


def test_digests_follow_their_settings_only() -> None:
    base = Digests.of(Settings(), "espeak-ng 1.52 voice=de")
    tags = Digests.of(Settings(author="Anna Berger"), "espeak-ng 1.52 voice=de")
    assert (tags.audio, tags.tags) == (base.audio, tags.tags) and tags.tags != base.tags
    assert tags.publishing != base.publishing
    engine = Digests.of(Settings(), "espeak-ng 1.53 voice=de")
    assert engine.audio != base.audio and engine.tags == base.tags
    moved = Digests.of(Settings(output=Path("elsewhere")), "espeak-ng 1.52 voice=de")
    assert moved == base


def test_a_lexicon_counts_by_its_content(tmp_path: Path) -> None:
    lexicon = tmp_path / "lexicon.txt"
    lexicon.write_text("Nato = Nahto\n", encoding="utf-8")
    before = Digests.of(Settings(lexicon=lexicon), "e")
    lexicon.write_text("Nato = Naato\n", encoding="utf-8")
    assert Digests.of(Settings(lexicon=lexicon), "e").audio != before.audio
