"""Dumps engineers paste: Junos PICD tables, ONLP eeprom rows, lower memory printed per page."""

from __future__ import annotations

import pytest

from cmis.errors import ImageFormatError
from cmis.images import MemoryImage
from cmis.images.volatile import volatile_lower_bytes

LOWER = bytes([0x18, 0x50, 0x04, 0x06]) + bytes(10) + bytes([0x1A, 0x80, 0x80, 0xE8]) + bytes(110)
PAGE11 = bytes([0x44] * 8) + bytes(range(120))


def junos_table(title: str, data: bytes, base: int = 0) -> list[str]:
    """A Junos PICD table as I picture it: title, Addr header, rule, wide rows."""
    header = "Addr  " + "".join(f"{c:>5x}" for c in range(16))
    rows = [
        f"0x{base + r:02x}  " + "".join(f"   {b:02x}" for b in data[r : r + 16])
        for r in range(0, 128, 16)
    ]
    return [title, header, "-" * len(header), *rows, ""]


def test_junos_picd_tables_with_prompts_and_headers_around_them() -> None:
    text = "\n".join(
        [
            'user@mx960> request pfe execute target fpc0 command "show picd optics 3 cmd info"',
            "SENT: Ukern command: show picd optics 3 cmd info",
            "Port: 3   Vendor: EXAMPLE-OPTICS",
            *junos_table("QSFP-DD Lower Page", LOWER),
            *junos_table("QSFP-DD Upper Page 0x11", PAGE11, base=0x80),
            "0x80=4444444444444444" + bytes(range(8)).hex(),  # raw line, same bytes
            "{master}",
        ]
    )
    image = MemoryImage.loads(text)
    assert image.lower == bytearray(LOWER) and image.page(0x11) == PAGE11
    assert image.page_keys() == [(0, 0x11)]


def test_junos_upper_rows_may_count_from_the_page_start() -> None:
    image = MemoryImage.loads("\n".join(junos_table("QSFP-DD Page 11h", PAGE11)))
    assert image.lower is None and image.page(0x11) == PAGE11


def test_onlp_eeprom_rows_are_linear() -> None:
    rows = [
        f"    {start:04x}: " + " ".join(f"{b:02x}" for b in (LOWER + PAGE11)[start : start + 16])
        for start in range(0, 256, 16)
    ]
    text = "\n".join(["Port 3:", "  Type: 400G-DR4", "  eeprom:", *rows])
    image = MemoryImage.loads(text)
    assert image.lower == bytearray(LOWER) and image.page(0x00) == PAGE11


def sfputil_section(page: int, lower: bytes, upper: bytes) -> list[str]:
    lines = [f"EEPROM hexdump for port Ethernet0 page {page:x}h", "        Lower page 0h"]
    for part, base in ((lower, 0), (upper, 128)):
        if base:
            lines.append(f"        Upper page {page:x}h")
        for r in range(0, 128, 16):
            cells = " ".join(f"{b:02x}" for b in part[r : r + 16])
            lines.append(f"        {base + r:08x} {cells}")
    return lines


def test_lower_memory_printed_twice_keeps_the_last_volatile_bytes_with_a_note() -> None:
    later = bytearray(LOWER)
    later[14:18] = b"\x1b\x00\x81\x20"  # temperature and Vcc moved between the two prints
    text = "\n".join(sfputil_section(0, LOWER, PAGE11) + sfputil_section(0x11, later, PAGE11))
    image = MemoryImage.loads(text)
    assert image.lower == later
    assert len(image.notes) == 1 and "bytes 14, 15, 16, 17" in image.notes[0]


def test_lower_memory_printed_twice_with_static_bytes_differing_is_refused() -> None:
    other = bytearray(LOWER)
    other[85] = 0x02  # MediaType: not something a module changes
    text = "\n".join(sfputil_section(0, LOWER, PAGE11) + sfputil_section(0x11, other, PAGE11))
    with pytest.raises(ImageFormatError, match="lower memory byte 85 is 0x02 here but 0x00"):
        MemoryImage.loads(text, source="two.txt")


def test_volatile_bytes_come_from_the_codec() -> None:
    volatile = volatile_lower_bytes()
    assert {3, 8, 9, 14, 15, 16, 17, 26, 37, 41} <= volatile  # state, flags, monitors, controls
    assert not {0, 1, 2, 85, *range(86, 118)} & volatile  # identity, media type, applications
