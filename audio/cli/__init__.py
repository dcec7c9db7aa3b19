"""The `audio-edition` command line: flags in, calls into the library, messages out. Each
module of this package registers its commands on the app, in the order `--help` lists them."""

from __future__ import annotations

import gc

from audio.builds.allocator import keep_freed_memory
from audio.cli import building, deploying, importing, published, tools
from audio.cli.app import app

__all__ = ["app", "building", "deploying", "importing", "main", "published", "tools"]


def main() -> None:
    keep_freed_memory()
    try:
        app()
    finally:
        # The operating system frees the process's memory at exit: frozen, the objects of every
        # library a build imported are skipped by the interpreter's last garbage collections,
        # which otherwise cost CPU at the end of each command (docs/performance.md).
        gc.freeze()
