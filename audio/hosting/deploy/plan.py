"""What a deploy sends and deletes, and in which order, so that a listener never meets a feed
that names a missing file or one of another length.

1. every new or changed file but the pages and the three files that list editions: the edition's
   MP3s, transcripts and chapters (new versions are new names), the cover, the stylesheet;
2. the edition pages;
3. `flash-briefing.json` and `index.html`, which link to those (in either order);
4. `feed.xml`, last;
5. only then the files no edition uses any more.

A deploy killed anywhere leaves the previous feed live, and everything it names still there; the
next deploy compares again and finishes the job.

A file counts as on the target when a listing shows it at its size and, unless its name carries
its digest, the record says it was sent with this content.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass

from audio.hosting.deploy.local import LocalFile
from audio.hosting.deploy.record import Record
from audio.hosting.media import content_named, edition_folder
from audio.publish.feed import FEED
from audio.publish.flash import FLASH_BRIEFING
from audio.publish.site import INDEX

FILES, PAGES, LISTS = "files", "pages", "index and flash briefing"
LISTING = (FLASH_BRIEFING, INDEX)
"""The site's index and the flash briefing: sent after the pages and MP3s they link to."""
# What rclone leaves of an upload to a temporary name that was cut short (sftp, local).
_PARTIAL = re.compile(r"^(?P<name>.+)\.[0-9a-f]{8}\.partial$")


@dataclass(frozen=True)
class Step:
    name: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    """Only steps with something to send, in order."""
    delete: tuple[str, ...]
    unchanged: tuple[str, ...]

    @property
    def sending(self) -> list[str]:
        return [path for step in self.steps for path in step.paths]


def make_plan(local: Mapping[str, LocalFile], remote: Mapping[str, int], record: Record) -> Plan:
    """`local`: the output folder's files; `remote`: the target's files and sizes."""
    current = {path for path, file in local.items() if _on_target(path, file, remote, record)}
    sending = [path for path in local if path not in current]
    steps = [
        Step(FILES, tuple(p for p in sending if not _page(p) and p not in (*LISTING, FEED))),
        Step(PAGES, tuple(p for p in sending if _page(p))),
        Step(LISTS, tuple(p for p in LISTING if p in sending)),
        Step(FEED, (FEED,) if FEED in sending else ()),
    ]
    folders = {edition_folder(path) for path in [*remote, *local]} - {None}
    delete = sorted(p for p in remote if p not in local and _ours(p, folders, local, record))
    return Plan(tuple(s for s in steps if s.paths), tuple(delete), tuple(sorted(current)))


def _on_target(path: str, file: LocalFile, remote: Mapping[str, int], record: Record) -> bool:
    if remote.get(path) != file.size or path in record.pending:
        return False
    return content_named(path) or record.held.get(path) == (file.size, file.digest)


def _page(path: str) -> bool:
    return posixpath.basename(path) == INDEX and "/" in path


def _ours(
    path: str, folders: set[str | None], local: Mapping[str, LocalFile], record: Record
) -> bool:
    """Files a deploy may delete: those it sent, those in an edition's folder, and what is left
    of its own uploads that were cut short. Anything else on the target is left alone."""
    partial = _PARTIAL.match(posixpath.basename(path))
    if partial:
        whole = posixpath.join(posixpath.dirname(path), partial["name"])
        return whole in local or _ours(whole, folders, local, record)
    return record.owns(path) or ("/" in path and path.split("/", 1)[0] in folders)
