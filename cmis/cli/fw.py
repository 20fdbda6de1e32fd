"""``cmis fw``: firmware info, image building, update with a progress bar, run, commit, abort."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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

from cmis.cdb.client import CdbClient
from cmis.cli.fw_image import make_image
from cmis.cli.session import json_option, with_module
from cmis.codec.numbers import parse_number
from cmis.firmware.image import check_image, check_size
from cmis.firmware.info import FirmwareInfo
from cmis.firmware.updater import FirmwareUpdater
from cmis.firmware.updater import Progress as ProgressCallback
from cmis.host.module import Module

password_option = click.option(
    "--password", default=None, help="Host password (e.g. 0x00001011) for locked firmware commands."
)


def updater(module: Module, password: str | None, progress: ProgressCallback | None = None):
    """The firmware updater for the session's module (CDB instance 1)."""
    client = CdbClient(module.transport, clock=module.clock)
    pw = parse_number(password) if password is not None else None
    return FirmwareUpdater(client, password=pw, progress=progress)


@click.group()
def fw() -> None:
    """Firmware through CDB: info, make-image, update, run, commit, abort."""


fw.add_command(make_image)


@fw.command()
@password_option
@json_option
@with_module
def info(module: Module, password: str | None, as_json: bool) -> None:
    """Images A/B (version, running, committed, valid) and the download features."""
    u = updater(module, password)
    features, fw_info = u.features(), u.info()
    if as_json:
        click.echo(json.dumps({"images": _images(fw_info), "features": vars(features)}, indent=2))
        return
    for image in _images(fw_info):
        flags = ", ".join(k for k in ("running", "committed") if image[k]) or "-"
        click.echo(f"image {image['slot']}: {image['version']:<12} {flags:<20} {image['text']}")
    how = "EPL" if features.use_epl(u.client.advertisement) else "LPL"
    block = features.block_size(u.client.advertisement)
    click.echo(
        f"download: {how} blocks of {block} bytes, header {features.start_payload_size} bytes, "
        f"hitless run: {features.hitless}"
    )


def _images(info: FirmwareInfo) -> list[dict[str, Any]]:
    return [{"slot": i.slot, "version": i.label, "text": i.text, "running": i.running,
             "committed": i.committed, "valid": i.valid} for i in info.images]  # fmt: skip


@fw.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@password_option
@click.option(
    "--no-commit", is_flag=True, help="Stop after Run; the old image stays the boot image."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@with_module
def update(module: Module, file: Path, password: str | None, no_commit: bool, quiet: bool) -> None:
    """Download FILE, run it, check the version, commit (abort on any failure after Start)."""
    check_size(file.stat().st_size)  # before reading a wrong, huge file into memory
    image = file.read_bytes()
    check_image(image)
    with _progress_bar(quiet) as progress:
        result = updater(module, password, progress).update(image, commit=not no_commit)
    running = result.running
    state = "committed" if running.committed else "NOT committed (run 'cmis fw commit')"
    click.echo(f"running image {running.slot}: {running.label}, {state}")


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
def run(module: Module, mode: int | None, delay_ms: int, password: str | None) -> None:
    """Run Firmware Image (0109h) and wait for the module to come back."""
    result = updater(module, password).run(mode, delay_ms)
    click.echo(f"running image {result.running.slot}: {result.running.label}")


@fw.command()
@password_option
@with_module
def commit(module: Module, password: str | None) -> None:
    """Commit (010Ah): the running image becomes the boot image."""
    result = updater(module, password).commit()
    click.echo(f"committed image {result.running.slot}: {result.running.label}")


@fw.command()
@password_option
@with_module
def abort(module: Module, password: str | None) -> None:
    """Abort Firmware Download (0102h)."""
    updater(module, password).abort()
    click.echo("download aborted")
