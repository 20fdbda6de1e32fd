"""``cmis fw make-image``: build a test firmware image (our OCFW format) into a file, safely."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from cmis.cli.output import atomic_write, check_output_path
from cmis.errors import cut
from cmis.firmware.file import parse_version as version_of
from cmis.firmware.image import FIELDS_SIZE, MAX_IMAGE_SIZE, FirmwareImageError

MAX_HEADER = 255  # the header_size field is one byte


@click.command("make-image")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--version", "version", default="3.8.0", show_default=True, help="MAJOR.MINOR.BUILD")
@click.option(
    "--size", default="1M", show_default=True, help="Payload bytes (K/M suffixes, up to 16M)."
)
@click.option(
    "--header-size",
    type=click.IntRange(FIELDS_SIZE, MAX_HEADER),
    default=64,
    show_default=True,
    help="The module's StartCmdPayloadSize.",
)
@click.option("--defect", type=click.Choice(["crc", "magic", "length", "truncated", "header"]))
def make_image(out: Path, version: str, size: str, header_size: int, defect: str | None) -> None:
    """Build an OCFW image the emulator accepts (or a deliberately broken one)."""
    parts = parse_version(version)
    payload = _size(size, MAX_IMAGE_SIZE - header_size)
    check_output_path(out)
    make = importlib.import_module("emulator").make_firmware_image  # run time: cmis stays light
    image = make(parts, payload, header_size=header_size, defect=defect)
    atomic_write(out, image)
    click.echo(f"wrote {out} ({len(image)} bytes, version {version})")


def parse_version(text: str) -> tuple[int, int, int]:
    try:
        return version_of(text)
    except FirmwareImageError as err:
        raise click.BadParameter(str(err), param_hint="'--version'") from None


def _size(text: str, most: int) -> int:
    """``65536``, ``64K`` or ``1M`` -> bytes, 1 to ``most``."""
    scale = {"K": 1024, "M": 1024 * 1024}.get(text[-1:].upper(), 1)
    digits = text[:-1] if scale > 1 else text
    size = int(digits) * scale if digits.isdigit() and len(digits) <= 9 else None
    if size is None or not 1 <= size <= most:
        raise click.BadParameter(
            f"{cut(text)}: expected a payload of at least 1 and at most {most} bytes "
            f"(16 MiB with the header), like 65536, 64K or 1M",
            param_hint="'--size'",
        )
    return size
