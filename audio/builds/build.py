"""A build of the output folder: decide what is stale, build it, publish from complete editions.

The order of writes is what makes a killed build harmless:
1. editions are rendered into the staging folder, where nothing published changes;
2. the feeds and the site are rendered in memory from the editions that are complete; an edition
   that cannot be rendered fails alone;
3. the editions' files, the documents and the manifest are switched in as one step
   (audio/builds/journal.py), then the files no edition uses any more are deleted.
The next build after a kill finishes a switch that had begun, adopts what was completely staged,
and sweeps away edition files that no manifest names.

Every article's failure is its own: whatever goes wrong while reading, rendering or publishing
one article is reported with its file, and the others are published. What fails the build as a
whole (the settings, a full disk, an unwritable output folder) is one message, never a traceback,
and leaves the previous publication.

A build with nothing to do reads the manifest, hashes the articles, looks at file sizes and stops:
it imports no audio, feed or imaging library and starts no worker.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from audio.builds import journal, staging
from audio.builds.identity import Identities
from audio.builds.lock import build_lock
from audio.builds.manifest import Manifest, Record, all_in_place, load_manifest
from audio.builds.retire import retire, sweep
from audio.builds.staleness import Digests, Plan, plan
from audio.builds.validate import validate
from audio.errors import AudioEditionError
from audio.files import target_name
from audio.mastering.renditions import SPEAKER
from audio.settings import Settings
from audio.text.article import Article
from audio.text.readers import find_articles, read_article

BUILT, RETAGGED, UNCHANGED, REMOVED, KEPT, FAILED = (
    "built",
    "re-tagged",
    "unchanged",
    "removed",
    "kept",
    "failed",
)


@dataclass
class Outcome:
    """What a build did with one article."""

    source: Path
    action: str
    record: Record | None = None
    error: str | None = None
    detail: str | None = None
    """A traceback, when something failed that should not have."""
    warnings: list[str] = field(default_factory=list)
    why: str | None = None
    """Why the edition was built again."""
    seconds: float = 0.0


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    output: Path = Path()
    warnings: list[str] = field(default_factory=list)
    """About the publication as a whole (feeds, site), not one article."""

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.action == FAILED]

    def count(self) -> Counter[str]:
        return Counter(o.action for o in self.outcomes)


class Events:
    """What a build tells whoever watches it; the CLI's progress display overrides these."""

    def waiting(self, message: str) -> None:
        """Another build holds the output folder and this one waits for it."""

    def started(self, sources: list[str]) -> None:
        """These articles are about to be rendered or re-tagged."""

    def status(self, source: str, text: str) -> None:
        """What is happening to an article right now."""

    def finished(self, outcome: Outcome) -> None:
        """An article is done with, in whatever way."""


def default_jobs() -> int:
    """One worker per core this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def build_output(
    settings: Settings,
    *,
    jobs: int | None = None,
    keep: bool = False,
    force: bool = False,
    wait: bool = False,
    verify: bool = False,
    events: Events | None = None,
    after: Callable[[Report], object] | None = None,
) -> Report:
    """Bring the output folder up to date with the articles and the settings; then `after`,
    still holding the lock (a deploy reads the folder as this build left it). `verify`: also
    compare every published file with the digest its name carries, and build again what does
    not match (bit rot); without it, sizes are compared (docs/robustness.md says why)."""
    validate(settings)
    events = events or Events()
    output = settings.output
    sources = find_articles(settings.articles)
    try:
        with build_lock(output, wait, events.waiting):
            run = _Build(settings, output, keep, force, verify, events)
            run.go(sources, jobs or default_jobs())
            if "audio.cache" in sys.modules:  # else nothing was read from the cache here
                run.report.warnings += sys.modules["audio.cache"].notices()
            if after is not None:
                after(run.report)
    except OSError as error:
        raise AudioEditionError(_unwritable(output, error)) from error
    return run.report


def _unwritable(output: Path, error: OSError) -> str:
    """What a build that could not write says: where, why, and what is published now."""
    name = target_name(Path(error.filename).name) if error.filename else None
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        why = f"the disk is full (writing {name})" if name else "the disk is full"
    else:
        why = f"cannot write {name or 'there'} ({error.strerror or error})"
    if journal.pending(output):
        state = "the new publication is in place but not every document is switched in yet; "
        state += "the next build finishes it"
    else:
        state = "nothing new was published, the previous publication stays"
    return f"{output}: {why}: {state}"


class _Build:
    """One build's state; the steps in `go` run in the order the module docstring gives."""

    def __init__(
        self,
        settings: Settings,
        output: Path,
        keep: bool,
        force: bool,
        verify: bool,
        events: Events,
    ) -> None:
        self.settings = settings
        self.output = output
        self.keep = keep
        self.force = force
        self.verify = verify
        self.events = events
        self.report = Report(output=output)
        self.manifest = Manifest()
        self.records: dict[str, Record] = {}
        """What will be published, by article file name."""
        self.staged: dict[str, tuple[Path, Record]] = {}
        self.stage: Path | None = None
        self.outcomes: dict[str, Outcome] = {}

    def go(self, sources: list[Path], processes: int) -> None:
        # A switch a killed build began is finished first: until then the manifest names
        # documents still in its staging folder.
        self.manifest = journal.finish(self.output, load_manifest(self.output))
        self.report.warnings += [
            f"{self.output / 'manifest.json'} names {path}, outside the output folder: ignored"
            for path in self.manifest.refused
        ]
        killed = staging.left_over(self.output)
        staging.remove_temporaries(self.output)
        try:
            published = self._go(sources, processes)
        except Exception:
            # Before the journal, the files this build moved into place are no one's: swept,
            # with the stage, to give back the disk a full disk needs. After it, the next build
            # finishes the switch from the stage.
            if not journal.pending(self.output):
                with contextlib.suppress(OSError):
                    staging.discard(self.output)
                    self._sweep()
            raise
        if published or killed:
            self._sweep()
        staging.discard(self.output)

    def _go(self, sources: list[Path], processes: int) -> bool:
        """The build's steps; True when it published."""
        from audio.builds.workers import engine_for
        from audio.voice.engines import fallback_warning, wanted_identity

        # Plan with the engine the settings ask for, named without opening it: `auto` asks
        # Google whether it answers, which a build with nothing to narrate need not wait for.
        wanted = wanted_identity(self.settings)
        self.digests = Digests.of(self.settings, wanted)
        work = self._plan(sources)
        engine = engine_for(self.settings) if work.build else None
        if engine is not None and engine.identity != wanted:
            # An offline stand-in narrates: editions the wanted engine made are kept, and
            # editions the stand-in made before count as current until Google answers.
            self.digests = Digests.of(self.settings, engine.identity, wanted)
            work = self._plan(sources)
        self.why = work.why
        for name, record in work.unchanged.items():
            self.records[name] = record
            self._finish(Outcome(self.settings.articles / name, UNCHANGED, record))
        for name, record in work.removed.items():
            if self.keep:
                self.records[name] = record
            action = KEPT if self.keep else REMOVED
            self._finish(Outcome(self.settings.articles / name, action, record))
        jobs = self._jobs(work)
        if jobs and engine is not None and (warning := fallback_warning(engine)):
            self.report.warnings.append(warning)
        self.events.started([*work.retag, *(job.source for job in jobs)])
        for name, record in work.retag.items():
            self._retag(name, record)
        self._build_editions(jobs, processes)
        if self._settle() or self._publication_outdated():
            self._publish()
            return True
        retire(self.output, set(self.manifest.retired), self._in_use())
        return False

    def _plan(self, sources: list[Path]) -> Plan:
        return plan(sources, self.manifest, self.digests, self.output, self.force, self.verify)

    def _jobs(self, work: Plan) -> list[Any]:
        """Read the articles to render, refuse clashing file names, adopt what a killed build
        staged; what is left are the jobs for the workers."""
        from audio.builds.workers import Job
        from audio.text.calendar import NEWSROOM_TZ

        left_behind = staging.left_behind(self.output)
        staying = {*self.records, *work.retag, *work.build}
        owners = {r.slug: n for n, r in self.manifest.records.items() if n in staying}
        identities = Identities(self.manifest, work, {} if self.keep else work.removed)
        now = datetime.now(NEWSROOM_TZ).replace(microsecond=0)
        jobs = []
        for name, source in work.build.items():
            inputs = self.digests.inputs(work.content[name])
            previous = self.manifest.records.get(name)
            try:
                article = _read(source, self.settings)
                other = owners.setdefault(article.slug, name)
                if other != name:
                    raise AudioEditionError(
                        f"{source}: would be published as {article.slug}.mp3 like "
                        f"{source.parent / other}; give one of them another title or date"
                    )
            except AudioEditionError as error:
                self._fail(Outcome(source, FAILED, error=str(error)), previous)
                continue
            adoptable = left_behind.get(name)
            if adoptable and adoptable[1].inputs == inputs and not self.force:
                self.staged[name] = adoptable
                outcome = Outcome(source, BUILT, adoptable[1], why="staged by a killed build")
                self._finish(outcome, list(article.warnings))
                continue
            guid, published = identities.of(name, article, now)
            jobs.append(Job(name, article, published, inputs, previous is not None, guid))
        return jobs

    def _stage(self) -> Path:
        if self.stage is None:
            self.stage = staging.new_stage(self.output)
        return self.stage

    def _retag(self, name: str, record: Record) -> None:
        from audio.edition.stages import retag_edition

        source = self.settings.articles / name
        self.events.status(name, "re-tagging")
        stage = self._stage()
        try:
            edition = retag_edition(record.to_edition(), self.settings, self.output, stage)
        except (AudioEditionError, OSError) as error:
            self._fail(Outcome(source, FAILED, error=f"{source}: cannot re-tag: {error}"), record)
            return
        except Exception as error:
            self._fail(_unexpected(source, error), record)
            return
        # The MP3s are new files now; the old ones are retired once the publication is written.
        replaced = {record.edition["audio"], record.edition.get("files", {}).get(SPEAKER)}
        kept = {path: size for path, size in record.files.items() if path not in replaced}
        files = {**kept, **staging.staged_files(stage, edition.slug)}
        retagged = Record(edition.to_json(), self.digests.inputs(record.inputs.content), files)
        self.staged[name] = (stage, retagged)
        self._finish(Outcome(source, RETAGGED, retagged))

    def _build_editions(self, jobs: list[Any], processes: int) -> None:
        if not jobs:
            return
        from audio.builds.workers import build_all

        by_name = {job.source: job for job in jobs}
        for result in build_all(jobs, self.settings, self._stage(), processes, self.events.status):
            job = by_name[result.source]
            outcome = Outcome(
                job.article.source,
                BUILT if result.record else FAILED,
                result.record,
                error=result.error,
                detail=result.detail,
                warnings=list(result.warnings),
                why=self.why.get(result.source),
                seconds=result.seconds,
            )
            if result.record:
                self.staged[result.source] = (self._stage(), result.record)
                self._finish(outcome, list(job.article.warnings))
            else:
                self._fail(outcome, self.manifest.records.get(result.source))

    def _settle(self) -> bool:
        """Take the staged editions whose files are all there; True when the set of editions
        changed."""
        for name, (stage, record) in self.staged.items():
            if not staging.missing(stage, record, self.output):
                self.records[name] = record
            else:
                source = self.settings.articles / name
                problem = f"{source}: staged files went missing before they were published"
                self._unpublish(name, problem)
        return self.records != self.manifest.records

    def _publication_outdated(self) -> bool:
        if self.manifest.published_with != self.digests.publishing or not self.manifest.site:
            return True
        return not all_in_place(self.output, self.manifest.site)

    def _publish(self) -> None:
        from audio.publish.writer import publication_warnings, render_site

        moves = [
            (stage / relative, relative)
            for name, (stage, record) in self.staged.items()
            if self.records.get(name) is record
            for relative in record.files
        ]
        journal.move_editions(self.output, moves)
        pages = self._pages()
        editions = [record.to_edition() for record in self.records.values()]
        site = render_site(editions, self.settings, self.output)
        self.report.warnings += publication_warnings(editions, self.settings)
        self.records = {name: _with_page(r, pages) for name, r in self.records.items()}
        kept = self._in_use()
        previous = {p for r in self.manifest.records.values() for p in r.files}
        previous |= set(self.manifest.site) - set(site)
        still_there = {p for p in self.manifest.retired if (self.output / p).exists()}
        retired = sorted((previous | still_there) - kept)
        sizes = {relative: len(data) for relative, data in site.items()}
        manifest = Manifest(self.records, self.digests.publishing, sizes, retired)
        journal.publish(self.output, self._stage(), {**pages, **site}, manifest)
        retire(self.output, set(retired), kept)

    def _pages(self) -> dict[str, bytes]:
        """The pages of the editions to publish; an edition whose page or feed item cannot be
        rendered fails, and its previous edition, if there is one, is tried in its place."""
        from audio.publish.writer import render_pages

        while True:
            editions = [record.to_edition() for record in self.records.values()]
            pages, failed = render_pages(
                editions, self.settings, self.output, self._current_pages()
            )
            if not failed:
                return pages
            slugs = {record.slug: name for name, record in self.records.items()}
            for slug, problem in failed.items():
                name = slugs[slug]
                self._unpublish(name, f"{self.settings.articles / name}: {problem}")

    def _unpublish(self, name: str, problem: str) -> None:
        """An edition that was to be published fails after all: the article's outcome says so,
        and its previous edition, if intact and not the one that failed, stays published."""
        failing = self.records.pop(name, None)
        outcome = self.outcomes.get(name) or Outcome(self.settings.articles / name, FAILED)
        outcome.action, outcome.error, outcome.record = FAILED, problem, None
        previous = self.manifest.records.get(name)
        if previous is not None and previous != failing and previous.intact(self.output):
            self.records[name] = previous
            outcome.warnings.append("its previous edition stays published")
        if name not in self.outcomes:
            self._finish(outcome)

    def _current_pages(self) -> set[str]:
        """Slugs of editions whose page needs no rendering: published from the same record with
        the same settings and code, and in place. An edited article in a corpus of 50 renders
        one page, not 50."""
        if self.manifest.published_with != self.digests.publishing:
            return set()
        return {
            record.slug
            for name, record in self.records.items()
            if self.manifest.records.get(name) == record and record.intact(self.output)
        }

    def _in_use(self) -> set[str]:
        return {path for record in self.records.values() for path in record.files}

    def _sweep(self) -> None:
        """Edition files no manifest names, moved into place by a build that was killed or
        failed before it could publish them."""
        sweep(self.output, load_manifest(self.output))

    def _fail(self, outcome: Outcome, previous: Record | None) -> None:
        """Report a failure; the article's previous edition, if intact, stays published."""
        if previous is not None and previous.intact(self.output):
            self.records[outcome.source.name] = previous
            outcome.warnings.append("its previous edition stays published")
        self._finish(outcome)

    def _finish(self, outcome: Outcome, warnings: list[str] | None = None) -> None:
        outcome.warnings[:0] = warnings or []
        self.outcomes[outcome.source.name] = outcome
        self.report.outcomes.append(outcome)
        self.events.finished(outcome)


def _read(source: Path, settings: Settings) -> Article:
    """The article, without characters XML cannot carry; any failure to read it is its own."""
    from audio.text.xmlchars import xml_safe

    try:
        return xml_safe(read_article(source, settings))
    except AudioEditionError:
        raise
    except RecursionError:
        raise AudioEditionError(f"{source}: cannot be read: it is nested too deeply") from None
    except Exception as error:  # a reader's library may raise anything on hostile input
        raise AudioEditionError(
            f"{source}: cannot be read: {type(error).__name__}: {error}"
        ) from error


def _unexpected(source: Path, error: Exception) -> Outcome:
    return Outcome(
        source,
        FAILED,
        error=f"{source}: failed unexpectedly: {type(error).__name__}: {error}",
        detail=traceback.format_exc(),
    )


def _with_page(record: Record, pages: dict[str, bytes]) -> Record:
    """The record with the size of the edition's page, when it was rendered in this build."""
    from audio.edition.model import page_path

    page = page_path(record.slug)
    if page not in pages:
        return record
    return Record(record.edition, record.inputs, {**record.files, page: len(pages[page])})
