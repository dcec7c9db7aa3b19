"""The build lock: held across processes, and gone with a killed process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from audio.builds.lock import LOCK, BuildLocked, build_lock

HOLDER = """
import sys, time
from pathlib import Path
from audio.builds.lock import build_lock
with build_lock(Path(sys.argv[1]), wait=False):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_build_in_another_process_is_refused_until_that_process_dies(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with (
            pytest.raises(BuildLocked, match="another build is running"),
            build_lock(tmp_path, wait=False),
        ):
            pass
    finally:
        holder.kill()
        holder.wait()
    entered = []
    with build_lock(tmp_path, wait=False):
        entered.append((tmp_path / LOCK).is_file())
    assert entered == [True]
