"""Text memory dumps: read ethtool, i2cdump, sfputil and hexdump output (writers: image_writers).

Reading goes line by line; prompts, titles, error lines and other prose are skipped. Where a
row's bytes go (its "window", a (bank, page) whose byte addresses 0-255 the row uses) is set by:

- a command line above the dump: ``ethtool -m DEV hex on page N [bank M] ...``,
  ``sfputil read-eeprom -n N``; ``ethtool -m DEV hex on`` without a page means linear offsets;
- a heading: sfputil ``Lower page 0h`` / ``Upper page 11h``, with ``bank 1h`` when banked (also
  ``Page 1h``, ``page 0x11h``); ethtool ``pages on`` blocks ``Bank: 0x0`` then ``Page: 0x11``;
- for i2cdump, the dump itself: PageSelect (byte 127) and BankSelect (byte 126) as read; page 00h
  when the module is flat (byte 2 bit 7) or byte 127 is unknown;
- nothing: addresses are optoe-linear offsets (0-255 = lower memory + page 00h).

Addresses >= 256 are always optoe-linear offsets. Under an sfputil ``Upper page`` heading,
addresses 00-7Fh count from the start of the page (an early eeprom-hexdump-all layout).
Banks given for pages 00h-0Fh are dropped: CMIS ignores BankSelect there. ``XX`` is a byte that
is not in the dump. A byte dumped twice with different values is an error naming both lines,
except lower bytes 126-127 (BankSelect/PageSelect), which the host changes between page dumps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cmis.address import (
    UPPER,
    WINDOW,
    check_page,
    from_linear,
    is_banked,
    page_label,
)
from cmis.errors import AddressError, ImageFormatError

__all__ = ["NO_DUMP", "as_text", "parse_text"]

NO_DUMP = "no memory dump found in {} (expected optoe binary or ethtool/i2cdump/sfputil hex)"
CMIS_DEVICE = 0x50  # the only I2C address of CMIS memory (0x51 is an SFP's A2h)
INDENT = " " * 8  # sfputil's EEPROM_DUMP_INDENT
# BankSelect/PageSelect: dumps of different pages differ there by design; the first value is kept
SELECT_BYTES = (126, 127)
Window = tuple[int, int]  # (bank, page)
AreaKey = Window | None  # None is lower memory
Values = list[int | None]  # None: byte not in the dump
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

# rows: 0x0080: (ethtool), 00000080 (sfputil, hexdump -C), 00000080: (xxd), 80: (i2cdump)
ROW = re.compile(
    r"\s*(?:0x(?P<x>[0-9a-f]{1,8}):?|(?P<long>[0-9a-f]{8}):?|(?P<short>[0-9a-f]{2,7}):)(?=\s|$)",
    re.I,
)
I2CDUMP_ROW = re.compile(r"\s*(?P<address>[0-9a-f]{2}):", re.I)
TOKEN = re.compile(r"\S+")
HEX = re.compile(r"(?:[0-9a-f]{2}){1,4}", re.I)
ETHTOOL = re.compile(r"\bethtool\b.*?\s(?:-m|--dump-module-eeprom|--module-info)\s+\S+(?P<args>.*)")
I2CDUMP = re.compile(r"\bi2cdump\b(?P<args>.*)")
SFPUTIL_READ = re.compile(r"\bsfputil\b.*\bread-eeprom\b(?P<args>.*)")
SFPUTIL_DUMP = re.compile(r"\bsfputil\b.*\beeprom-hexdump")
TITLE = re.compile(r"EEPROM hexdump for (?:port|module) (\S+)")
HEADING = re.compile(
    r"\s*(?:(?P<half>lower|upper)\s+)?page\s+(?P<page>0x[0-9a-f]+h?|[0-9a-f]+h)"
    r"(?:\s*,?\s*bank\s+(?P<bank>0x[0-9a-f]+|[0-9a-f]+h|\d+))?\s*:?\s*",
    re.I,
)
ETHTOOL_FIELD = re.compile(
    r"\s*(?P<name>I2C Address|Bank|Page):\s*(?P<value>0x[0-9a-fA-F]+|\d+)\s*"
)
SFF8472 = re.compile(r"\s*A[02]h dump\b")
ETHTOOL_HEADER = re.compile(r"\s*Offset\s+Values\s*")
ETHTOOL_RULE = re.compile(r"\s*-{6}\s+-{6}\s*")
I2CDUMP_HEADER = re.compile(
    r"\s*0\s+1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+9(\s+[a-f]){6}\s+0123456789abcdef\s*"
)
I2CDUMP_WORDS = re.compile(r"\s*0,8\s+1,9\b.*")


def as_text(data: bytes, no_dump: str) -> str | None:
    """The text of a text dump, None for binary data; known non-dump files are refused."""
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise ImageFormatError(f"{no_dump}: it looks like {what}")
    # module memory is full of 00h and FFh; a text dump is (almost) all printable
    if not data or b"\x00" in data or len(data.translate(None, TEXT_BYTES)) > len(data) // 10:
        return None
    return data.decode("utf-8", errors="replace")


def parse_text(text: str, source: str) -> dict[AreaKey, dict[int, int | None]]:
    """Byte address -> value maps for lower memory (key None) and each (bank, page) dumped."""
    parser = _Parser(source)
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        parser.feed(number, line)
    return _assemble(parser.blocks, source)


@dataclass
class _Row:
    line: int
    address: int
    values: Values


@dataclass
class _Block:
    """Rows that share one window; opened by a command, title, heading or header line."""

    window: Window | None  # None: addresses are optoe-linear offsets
    relative: bool = False  # sfputil "Upper page": 00-7Fh count from the page start
    problem: str | None = None  # why rows here cannot be placed (raised only if there are rows)
    i2cdump: bool = False  # fixed columns; the window comes from bytes 126/127
    rows: list[_Row] = field(default_factory=list)


class _Parser:
    """Line-by-line state: the current window, block, and whether a bad row is an error."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.blocks: list[_Block] = []
        self.window: Window | None = None
        self.relative = False
        self.problem: str | None = None
        self.pending_bank = 0  # ethtool prints Bank: before Page:
        self.strict = False  # inside a dump: a malformed row is an error, not prose
        self.repeat_line: int | None = None  # hexdump -C "*": last row repeats
        self.port: tuple[str, int] | None = None

    def feed(self, number: int, line: str) -> None:
        where = f"{self.source}:{number}"
        if not line.strip():
            return
        steps = (self._row, self._command, self._title, self._heading, self._header)
        if not any(step(number, line, where) for step in steps):
            self.strict = False

    def _open(self, i2cdump: bool = False) -> _Block:
        block = _Block(self.window, self.relative, self.problem, i2cdump)
        self.blocks.append(block)
        self.repeat_line = None
        return block

    def _context(self, window: Window | None = None, problem: str | None = None) -> None:
        self.window, self.relative, self.problem = window, False, problem

    def _row(self, number: int, line: str, where: str) -> bool:
        block = self.blocks[-1] if self.blocks else self._open()
        parsed = _parse_i2cdump_row(line, where) if block.i2cdump else None
        if parsed is None:
            parsed = _parse_row(line, where, self.strict)
            if parsed is not None and block.i2cdump:  # other rows after an i2cdump
                self._context()
                block = self._open()
        if parsed is None:
            return self._repeat_mark(number, line)
        self._fill_repeat(block, parsed[0])
        block.rows.append(_Row(number, *parsed))
        self.strict = True
        return True

    def _repeat_mark(self, number: int, line: str) -> bool:
        if line.strip() != "*":
            return False
        self.repeat_line = number
        return True

    def _fill_repeat(self, block: _Block, address: int) -> None:
        """hexdump -C prints ``*`` for rows equal to the last one, up to the next address."""
        line, self.repeat_line = self.repeat_line, None
        if line is None or not block.rows or not block.rows[-1].values:
            return
        last = block.rows[-1]
        for start in range(last.address + len(last.values), address, len(last.values)):
            block.rows.append(_Row(line, start, last.values))

    def _command(self, number: int, line: str, where: str) -> bool:
        context = _command_context(line)
        if context is None:
            return False
        self._context(*context)
        self._open()
        self.strict = False
        return True

    def _title(self, number: int, line: str, where: str) -> bool:
        match = TITLE.search(line)
        if match is None:
            return False
        if self.port is not None and self.port[0] != match[1]:
            raise ImageFormatError(
                f"{where}: this file holds more than one module: {self.port[0]} (line "
                f"{self.port[1]}) and {match[1]}; one image is one module, split the file"
            )
        self.port = self.port or (match[1], number)
        self._context()
        self._open()
        return True

    def _heading(self, number: int, line: str, where: str) -> bool:
        if SFF8472.match(line):
            raise ImageFormatError(
                f"{where}: {line.strip()!r} is an SFF-8472 (SFP) section; only CMIS memory "
                f"(I2C address 50h) can be loaded"
            )
        if match := HEADING.fullmatch(line):
            page = int(match["page"].lower().removesuffix("h"), 16)
            bank = _number(match["bank"] or "0") or 0
            self._context(_heading_window(bank, page, where))
            self.relative = (match["half"] or "").lower() == "upper"
        elif match := ETHTOOL_FIELD.fullmatch(line):
            return self._ethtool_field(match["name"].lower(), int(match["value"], 0), where)
        else:
            return False
        self._open()
        self.strict = True
        return True

    def _ethtool_field(self, name: str, value: int, where: str) -> bool:
        if name == "page":
            self._context(_heading_window(self.pending_bank, value, where), self.problem)
            self.pending_bank = 0
            self._open()
        elif name == "bank":
            self.pending_bank = value
        else:
            self.problem = _device_problem(value)
        self.strict = True
        return True

    def _header(self, number: int, line: str, where: str) -> bool:
        if I2CDUMP_WORDS.fullmatch(line):
            raise ImageFormatError(f"{where}: i2cdump word mode is not supported; dump bytes")
        if I2CDUMP_HEADER.fullmatch(line) or ETHTOOL_HEADER.fullmatch(line):
            self._open(i2cdump=line.strip().endswith("abcdef"))
        elif not ETHTOOL_RULE.fullmatch(line):
            return False
        self.strict = True
        return True


# rows


def _parse_row(line: str, where: str, strict: bool) -> tuple[int, Values] | None:
    """(address, bytes) of a hex row; None for prose; junk in a row is an error when strict."""
    match = ROW.match(line)
    if match is None:
        return None
    hex_text, bar, _ = line[match.end() :].partition("|")
    values, junk = _hex_area(hex_text, ascii_may_follow=not bar)
    if junk and (bar or not values or not _is_ascii_column(junk, values)):
        if not strict:
            return None
        raise ImageFormatError(
            f"{where}: expected 16 hex bytes after the address, found {junk.split()[0]!r}"
        )
    return int(match["x"] or match["long"] or match["short"], 16), values


def _hex_area(text: str, ascii_may_follow: bool) -> tuple[Values, str]:
    """The bytes at the start of ``text`` and what follows them (an ASCII column or junk)."""
    values: Values = []
    end = 0
    for token in TOKEN.finditer(text):
        cells = _token_bytes(token[0])
        # without |...| bars, 2+ spaces end the hex area (sfputil's mid-row gap excepted)
        gap_ends = ascii_may_follow and values and token.start() - end > 1 and len(values) != 8
        if cells is None or gap_ends:
            return values, text[token.start() :]
        values += cells
        end = token.end()
    return values, ""


def _token_bytes(token: str) -> Values | None:
    """Bytes a token stands for: ``18``, ``0x18``, ``XX`` (unknown), xxd groups ``1852``."""
    if token.upper() == "XX":
        return [None]
    digits = token[2:] if token[:2].lower() == "0x" and len(token) == 4 else token
    if not HEX.fullmatch(digits):
        return None
    return [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]


def _is_ascii_column(text: str, values: Values) -> bool:
    """True if ``text`` is how dump tools render ``values`` as characters."""
    expected = "".join(glyph(value) for value in values).strip(" ")
    shown = text.strip()
    return len(shown) == len(expected) and all(map(_glyph_matches, shown, expected))


def glyph(value: int | None) -> str:
    return chr(value) if value is not None and 32 <= value < 127 else "\0"


def _glyph_matches(shown: str, expected: str) -> bool:
    # tools print "." (some "?", i2cdump "X" for failed reads) for what is not printable
    return shown == expected or shown == "." or (expected == "\0" and shown in "?X")


def _parse_i2cdump_row(line: str, where: str) -> tuple[int, Values] | None:
    """An i2cdump row: ``80: 18 52 XX ...`` in fixed 3-character columns (blank = not read)."""
    match = I2CDUMP_ROW.match(line)
    if match is None:
        return None
    first = match.end() + 1
    cells = (line[first + 3 * col : first + 3 * col + 2] for col in range(16))
    return int(match["address"], 16), [_i2cdump_cell(cell, where) for cell in cells]


def _i2cdump_cell(cell: str, where: str) -> int | None:
    if not cell.strip() or cell == "XX":
        return None
    if not HEX.fullmatch(cell):
        raise ImageFormatError(
            f"{where}: expected a hex byte or XX in i2cdump rows, found {cell!r}"
        )
    return int(cell, 16)


# context from command lines and headings


def _command_context(line: str) -> tuple[Window | None, str | None] | None:
    """(window, problem) set by a dump command line; None if the line runs no dump command."""
    if match := ETHTOOL.search(line):
        return _ethtool_context(_options(match["args"]), line)
    if match := I2CDUMP.search(line):
        return None, _device_problem(_i2cdump_address(match["args"]))
    if match := SFPUTIL_READ.search(line):
        options = _options(match["args"])
        wire = options.get("--wire-addr", "a0h").lower()
        page = _number(options.get("-n", options.get("--page", "0")))
        return _command_window(0, page, line, None if wire == "a0h" else _device_problem(0x51))
    if SFPUTIL_DUMP.search(line):
        return None, None
    return None


def _ethtool_context(options: dict[str, str], line: str) -> tuple[Window | None, str | None]:
    """``ethtool -m DEV hex on [page N] [bank M] [i2c A]``: a page window, or linear offsets."""
    number = {name: _number(options[name]) for name in ("page", "bank", "i2c") if name in options}
    problem = _device_problem(number.get("i2c", CMIS_DEVICE))
    if "page" not in number and "bank" not in number:
        return None, problem  # no page: ethtool's ioctl dump of the linear EEPROM
    return _command_window(number.get("bank", 0), number.get("page", 0), line, problem)


def _command_window(
    bank: int | None, page: int | None, line: str, problem: str | None
) -> tuple[Window | None, str | None]:
    if bank is None or page is None:
        return None, f"cannot tell the page from {line.strip()!r}"
    try:
        return _window(bank, page), problem
    except AddressError as err:
        return None, f"{line.strip()!r}: {err}"


def _number(text: str) -> int | None:
    """A number as tools print or take it: ``17``, ``0x11``, ``11h``; None if it is none."""
    digits = text.strip().lower()
    base = 16 if digits.endswith("h") else 0 if digits.startswith("0x") else 10
    try:
        return int(digits.removesuffix("h"), base)
    except ValueError:
        return None


def _options(args: str) -> dict[str, str]:
    words = args.split()
    return {word: value for word, value in zip(words, words[1:], strict=False)}


def _i2cdump_address(args: str) -> int | None:
    """The ADDRESS of ``i2cdump [-f] [-y] [-r first-last] [-a] BUS ADDRESS [MODE ...]``."""
    positional, words = [], args.split()
    while words:
        word = words.pop(0)
        if word == "-r" and words:
            words.pop(0)
        elif not word.startswith("-"):
            positional.append(word)
    return _number(positional[1]) if len(positional) > 1 else CMIS_DEVICE


def _device_problem(device: int | None) -> str | None:
    if device == CMIS_DEVICE:
        return None
    shown = "an unknown I2C address" if device is None else f"I2C address 0x{device:02x}"
    return f"this is a dump of {shown}; CMIS memory is at 0x50 only (0x51 is an SFP's A2h)"


def _window(bank: int, page: int) -> Window:
    bank = bank if is_banked(page) else 0  # CMIS ignores BankSelect for pages 00h-0Fh
    check_page(page, bank)
    return bank, page


def _heading_window(bank: int, page: int, where: str) -> Window:
    try:
        return _window(bank, page)
    except AddressError as err:
        raise ImageFormatError(f"{where}: {err}") from err


# assembly: rows -> byte addresses, duplicates checked


def _assemble(blocks: list[_Block], source: str) -> dict[AreaKey, dict[int, int | None]]:
    seen: dict[AreaKey, dict[int, tuple[int | None, int]]] = {}
    for block in (block for block in blocks if any(row.values for row in block.rows)):
        if block.problem:
            raise ImageFormatError(f"{source}:{block.rows[0].line}: {block.problem}")
        window = _select_window(block) if block.i2cdump else block.window
        for row in block.rows:
            for address, value in enumerate(row.values, start=row.address):
                key, byte = _locate(block, window, address, f"{source}:{row.line}")
                _store(seen.setdefault(key, {}), key, byte, value, row.line, source)
    if not seen:
        raise ImageFormatError(NO_DUMP.format(source))
    return {key: {byte: value for byte, (value, _) in area.items()} for key, area in seen.items()}


def _select_window(block: _Block) -> Window:
    """The page an i2cdump shows in 128-255: what its PageSelect/BankSelect bytes held."""
    held = {row.address + i: v for row in block.rows for i, v in enumerate(row.values)}
    page, flat = held.get(127), (held.get(2) or 0) & 0x80
    if page is None or flat:
        return 0, 0
    bank = (held.get(126) or 0) if is_banked(page) else 0
    return bank, page


def _locate(block: _Block, window: Window | None, address: int, where: str) -> tuple[AreaKey, int]:
    """Where one dumped byte belongs: (lower memory or (bank, page), byte address 0-255)."""
    if block.relative and address < UPPER:
        address += UPPER
    if window is not None and address < WINDOW:
        return (None if address < UPPER else window), address
    try:
        bank, page, byte = from_linear(address)
    except AddressError as err:
        raise ImageFormatError(f"{where}: address 0x{address:x} is not a CMIS byte: {err}") from err
    if window is not None and byte >= UPPER and (bank, page) != window:
        raise ImageFormatError(
            f"{where}: address 0x{address:x} is {page_label(page, bank)} as an optoe-linear "
            f"offset, but this section is {page_label(window[1], window[0])}"
        )
    return (None if byte < UPPER else (bank, page)), byte


def _store(
    area: dict[int, tuple[int | None, int]],
    key: AreaKey,
    byte: int,
    value: int | None,
    line: int,
    source: str,
) -> None:
    old, old_line = area.get(byte, (None, 0))
    if old is None or value is None or old == value or (key is None and byte in SELECT_BYTES):
        if old is None:
            area[byte] = (value, line)
        return
    what = "lower memory" if key is None else page_label(key[1], key[0])
    raise ImageFormatError(
        f"{source}:{line}: {what} byte {byte} is 0x{value:02x} here but 0x{old:02x} at line "
        f"{old_line}: {what} was dumped twice with different bytes; keep one snapshot per file"
    )
