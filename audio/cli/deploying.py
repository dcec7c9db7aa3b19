"""The command that puts the published folder where listeners fetch it: deploy; and the deploy
that `build --deploy` and `watch --deploy` run after each build, under the build's lock."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from audio.cli.app import OutOption, QuietOption, command, err, out, settings_with
from audio.errors import AudioEditionError
from audio.settings import Settings

if TYPE_CHECKING:
    from audio.builds.build import Report
    from audio.hosting.deploy import DeployReport, Target
    from audio.hosting.deploy.plan import Plan, Step

ToOption = Annotated[
    str | None,
    typer.Option(
        "--to",
        help="s3://BUCKET/PREFIX, sftp://USER@HOST/PATH, webdav+https://HOST/PATH, an rclone "
        "remote NAME:PATH or a folder (default: the deploy setting).",
    ),
]
FilesOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="Also every file to send and to delete.")
]
DeployOption = Annotated[
    bool,
    typer.Option("--deploy", help="Then deploy the output folder to the deploy setting's target."),
]


@command
def deploy(
    out_dir: OutOption = None,
    to: ToOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be sent and deleted; change nothing.")
    ] = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="If a build is running, wait for it.")
    ] = False,
    quiet: QuietOption = False,
    verbose: FilesOption = False,
) -> None:
    """Put the output folder on the web host: new and changed files first, the feed last, and
    the files of removed editions deleted once the new feed is up.

    Example: audio-edition deploy --to s3://podcast-bucket/kommentare --dry-run
    """
    from audio.hosting.deploy import deploy_output

    settings = settings_with(output=out_dir)
    shown = Shown(quiet, verbose or dry_run)
    show(deploy_output(settings, to, dry_run=dry_run, wait=wait, events=shown), quiet)


def target_of(settings: Settings) -> Target:
    """The deploy setting's target, checked before a build starts."""
    from audio.hosting.deploy import parse_target

    return parse_target(settings.deploy)


class DeployAfter:
    """The deploy a build runs while it still holds the lock; shown after the build's summary."""

    def __init__(self, settings: Settings, target: Target, quiet: bool) -> None:
        self.settings = settings
        self.target = target
        self.quiet = quiet
        self.report: DeployReport | None = None
        self.error: AudioEditionError | None = None

    def __call__(self, build: Report) -> None:
        from audio.hosting.deploy import deploy_locked

        try:
            self.report = deploy_locked(self.settings, self.target)
        except AudioEditionError as error:
            self.error = error

    def show(self) -> None:
        """The deploy's line, or its error raised."""
        if self.error is not None:
            raise self.error
        if self.report is not None:
            show(self.report, self.quiet)


def show(report: DeployReport, quiet: bool) -> None:
    sent, deleted = len(report.plan.sending), len(report.plan.delete)
    unchanged = len(report.plan.unchanged)
    if report.dry_run:
        out.say(
            f"{report.target.name}: would send {_files(sent)} "
            f"({_size(report.planned_bytes)}) and delete {deleted}; {unchanged} unchanged "
            "(dry run: nothing was changed)"
        )
        return
    sent = len(report.sent)
    if quiet and not sent and not report.deleted:
        return
    out.say(
        f"{report.target.name}: {_files(sent)} sent ({_size(report.bytes_sent)}), "
        f"{len(report.deleted)} deleted, {unchanged} unchanged, {report.seconds:.1f} s"
    )


class Shown:
    """A deploy's steps as it goes, on standard error; each file too when verbose."""

    def __init__(self, quiet: bool, verbose: bool) -> None:
        self.quiet = quiet
        self.verbose = verbose

    def waiting(self, message: str) -> None:
        if not self.quiet:
            err.say(message)

    def planned(self, plan: Plan) -> None:
        if self.verbose and not self.quiet:
            for step in plan.steps:
                for path in step.paths:
                    err.say(f"send    {path}  ({step.name})")
            for path in plan.delete:
                err.say(f"delete  {path}")

    def sending(self, step: Step, size: int) -> None:
        if not self.quiet:
            err.say(f"sending {step.name}: {_files(len(step.paths))}, {_size(size)}")

    def deleting(self, paths: Sequence[str]) -> None:
        if not self.quiet:
            err.say(f"deleting {_files(len(paths))} no edition uses")


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{round(size / 1e3)} kB"
