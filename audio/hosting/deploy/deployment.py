"""A deploy: the output folder onto its target, holding the build lock so that no build changes
the folder while it is read and sent.

The steps, each one rclone run per kind of file (every kind has its own HTTP headers):
1. look: the output folder's files (digests kept between runs), whether its feed is whole, the
   target's files and sizes (one listing), the record of what this deploy sent before;
2. plan (audio/hosting/deploy/plan.py): what to send, in which order, what to delete;
3. send step by step, the files of each step recorded as pending before and as held after;
4. delete what no edition uses any more, then the edition folders left empty.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from audio import crashpoints
from audio.builds.lock import build_lock
from audio.cache import cache_location
from audio.errors import SettingsError
from audio.hosting.deploy.failures import DeployError, MissingBucket, failure
from audio.hosting.deploy.local import LocalFile, published_files
from audio.hosting.deploy.plan import Plan, Step, make_plan
from audio.hosting.deploy.rclone import Run, rclone
from audio.hosting.deploy.record import Record, load_record, save_record
from audio.hosting.deploy.targets import LOCAL, S3, Target, parse_target
from audio.hosting.enclosures import feed_links, flash_streams, relative
from audio.hosting.media import cache_control, content_type
from audio.publish.feed import FEED
from audio.publish.flash import FLASH_BRIEFING
from audio.settings import Settings

LISTING = ("--recursive", "--files-only", "--no-modtime", "--no-mimetype", "--fast-list")
"""Names and sizes only: on S3 a modification time costs a request per object."""
LISTING_RETRIES = ("--retries=1", "--low-level-retries=3")
SENDING = ("--no-traverse", "--no-check-dest")
"""The plan decided what to send: rclone neither lists nor compares again."""


class Events:
    """What a deploy tells whoever watches it; the CLI overrides these."""

    def waiting(self, message: str) -> None:
        """A build holds the output folder and the deploy waits for it."""

    def planned(self, plan: Plan) -> None:
        """The deploy knows what it will send and delete."""

    def sending(self, step: Step, size: int) -> None:
        """A step's files are about to be sent."""

    def deleting(self, paths: Sequence[str]) -> None:
        """Files no edition uses any more are about to be deleted."""


@dataclass
class DeployReport:
    target: Target
    plan: Plan
    dry_run: bool = False
    planned_bytes: int = 0
    sent: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    bytes_sent: int = 0
    seconds: float = 0.0


def deploy_output(
    settings: Settings,
    target: str | None = None,
    *,
    dry_run: bool = False,
    wait: bool = False,
    events: Events | None = None,
) -> DeployReport:
    """Deploy the output folder to `target` (default: the `deploy` setting)."""
    events = events or Events()
    chosen = parse_target(settings.deploy if target is None else target)
    with build_lock(settings.output, wait, events.waiting):
        return deploy_locked(settings, chosen, dry_run=dry_run, events=events)


def deploy_locked(
    settings: Settings, target: Target, *, dry_run: bool = False, events: Events | None = None
) -> DeployReport:
    """Deploy while the caller holds the build lock (a build with --deploy does)."""
    events = events or Events()
    started = time.perf_counter()
    local, record, remote = _look(settings, target)
    plan = make_plan(local, remote or {}, record)
    _agree(record, plan, local, remote or {})
    events.planned(plan)
    report = DeployReport(target, plan, dry_run, sum(local[p].size for p in plan.sending))
    if not dry_run:
        if remote is None and target.folder:
            _make_folder(target)
        _Sender(settings.output, target, local, record, report, events).go()
    report.seconds = time.perf_counter() - started
    return report


def _look(
    settings: Settings, target: Target
) -> tuple[dict[str, LocalFile], Record, dict[str, int] | None]:
    """The output folder's files, the record of the target, and the target's listing."""
    _refuse_overlap(target, settings.output)
    local = published_files(settings.output, skip=[cache_location(settings)])
    _refuse_broken(settings.output, local)
    return local, load_record(settings.output, target), _listing(target)


def _refuse_overlap(target: Target, output: Path) -> None:
    if target.kind != LOCAL:
        return
    folder, out = Path(target.remote).resolve(), output.resolve()
    if folder == out or folder.is_relative_to(out) or out.is_relative_to(folder):
        raise SettingsError(
            f"deploy target {target.name}: the folder must lie outside the output folder "
            f"{output}, and the output folder outside it"
        )


def _refuse_broken(output: Path, local: dict[str, LocalFile]) -> None:
    """Send a folder only when its feed and flash briefing name files that are all there, at
    their lengths: a build killed halfway leaves such a folder until the next build."""
    feed = output / FEED
    if FEED not in local:
        raise DeployError(f"{output}: no {FEED} to deploy; run `audio-edition build` first")
    links = feed_links(feed.read_bytes(), str(feed))
    flash = output / FLASH_BRIEFING
    streams = flash_streams(flash.read_bytes()) if FLASH_BRIEFING in local else []
    wanted = [(e.url, e.length) for e in links.enclosures] + [(url, None) for url in streams]
    for url, length in wanted:
        path = relative(url, links.base)
        file = local.get(path) if path is not None else None
        if path is not None and (file is None or length not in (None, file.size)):
            problem = "is missing" if file is None else f"is not {length} bytes long"
            raise DeployError(
                f"{output}: the feeds name {path}, which {problem}; run `audio-edition build` "
                "to finish the folder"
            )


def _listing(target: Target) -> dict[str, int] | None:
    """The target's files and their sizes; None for a folder not made yet."""
    run = rclone(["lsjson", target.remote, *LISTING, *LISTING_RETRIES])
    if run.returncode == 0:
        return {entry["Path"]: int(entry["Size"]) for entry in json.loads(run.stdout or "[]")}
    if any("directory not found" in error for error in run.errors):
        if target.kind == S3:
            raise MissingBucket(
                f"{target.name}: the bucket does not exist; create it first "
                "(a deploy never creates buckets)"
            )
        return None
    raise failure(target, run.errors, "listing the target")


def _make_folder(target: Target) -> None:
    run = rclone(["mkdir", target.folder])
    if run.returncode:
        raise failure(target, run.errors, "making the target's folder")


def _agree(record: Record, plan: Plan, local: dict[str, LocalFile], remote: dict[str, int]) -> None:
    """Bring the record in line with the listing: forget what is gone, note what is there."""
    record.held = {path: held for path, held in record.held.items() if path in remote}
    record.pending = {path: held for path, held in record.pending.items() if path in remote}
    for path in plan.unchanged:
        record.held[path] = (local[path].size, local[path].digest)


class _Sender:
    """Sending the plan's steps, then deleting; the record saved after each rclone run."""

    def __init__(
        self,
        output: Path,
        target: Target,
        local: dict[str, LocalFile],
        record: Record,
        report: DeployReport,
        events: Events,
    ) -> None:
        self.output = output
        self.target = target
        self.local = local
        self.record = record
        self.report = report
        self.events = events

    def go(self) -> None:
        save_record(self.output, self.target, self.record)
        for step in self.report.plan.steps:
            self._send(step)
            crashpoints.point(f"deploy:{step.name}")
        if self.report.plan.delete:
            self._delete(self.report.plan.delete)
            crashpoints.point("deploy:deleted")

    def _send(self, step: Step) -> None:
        self.events.sending(step, sum(self.local[path].size for path in step.paths))
        for path in step.paths:
            self.record.pending[path] = (self.local[path].size, self.local[path].digest)
        save_record(self.output, self.target, self.record)
        # One rclone per kind of file (each has its own headers), all at once: a run costs
        # 0.14 s of start-up, more than a small file's transfer.
        groups = _by_headers(step.paths)
        with ThreadPoolExecutor(max_workers=len(groups)) as pool:
            runs = list(pool.map(self._copy, groups.items()))
        for run in runs:
            for path in run.done:
                self.record.held[path] = self.record.pending.pop(path)
                self.report.sent.append(path)
                self.report.bytes_sent += self.local[path].size
        save_record(self.output, self.target, self.record)
        for run in runs:
            if run.returncode:
                raise failure(self.target, run.errors, f"sending {step.name}")

    def _copy(self, group: tuple[tuple[str, ...], list[str]]) -> Run:
        headers, paths = group
        flags = [f"--header-upload={header}" for header in headers]
        return self._run(["copy", str(self.output), self.target.remote, *SENDING, *flags], paths)

    def _delete(self, paths: Sequence[str]) -> None:
        self.events.deleting(paths)
        run = self._run(["delete", self.target.remote], paths)
        for path in run.done:
            self.record.held.pop(path, None)
            self.record.pending.pop(path, None)
            self.report.deleted.append(path)
        save_record(self.output, self.target, self.record)
        if run.returncode:
            raise failure(self.target, run.errors, "deleting files no edition uses")
        if self.target.kind != S3:
            for folder in _emptied(paths, self.local):
                rclone(["rmdir", self.target.at(folder)])

    def _run(self, arguments: list[str], paths: Iterable[str]) -> Run:
        with tempfile.TemporaryDirectory(prefix="audio-edition-deploy-") as folder:
            listed = Path(folder, "files")
            listed.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
            return rclone([*arguments, f"--files-from-raw={listed}"])


def _by_headers(paths: Sequence[str]) -> dict[tuple[str, ...], list[str]]:
    """The paths grouped by the HTTP headers they are sent with."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for path in paths:
        kind = content_type(path)
        headers = ((f"Content-Type: {kind}",) if kind else ()) + (
            f"Cache-Control: {cache_control(path)}",
        )
        groups.setdefault(headers, []).append(path)
    return groups


def _emptied(deleted: Sequence[str], local: dict[str, LocalFile]) -> list[str]:
    """Top folders of deleted files in which no published file is left."""
    kept = {path.split("/", 1)[0] for path in local if "/" in path}
    return sorted({path.split("/", 1)[0] for path in deleted if "/" in path} - kept)
