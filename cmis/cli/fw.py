"""``cmis fw``: firmware info, image building, update with a progress bar, run, commit, abort."""

from __future__ import annotations

import importlib
import json
import re
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

from cmis.cdb import CdbClient
from cmis.cli.session import json_option, with_module
from cmis.firmware import FirmwareUpdater
from cmis.firmware import Progress as ProgressCallback
from cmis.firmware_info import FirmwareInfo
from cmis.fwimage import check_image, check_size
from cmis.module import Module
from cmis.numbers import parse_number

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


@fw.command("make-image")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--version", "version", default="3.8.0", show_default=True, help="MAJOR.MINOR.BUILD")
@click.option("--size", default="1M", show_default=True, help="Payload bytes (K/M suffixes).")
@click.option(
    "--header-size", default=64, show_default=True, help="The module's StartCmdPayloadSize."
)
@click.option("--defect", type=click.Choice(["crc", "magic", "length", "truncated", "header"]))
def make_image(out: Path, version: str, size: str, header_size: int, defect: str | None) -> None:
    """Build an OCFW image the emulator accepts (or a deliberately broken one)."""
    if not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise click.BadParameter(f"{version!r}: expected MAJOR.MINOR.BUILD, e.g. 3.8.0")
    parts = tuple(int(p) for p in version.split("."))
    make = importlib.import_module("emulator").make_firmware_image  # run time: cmis stays light
    image = make(parts, _size(size), header_size=header_size, defect=defect)
    out.write_bytes(image)
    click.echo(f"wrote {out} ({len(image)} bytes, version {version})")


def _size(text: str) -> int:
    scale = {"K": 1024, "M": 1024 * 1024}.get(text[-1:].upper(), 1)
    digits = text[:-1] if scale > 1 else text
    if not digits.isdigit():
        raise click.BadParameter(f"{text!r}: expected a byte count like 65536, 64K or 1M")
    return int(digits) * scale


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
