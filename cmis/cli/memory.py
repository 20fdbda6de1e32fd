"""Raw memory: ``dump`` (ethtool-like page/bank/offset/length, hex, raw, all)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cmis.cli.output import atomic_write, check_image_path, print_json
from cmis.cli.params import Number
from cmis.cli.session import json_option, with_module
from cmis.codec.address import check_access, halves
from cmis.host.advertised import check_advertised
from cmis.host.module import Module
from cmis.host.vdm import vdm_pages
from cmis.images import MemoryImage, dump_text, to_linear
from cmis.images.writers import image_bytes


def hex_rows(offset: int, data: bytes) -> str:
    """``ethtool -m ... hex on`` rows: 16 bytes a row, addresses as the module numbers them."""
    lines = ["Offset\t\tValues", "------\t\t------"]
    for start in range(0, len(data), 16):
        row = " ".join(f"{b:02x}" for b in data[start : start + 16])
        lines.append(f"0x{offset + start:04x}:\t\t{row} ")
    return "\n".join(lines)


def all_pages(module: Module) -> MemoryImage:
    """Lower memory and every page the module advertises (00h-02h, 10h/11h per bank, VDM)."""
    image = MemoryImage()
    image.set_lower(module.lower())
    pages = [0x00] if not module.paged else [0x00, 0x01, 0x02]
    for page in pages:
        image.set_page(page, module.page(page))
    for bank in range(module.banks):
        for page in (0x10, 0x11):
            image.set_page(page, module.page(page, bank), bank)
    for page, bank in vdm_pages(module):
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
@click.option(
    "--save", help="Also save what is dumped as an image file (.txt, .hex; .bin for whole pages)."
)
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
    target = _save_target(save)
    if everything:
        image = all_pages(module)
        _save(image, target)
        _out_image(image, raw, as_json)
        return
    start = offset if offset is not None else (128 if page else 0)
    size = length if length is not None else (256 if start >= 128 else 128) - start
    check_access(page, start, size, bank)
    _check_range_format(target, start, size)
    data = read_checked(module, page, start, size, bank)
    _save(range_image(page, bank, start, data), target)
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


def range_image(page: int, bank: int, offset: int, data: bytes) -> MemoryImage:
    """An image holding just ``data``; the rest of the areas it touches is marked absent."""
    image = MemoryImage()
    for start, stop in halves(offset, offset + len(data)):
        base = start - start % 128
        image.mark_unknown(page, base, 128, bank)
        image.write(page, start, data[start - offset : stop - offset], bank)
    return image


def _save_target(save: str | None) -> tuple[Path, str] | None:
    """Where and in which format --save writes; bad names refused before the module is read."""
    return None if save is None else check_image_path(save)


def _check_range_format(target: tuple[Path, str] | None, offset: int, length: int) -> None:
    whole = offset % 128 == 0 and length % 128 == 0
    if target is not None and target[1] == "linear-binary" and not whole:
        raise click.BadParameter(
            "a .bin image holds whole 128-byte pages only; save a part of a page as .txt or .hex",
            param_hint="--save",
        )


def _save(image: MemoryImage, target: tuple[Path, str] | None) -> None:
    if target is not None:
        atomic_write(target[0], image_bytes(image, target[1]))


def _out_image(image: MemoryImage, raw: bool, as_json: bool) -> None:
    if raw:
        sys.stdout.buffer.write(to_linear(image))
    elif as_json:
        pages = [
            {"bank": b, "page": p, "hex": image.page(p, b).hex()} for b, p in image.page_keys()
        ]
        print_json({"lower": bytes(image.lower or b"").hex(), "pages": pages})
    else:
        click.echo(dump_text(image, "ethtool"), nl=False)
