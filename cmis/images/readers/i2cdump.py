"""``i2cdump -y BUS 0x50``: fixed 3-character cells (``XX`` or blank = not read); the page in
bytes 128-255 is what the dump's own PageSelect/BankSelect (bytes 127/126) held.
"""

from __future__ import annotations

import re

from cmis.codec.address import is_banked
from cmis.errors import ImageFormatError
from cmis.images.readers.common import (
    CMIS_DEVICE,
    HEX,
    Values,
    Window,
    device_problem,
    number,
)
from cmis.images.readers.engine import Block, Parser

KIND = "i2cdump"
COMMAND = re.compile(r"\bi2cdump\b(?P<args>.*)")
ROW = re.compile(r"\s*(?P<address>[0-9a-f]{2}):", re.I)
HEADER = re.compile(r"\s*0\s+1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+9(\s+[a-f]){6}\s+0123456789abcdef\s*")
WORDS = re.compile(r"\s*0,8\s+1,9\b.*")


def command(line: str) -> tuple[Window | None, str | None] | None:
    match = COMMAND.search(line)
    return None if match is None else (None, device_problem(_address(match["args"])))


def _address(args: str) -> int | None:
    """The ADDRESS of ``i2cdump [-f] [-y] [-r first-last] [-a] BUS ADDRESS [MODE ...]``."""
    positional, words = [], args.split()
    while words:
        word = words.pop(0)
        if word == "-r" and words:
            words.pop(0)
        elif not word.startswith("-"):
            positional.append(word)
    return number(positional[1]) if len(positional) > 1 else CMIS_DEVICE


def header(parser: Parser, number_: int, line: str, where: str) -> bool:
    if WORDS.fullmatch(line):
        raise ImageFormatError(f"{where}: i2cdump word mode is not supported; dump bytes")
    if not HEADER.fullmatch(line):
        return False
    parser.open(KIND)
    parser.strict = True
    return True


def parse_row(line: str, where: str, strict: bool) -> tuple[int, Values] | None:
    """An i2cdump row: ``80: 18 52 XX ...`` in fixed 3-character columns (blank = not read)."""
    match = ROW.match(line)
    if match is None:
        return None
    first = match.end() + 1
    cells = (line[first + 3 * col : first + 3 * col + 2] for col in range(16))
    return int(match["address"], 16), [_cell(cell, where) for cell in cells]


def _cell(cell: str, where: str) -> int | None:
    if not cell.strip() or cell == "XX":
        return None
    if not HEX.fullmatch(cell):
        raise ImageFormatError(
            f"{where}: expected a hex byte or XX in i2cdump rows, found {cell!r}"
        )
    return int(cell, 16)


def window(block: Block) -> Window:
    """The page an i2cdump shows in 128-255: what its PageSelect/BankSelect bytes held."""
    held = {row.address + i: v for row in block.rows for i, v in enumerate(row.values)}
    page, flat = held.get(127), (held.get(2) or 0) & 0x80
    if page is None or flat:
        return 0, 0
    bank = (held.get(126) or 0) if is_banked(page) else 0
    return bank, page
