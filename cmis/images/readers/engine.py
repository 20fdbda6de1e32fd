"""The line-by-line text dump engine: blocks of rows under a window, filled by format readers.

Each format module contributes line handlers (command lines, titles, headings, headers) and,
where its rows have their own layout, a row parser for the blocks it opens. A line no handler
takes is prose and skipped, unless it sits inside a dump, where a malformed row is an error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cmis.images.readers.common import Values, Window

RowParser = Callable[[str, str, bool], "tuple[int, Values] | None"]
Handler = Callable[["Parser", int, str, str], bool]


@dataclass
class Row:
    line: int
    address: int
    values: Values


@dataclass
class Block:
    """Rows that share one window; opened by a command, title, heading or header line."""

    window: Window | None  # None: addresses are optoe-linear offsets
    relative: bool = False  # an "upper page" section whose 00-7Fh count from the page start
    problem: str | None = None  # why rows here cannot be placed (raised only if there are rows)
    kind: str = ""  # the row layout ("" = generic hex rows); readers may resolve the window
    rows: list[Row] = field(default_factory=list)


class Parser:
    """Line-by-line state: the current window, block, and whether a bad row is an error."""

    def __init__(
        self, source: str, handlers: Sequence[Handler], rows: dict[str, RowParser]
    ) -> None:
        self.source = source
        self.handlers = handlers
        self.row_parsers = rows
        self.blocks: list[Block] = []
        self.window: Window | None = None
        self.relative = False
        self.problem: str | None = None
        self.pending_bank = 0  # ethtool prints Bank: before Page:
        self.strict = False  # inside a dump: a malformed row is an error, not prose
        self.repeat_line: int | None = None  # hexdump -C "*": last row repeats
        self.port: tuple[str, int] | None = None

    def feed(self, number: int, line: str) -> None:
        if not line.strip():
            return
        where = f"{self.source}:{number}"
        if not self.row(number, line, where) and not any(
            handler(self, number, line, where) for handler in self.handlers
        ):
            self.strict = False

    def open(self, kind: str = "") -> Block:
        block = Block(self.window, self.relative, self.problem, kind)
        self.blocks.append(block)
        self.repeat_line = None
        return block

    def context(self, window: Window | None = None, problem: str | None = None) -> None:
        self.window, self.relative, self.problem = window, False, problem

    def row(self, number: int, line: str, where: str) -> bool:
        block = self.blocks[-1] if self.blocks else self.open()
        parsed = self.row_parsers[block.kind](line, where, self.strict) if block.kind else None
        if parsed is None:
            parsed = self.row_parsers[""](line, where, self.strict)
            if parsed is not None and block.kind:  # other rows after a special layout
                self.context()
                block = self.open()
        if parsed is None:
            return self._repeat_mark(number, line)
        self._fill_repeat(block, parsed[0])
        block.rows.append(Row(number, *parsed))
        self.strict = True
        return True

    def _repeat_mark(self, number: int, line: str) -> bool:
        if line.strip() != "*":
            return False
        self.repeat_line = number
        return True

    def _fill_repeat(self, block: Block, address: int) -> None:
        """hexdump -C prints ``*`` for rows equal to the last one, up to the next address."""
        line, self.repeat_line = self.repeat_line, None
        if line is None or not block.rows or not block.rows[-1].values:
            return
        last = block.rows[-1]
        for start in range(last.address + len(last.values), address, len(last.values)):
            block.rows.append(Row(line, start, last.values))
