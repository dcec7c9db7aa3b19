"""What a build deletes (audio/builds/retire.py): retired files only inside the output folder, and
edition files no manifest names, never a newsroom's own files beside them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from audio.builds.manifest import Inputs, Manifest, Record, load_manifest, save_manifest
from audio.builds.retire import retire, sweep

SLUG = "2022-01-21-kommentar"


def edition_file(slug: str, digest: str, suffix: str) -> str:
    return f"{slug}/{slug}.{digest}{suffix}"


@pytest.fixture
def output(tmp_path: Path) -> Path:
    folder = tmp_path / "newsroom" / "output"
    folder.mkdir(parents=True)
    return folder


def touch(output: Path, relative: str) -> Path:
    path = output / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def test_retired_paths_outside_the_output_folder_are_refused(output: Path) -> None:
    victim = touch(output.parent, "victim.txt")
    inside = edition_file(SLUG, "0123456789", ".mp3")
    touch(output, inside)
    save_manifest(output, Manifest())
    data = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    data["retired"] = [str(victim), "../victim.txt", f"{SLUG}/../../victim.txt", inside]
    (output / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    manifest = load_manifest(output)
    assert manifest.retired == [inside]
    assert manifest.refused == [str(victim), "../victim.txt", f"{SLUG}/../../victim.txt"]
    # Even handed the refused paths, retire deletes nothing outside.
    retire(output, {*data["retired"]}, set())
    assert victim.exists()
    assert not (output / SLUG).exists()  # the retired file and its folder, left empty


def test_a_symlink_does_not_lead_a_deletion_out(output: Path) -> None:
    elsewhere = output.parent / "elsewhere"
    precious = touch(elsewhere, "precious.mp3")
    os.symlink(elsewhere, output / "link", target_is_directory=True)
    retire(output, {"link/precious.mp3"}, set())
    assert precious.exists()


def test_files_in_use_are_not_retired(output: Path) -> None:
    kept = touch(output, edition_file(SLUG, "0123456789", ".mp3"))
    retire(
        output, {edition_file(SLUG, "0123456789", ".mp3")}, {kept.relative_to(output).as_posix()}
    )
    assert kept.exists()


def test_a_sweep_removes_unnamed_edition_files_and_orphaned_folders(output: Path) -> None:
    named = [edition_file(SLUG, "0123456789", ".mp3"), f"{SLUG}/index.html"]
    stray = edition_file(SLUG, "abcdef0123", ".speaker.mp3")  # a killed build's new version
    orphan = "2022-01-22-verwaist"
    orphaned = [edition_file(orphan, "1111111111", ".vtt"), f"{orphan}/index.html"]
    theirs = ["notizen/notizen.2222222222.txt", "notizen/index.html", "assets/site.css"]
    for relative in [*named, stray, *orphaned, *theirs]:
        touch(output, relative)
    record = Record({"slug": SLUG}, Inputs("", "", ""), dict.fromkeys(named, 1))
    sweep(output, Manifest({"k.txt": record}, site={"assets/site.css": 1}))
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()) == (
        sorted([*named, *theirs])
    )
    assert not (output / orphan).exists()
