"""optoe-linear binary: 128*k bytes, lower memory at 0-127, then pages at their linear offsets
(``cmis.codec.address``): 256 bytes = lower + page 00h, 640 = lower + pages 00h-03h.

A binary cannot say which bytes were dumped; writers fill holes with 0x00. An all-zero 128-byte
slot is therefore taken as a hole, not as a page: real lower memory and pages 00h/01h are never
all zero (identifier, revision, checksum), and showing an all-zero page as absent is the safe
side (nothing is derived from it) where showing a hole as data would invent a module.
"""

from __future__ import annotations

from cmis.codec.address import PAGE_SIZE, UPPER, from_linear
from cmis.errors import AddressError, ImageFormatError
from cmis.images.readers.common import NO_DUMP, Areas

MAGIC = {
    b"\xff\xd8\xff": "a JPEG image",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive",
    b"\x1f\x8b": "a gzip file",
    b"\x7fELF": "a program (ELF)",
}
TEXT_BYTES = bytes(range(32, 127)) + b"\t\r\n\f"


def is_binary(data: bytes, source: str) -> bool:
    """True for binary data, False for a text dump; known non-dump files are refused."""
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise ImageFormatError(f"{NO_DUMP.format(source)}: it looks like {what}")
    # module memory is full of 00h and FFh; a text dump is (almost) all printable
    return b"\x00" in data or len(data.translate(None, TEXT_BYTES)) > len(data) // 10


def parse(data: bytes, source: str) -> Areas:
    """Every 128-byte slot as lower memory or a page, as it is."""
    if len(data) < PAGE_SIZE or len(data) % PAGE_SIZE:
        raise ImageFormatError(
            f"{NO_DUMP.format(source)}: {len(data)} bytes of binary data is not whole "
            f"128-byte pages"
        )
    areas: Areas = {None: dict(enumerate(data[:PAGE_SIZE]))} if any(data[:PAGE_SIZE]) else {}
    for start in range(PAGE_SIZE, len(data), PAGE_SIZE):
        chunk = data[start : start + PAGE_SIZE]
        if not any(chunk):
            continue  # a hole (see above), also for slots no page has
        try:
            bank, page, _ = from_linear(start)
        except AddressError as err:
            raise ImageFormatError(f"{source}: bytes at offset {start}: {err}") from err
        areas[bank, page] = dict(enumerate(chunk, start=UPPER))
    if not areas:
        raise ImageFormatError(f"{NO_DUMP.format(source)}: all {len(data)} bytes are 0x00")
    return areas
