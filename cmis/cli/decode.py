"""``cmis decode FILE``: decode a saved memory image (optoe binary or hex dump)."""

from __future__ import annotations

import click

from cmis.cli.output import console, print_json
from cmis.cli.render import render_report
from cmis.codec.report import module_report
from cmis.codec.report_pages import other_pages
from cmis.images import MemoryImage
from cmis.images.source import shown
from cmis.transport.image import ImageTransport


@click.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print the decode as JSON.")
def decode(file: str, as_json: bool) -> None:
    """Decode a saved module memory image: identity, state, monitors, applications, lanes.

    What the dump does not hold is listed as missing and never decoded as zeros.
    """
    image = MemoryImage.load(file)
    report = module_report(ImageTransport(image))
    report["notes"] = image.notes
    report["other_pages"] = other_pages(image)
    if as_json:
        print_json(report)
    else:
        render_report(console, report, title=shown(file))
