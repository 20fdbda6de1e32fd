"""``cmis decode FILE``: decode a saved memory image (optoe binary or hex dump)."""

from __future__ import annotations

from pathlib import Path

import click

from cmis.cli.output import console, print_json
from cmis.cli.render import render_report
from cmis.errors import ImageFormatError
from cmis.images import MemoryImage
from cmis.report import module_report
from cmis.transport.image import ImageTransport


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the decode as JSON.")
def decode(file: Path, as_json: bool) -> None:
    """Decode a saved module memory image: identity, state, monitors, applications, lanes."""
    if not file.is_file():
        raise ImageFormatError(f"{file}: no such file")
    image = MemoryImage.load(file)
    if image.lower is None:
        raise ImageFormatError(f"{file}: the dump has no lower memory (bytes 0-127) to decode")
    report = module_report(ImageTransport(image))
    if as_json:
        print_json(report)
    else:
        render_report(console, report, title=str(file))
