"""``ethtool -m DEV hex on``: the old ioctl layout (linear offsets), ``page N [bank M]`` runs
whose page comes from the command line, and ``pages on`` blocks with ``Bank:``/``Page:`` fields.
"""

from __future__ import annotations

import re

from cmis.images.readers.common import (
    CMIS_DEVICE,
    Window,
    command_window,
    device_problem,
    heading_window,
    number,
    options,
)
from cmis.images.readers.engine import Parser

COMMAND = re.compile(r"\bethtool\b.*?\s(?:-m|--dump-module-eeprom|--module-info)\s+\S+(?P<args>.*)")
FIELD = re.compile(r"\s*(?P<name>I2C Address|Bank|Page):\s*(?P<value>0x[0-9a-fA-F]+|\d+)\s*")
HEADER = re.compile(r"\s*Offset\s+Values\s*")
RULE = re.compile(r"\s*-{6}\s+-{6}\s*")


def command(line: str) -> tuple[Window | None, str | None] | None:
    """``ethtool -m DEV hex on [page N] [bank M] [i2c A]``: a page window, or linear offsets."""
    match = COMMAND.search(line)
    if match is None:
        return None
    given = options(match["args"])
    numbers = {name: number(given[name]) for name in ("page", "bank", "i2c") if name in given}
    problem = device_problem(numbers.get("i2c", CMIS_DEVICE))
    if "page" not in numbers and "bank" not in numbers:
        return None, problem  # no page: ethtool's ioctl dump of the linear EEPROM
    return command_window(numbers.get("bank", 0), numbers.get("page", 0), line, problem)


def field(parser: Parser, number_: int, line: str, where: str) -> bool:
    """``I2C Address: 0x50``, ``Bank: 0x1``, ``Page: 0x11`` above a ``pages on`` block."""
    match = FIELD.fullmatch(line)
    if match is None:
        return False
    name, value = match["name"].lower(), int(match["value"], 0)
    if name == "page":
        parser.context(heading_window(parser.pending_bank, value, where), parser.problem)
        parser.pending_bank = 0
        parser.open()
    elif name == "bank":
        parser.pending_bank = value
    else:
        parser.problem = device_problem(value)
    parser.strict = True
    return True


def header(parser: Parser, number_: int, line: str, where: str) -> bool:
    if HEADER.fullmatch(line):
        parser.open()
    elif not RULE.fullmatch(line):
        return False
    parser.strict = True
    return True
