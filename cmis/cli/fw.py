"""``cmis fw``: firmware info, image building, update with a progress bar, run, commit, abort."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from cmis.cdb.abort import abort_running
from cmis.cli.fw_image import make_image, parse_version
from cmis.cli.fw_info import info, password_option, read, updater
from cmis.cli.session import with_module
from cmis.firmware.file import read_firmware_file
from cmis.firmware.updater import Progress as ProgressCallback
from cmis.host.module import Module


@click.group()
def fw() -> None:
    """Firmware through CDB: info, make-image, update, run, commit, abort."""


fw.add_command(make_image)
fw.add_command(info)
fw.add_command(read)


@fw.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@password_option
@click.option(
    "--expect-version",
    default=None,
    metavar="X.Y.Z",
    help="Version the module must run after Run (OCFW files carry their own).",
)
@click.option("--verify", is_flag=True, help="Read the image back (0105h) before running it.")
@click.option(
    "--no-commit", is_flag=True, help="Stop after Run; the old image stays the boot image."
)
@click.option("--no-run", is_flag=True, help="Stop after the download (implies --no-commit).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@with_module
def update(
    module: Module, file: Path, password: int | None, expect_version: str | None, verify: bool,
    no_commit: bool, no_run: bool, quiet: bool,
) -> None:  # fmt: skip
    """Download FILE (any vendor file), run it, check the version, commit (abort on failure)."""
    expect = _version(expect_version) if expect_version is not None else None
    no_commit = no_commit or no_run
    image = read_firmware_file(file)
    with _progress_bar(quiet) as progress:
        result = updater(module, password, progress).update(
            image, commit=not no_commit, expect=expect, verify=verify, run=not no_run
        )
    if no_run:
        click.echo(
            f"downloaded to image {result.inactive.slot}; still running {result.running.slot}"
        )
        return
    running = result.running
    state = "committed" if running.committed else "NOT committed (run 'cmis fw commit')"
    click.echo(f"running image {running.slot}: {running.label}, {state}")


def _version(text: str) -> tuple[int, int, int]:
    try:
        return parse_version(text)
    except click.BadParameter as err:
        raise click.BadParameter(err.message, param_hint="'--expect-version'") from None


@contextmanager
def _progress_bar(quiet: bool) -> Iterator[ProgressCallback | None]:
    if quiet:
        yield None
        return
    columns = (TextColumn("{task.description:<9}"), BarColumn(), DownloadColumn(),
               TransferSpeedColumn(), TimeRemainingColumn())  # fmt: skip
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task("start", total=None)

        def report(phase: str, done: int, total: int) -> None:
            if phase == "download":
                bar.update(task, description=phase, completed=done, total=total)
            else:
                bar.update(task, description=phase)

        yield report


@fw.command()
@click.option(
    "--mode",
    type=click.IntRange(0, 3),
    default=None,
    help="0/1 reset/hitless to inactive, 2/3 to running (default: hitless if offered).",
)
@click.option("--delay", "delay_ms", type=click.IntRange(0, 65535), default=0, help="ms")
@password_option
@with_module
def run(module: Module, mode: int | None, delay_ms: int, password: int | None) -> None:
    """Run Firmware Image (0109h) and wait for the module to come back."""
    result = updater(module, password).run(mode, delay_ms)
    click.echo(f"running image {result.running.slot}: {result.running.label}")


@fw.command()
@password_option
@with_module
def commit(module: Module, password: int | None) -> None:
    """Commit (010Ah): the running image becomes the boot image."""
    result = updater(module, password).commit()
    click.echo(f"committed image {result.running.slot}: {result.running.label}")


@fw.command()
@click.option(
    "--running",
    is_flag=True,
    help="First stop the CDB command in progress (CMD Abort 0004h), e.g. a stuck block write.",
)
@password_option
@with_module
def abort(module: Module, running: bool, password: int | None) -> None:
    """Abort Firmware Download (0102h); with --running, CMD Abort (0004h) first."""
    u = updater(module, password)
    if running:
        click.echo(abort_running(u.client).line())
    u.abort()
    click.echo("download aborted")
