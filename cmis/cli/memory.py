"""Raw memory: ``dump`` (ethtool-like page/bank/offset/length, hex, raw, all)."""

from __future__ import annotations

import sys

import click

from cmis.address import check_access
from cmis.cli.output import check_image_path, print_json, save_image
from cmis.cli.params import Number
from cmis.cli.session import json_option, with_module
from cmis.host.advertised import check_advertised
from cmis.image import MemoryImage
from cmis.module import Module


def hex_rows(offset: int, data: bytes) -> str:
    """``ethtool -m ... hex on`` rows: 16 bytes a row, addresses as the module numbers them."""
    lines = ["Offset\t\tValues", "------\t\t------"]
    for start in range(0, len(data), 16):
        row = " ".join(f"{b:02x}" for b in data[start : start + 16])
        lines.append(f"0x{offset + start:04x}:\t\t{row} ")
    return "\n".join(lines)


def all_pages(module: Module) -> MemoryImage:
    """Lower memory and every page the module advertises (00h-02h, 10h/11h per bank)."""
    image = MemoryImage()
    image.set_lower(module.lower())
    pages = [0x00] if not module.paged else [0x00, 0x01, 0x02]
    for page in pages:
        image.set_page(page, module.page(page))
    for bank in range(module.banks):
        for page in (0x10, 0x11):
            image.set_page(page, module.page(page, bank), bank)
    return image


@click.command()
@click.option("--page", "-p", type=Number(), default=0, show_default=True, help="Page (0x11, 11h).")
@click.option("--bank", "-b", type=Number(), default=0, show_default=True)
@click.option("--offset", "-o", type=Number(), default=None, help="Byte 0-255 [0, 128 if page>0].")
@click.option("--length", "-l", type=Number(1, 256), default=None, help="Bytes [to the page end].")
@click.option("--hex", "as_hex", is_flag=True, help="ethtool-style hex rows (the default text).")
@click.option("--raw", is_flag=True, help="Raw bytes on stdout.")
@click.option("--all", "everything", is_flag=True, help="Lower memory and every advertised page.")
@click.option("--save", type=click.Path(dir_okay=False), help="With --all: save an image file.")
@json_option
@with_module
def dump(
    module: Module,
    page: int,
    bank: int,
    offset: int | None,
    length: int | None,
    as_hex: bool,
    raw: bool,
    everything: bool,
    save: str | None,
    as_json: bool,
) -> None:
    """Dump module memory: one range (like `ethtool -m DEV hex on page P ...`) or --all."""
    if everything:
        if save:
            check_image_path(save)  # before a byte is read: a bad path wastes no bus time
        image = all_pages(module)
        _out_image(image, raw, save, as_json)
        return
    start = offset if offset is not None else (128 if page else 0)
    size = length if length is not None else (256 if start >= 128 else 128) - start
    data = read_checked(module, page, start, size, bank)
    if raw:
        sys.stdout.buffer.write(data)
    else:
        show_bytes(page, bank, start, data, as_json)


def read_checked(module: Module, page: int, offset: int, length: int, bank: int) -> bytes:
    """Bytes of a raw range, after the address and the module's advertising are checked."""
    check_access(page, offset, length, bank)
    check_advertised(module, page, bank)
    return module.read(page, offset, length, bank)


def show_bytes(page: int, bank: int, offset: int, data: bytes, as_json: bool) -> None:
    """A raw range as ethtool-style hex rows, or as one JSON object."""
    if as_json:
        print_json(
            {"page": page, "bank": bank, "offset": offset, "length": len(data), "hex": data.hex()}
        )
    else:
        click.echo(hex_rows(offset, data))


def _out_image(image: MemoryImage, raw: bool, save: str | None, as_json: bool) -> None:
    if save:
        save_image(image, save)
    if raw:
        sys.stdout.buffer.write(image.to_linear())
    elif as_json:
        pages = [
            {"bank": b, "page": p, "hex": image.page(p, b).hex()} for b, p in image.page_keys()
        ]
        print_json({"lower": bytes(image.lower or b"").hex(), "pages": pages})
    else:
        click.echo(image.dumps("ethtool"), nl=False)
