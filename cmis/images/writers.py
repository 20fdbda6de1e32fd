"""Writing a MemoryImage: sfputil hexdump, linear hex and ethtool text, optoe-linear binary.

Text formats keep absent pages absent and write unknown bytes as ``XX``; all load back. The
binary holds everything up to the highest present page, holes written as 0x00.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from cmis.codec.address import PAGE_SIZE, UPPER, is_banked, linear_offset
from cmis.errors import ImageFormatError
from cmis.images.memory import MemoryImage
from cmis.images.readers.common import Values, glyph
from cmis.images.readers.sfputil import INDENT

__all__ = ["SUFFIX_FORMATS", "TEXT_FORMATS", "dump_text", "save_image", "to_linear"]

TEXT_FORMATS = ("sfputil-hexdump", "linear-hex", "ethtool")
SUFFIX_FORMATS = {".bin": "linear-binary", ".txt": "sfputil-hexdump", ".hex": "linear-hex"}


def to_linear(image: MemoryImage) -> bytes:
    """Optoe-linear bytes up to the highest present page; holes are 0x00."""
    ends = [PAGE_SIZE] if image.lower is not None else []
    ends += [linear_offset(bank, page, 255) + 1 for bank, page in image.page_keys()]
    out = bytearray(max(ends, default=0))
    if image.lower is not None:
        out[:PAGE_SIZE] = image.lower
    for bank, page in image.page_keys():
        start = linear_offset(bank, page, UPPER)
        out[start : start + PAGE_SIZE] = image.page(page, bank)
    return bytes(out)


def image_bytes(image: MemoryImage, fmt: str) -> bytes:
    """The file content of ``image`` in ``fmt`` (``linear-binary`` or a text format)."""
    if fmt == "linear-binary":
        return to_linear(image)
    return dump_text(image, fmt).encode("ascii")


def save_image(image: MemoryImage, path: str | os.PathLike[str], fmt: str | None = None) -> None:
    """Write a file; ``fmt`` defaults from the suffix (.bin, .txt or .hex)."""
    fmt = fmt or format_for(path)
    Path(path).write_bytes(image_bytes(image, fmt))


def format_for(path: str | os.PathLike[str]) -> str:
    """The format a file name's suffix asks for (.bin, .txt, .hex)."""
    fmt = SUFFIX_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ImageFormatError(
            f"cannot tell the format of {os.fspath(path)[:40]!r} from its suffix: "
            f"use .bin, .txt or .hex, or pass fmt"
        )
    return fmt


def dump_text(image: MemoryImage, fmt: str = "sfputil-hexdump") -> str:
    """Hex text: ``sfputil-hexdump``, ``linear-hex`` or ``ethtool``; all load back."""
    writers: dict[str, Callable[[MemoryImage], Iterator[str]]] = {
        "sfputil-hexdump": _sfputil_lines,
        "linear-hex": _linear_lines,
        "ethtool": _ethtool_lines,
    }
    if fmt not in writers:
        raise ImageFormatError(f"unknown text format {fmt!r} (choose {', '.join(TEXT_FORMATS)})")
    return "\n".join(writers[fmt](image)) + "\n"


def _areas(image: MemoryImage) -> Iterator[tuple[int, int, int]]:
    """(bank, page, first byte address) of lower memory (0, 0, 0) and each page held."""
    if image.lower is not None:
        yield 0, 0, 0
    for bank, page in image.page_keys():
        yield bank, page, UPPER


def _rows(image: MemoryImage, bank: int, page: int, base: int) -> Iterator[tuple[int, Values]]:
    """(byte address, 16 values or None where unknown) for one 128-byte area."""
    for start in range(base, base + 128, 16):
        data = image.read(page, start, 16, bank)
        known = [image.is_known(page, start + i, bank) for i in range(16)]
        yield start, [value if ok else None for value, ok in zip(data, known, strict=True)]


def _hex(values: Values) -> str:
    return " ".join("XX" if value is None else f"{value:02x}" for value in values)


def _sfputil_lines(image: MemoryImage) -> Iterator[str]:
    """sfputil show eeprom-hexdump layout; banked pages say their bank as CPO tools do."""
    yield "EEPROM hexdump (cmis-tools memory image)"
    for bank, page, base in _areas(image):
        bank_note = f" bank {bank:x}h" if is_banked(page) else ""
        yield f"{INDENT}{'Lower' if base < UPPER else 'Upper'} page {page:x}h{bank_note}"
        for start, values in _rows(image, bank, page, base):
            text = "".join("." if glyph(value) == "\0" else glyph(value) for value in values)
            yield f"{INDENT}{start:08x} {_hex(values[:8])}  {_hex(values[8:])} |{text}|"
        yield ""


def _linear_lines(image: MemoryImage) -> Iterator[str]:
    yield "# CMIS memory image, optoe-linear offsets: lower memory 0-127, upper byte B (128-255)"
    yield "# of bank K page P at (K*256+P)*128+B; XX = byte not in the dump"
    for bank, page, base in _areas(image):
        for start, values in _rows(image, bank, page, base):
            yield f"{linear_offset(bank, page, start):08x}: {_hex(values)}"


def _ethtool_lines(image: MemoryImage) -> Iterator[str]:
    """ethtool -m DEV hex on pages on: Bank/Page headings, then dump_hex rows."""
    for bank, page, base in _areas(image):
        yield from (f"Bank: 0x{bank:x}", f"Page: 0x{page:x}", "")
        yield from ("Offset\t\tValues", "------\t\t------")
        for start, values in _rows(image, bank, page, base):
            yield f"0x{start:04x}:\t\t" + "".join(f"{cell} " for cell in _hex(values).split())
        yield ""
