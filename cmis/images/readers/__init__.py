"""Dump readers, one module per format, and the detector that picks binary or text.

Text is read line by line (``engine``); prompts, titles, error lines and other prose are
skipped. Where a row's bytes go (its window, a (bank, page) whose byte addresses 0-255 the row
uses) is set by a command line above the dump, else a heading, else (i2cdump) the dump's own
byte 127/126, else the addresses are optoe-linear offsets. Addresses >= 256 are always linear
offsets; banks given for pages 00h-0Fh are dropped (CMIS ignores BankSelect there).
"""

from __future__ import annotations

from collections.abc import Callable

from cmis.images.readers import ethtool, hexdump, i2cdump, junos, onlp, optoe_binary, sfputil
from cmis.images.readers.assemble import Resolver, assemble
from cmis.images.readers.common import NO_DUMP, Areas, Window
from cmis.images.readers.engine import Handler, Parser, RowParser

__all__ = ["NO_DUMP", "Areas", "parse", "parse_text"]

Command = Callable[[str], "tuple[Window | None, str | None] | None"]
COMMANDS: tuple[Command, ...] = (ethtool.command, i2cdump.command, sfputil.command)


def _command(parser: Parser, number: int, line: str, where: str) -> bool:
    """A dump command line sets the window (and any problem) of the rows that follow."""
    context = next((found for found in (cmd(line) for cmd in COMMANDS) if found), None)
    if context is None:
        return False
    parser.context(*context)
    parser.open()
    parser.strict = False
    return True


HANDLERS: tuple[Handler, ...] = (
    _command,
    sfputil.title,
    sfputil.heading,
    junos.title,
    onlp.eeprom,
    ethtool.field,
    i2cdump.header,
    ethtool.header,
    junos.header,
)
ROWS: dict[str, RowParser] = {
    "": hexdump.parse_row,
    i2cdump.KIND: i2cdump.parse_row,
    junos.KIND: junos.parse_row,
}
RESOLVERS: dict[str, Resolver] = {i2cdump.KIND: i2cdump.window}


def parse(data: bytes | str, source: str) -> tuple[Areas, list[str]]:
    """Byte address -> value maps of any supported dump (None: byte not dumped), and notes."""
    if isinstance(data, bytes):
        if not data or optoe_binary.is_binary(data, source):
            return optoe_binary.parse(data, source), []
        data = data.decode("utf-8", errors="replace")
    return parse_text(data, source)


def parse_text(text: str, source: str) -> tuple[Areas, list[str]]:
    parser = Parser(source, HANDLERS, ROWS)
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        parser.feed(number, line)
    notes: list[str] = []
    return assemble(parser.blocks, source, RESOLVERS, notes), notes
