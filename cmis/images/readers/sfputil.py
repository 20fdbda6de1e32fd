"""SONiC ``sfputil show eeprom-hexdump`` (``Lower page 0h`` / ``Upper page 11h`` sections, old
and new row layouts, ``bank Nh`` and ``Page 1h`` / ``page 0x11h`` spellings) and ``read-eeprom``.

Under an ``Upper page`` heading, addresses 00-7Fh count from the start of the page (an early
eeprom-hexdump-all layout).
"""

from __future__ import annotations

import re

from cmis.errors import ImageFormatError
from cmis.images.readers.common import (
    Window,
    command_window,
    device_problem,
    heading_window,
    number,
    options,
)
from cmis.images.readers.engine import Parser

INDENT = " " * 8  # sfputil's EEPROM_DUMP_INDENT
READ = re.compile(r"\bsfputil\b.*\bread-eeprom\b(?P<args>.*)")
DUMP = re.compile(r"\bsfputil\b.*\beeprom-hexdump")
TITLE = re.compile(r"EEPROM hexdump for (?:port|module) (\S+)")
HEADING = re.compile(
    r"\s*(?:(?P<half>lower|upper)\s+)?page\s+(?P<page>0x[0-9a-f]+h?|[0-9a-f]+h)"
    r"(?:\s*,?\s*bank\s+(?P<bank>0x[0-9a-f]+|[0-9a-f]+h|\d+))?\s*:?\s*",
    re.I,
)
SFF8472 = re.compile(r"\s*A[02]h dump\b")


def command(line: str) -> tuple[Window | None, str | None] | None:
    if match := READ.search(line):
        given = options(match["args"])
        wire = given.get("--wire-addr", "a0h").lower()
        page = number(given.get("-n", given.get("--page", "0")))
        return command_window(0, page, line, None if wire == "a0h" else device_problem(0x51))
    return (None, None) if DUMP.search(line) else None


def title(parser: Parser, number_: int, line: str, where: str) -> bool:
    match = TITLE.search(line)
    if match is None:
        return False
    port = match[1][:40]
    if parser.port is not None and parser.port[0] != port:
        raise ImageFormatError(
            f"{where}: this file holds more than one module: {parser.port[0]} (line "
            f"{parser.port[1]}) and {port}; one image is one module, split the file"
        )
    parser.port = parser.port or (port, number_)
    parser.context()
    parser.open()
    return True


def heading(parser: Parser, number_: int, line: str, where: str) -> bool:
    if SFF8472.match(line):
        raise ImageFormatError(
            f"{where}: {line.strip()[:40]!r} is an SFF-8472 (SFP) section; only CMIS memory "
            f"(I2C address 50h) can be loaded"
        )
    match = HEADING.fullmatch(line)
    if match is None:
        return False
    page = int(match["page"].lower().removesuffix("h"), 16)
    bank = number(match["bank"] or "0") or 0
    parser.context(heading_window(bank, page, where))
    parser.relative = (match["half"] or "").lower() == "upper"
    parser.open()
    parser.strict = True
    return True
