"""HexView: 128 or 256 bytes in rows of 16: cursor, selected field span, changes, RO shading."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

PREFIX = 6  # "0x80  " before the first byte of a row
CELL = 3  # "xx "


class HexView(Widget, can_focus=True):
    """Bytes ``base..base+127``; ``span`` is highlighted, ``changed`` marked, RO bytes dimmed."""

    BINDINGS = [
        Binding("left", "move(-1)", "←", show=False),
        Binding("right", "move(1)", "→", show=False),
        Binding("up", "move(-16)", "↑", show=False),
        Binding("down", "move(16)", "↓", show=False),
        Binding("j", "move(16)", show=False),
        Binding("k", "move(-16)", show=False),
        Binding("g", "first", show=False),
        Binding("G", "last", show=False),
    ]

    cursor: reactive[int] = reactive(128)

    @dataclass
    class CursorMoved(Message):
        """The cursor is on byte ``byte`` (CMIS numbering)."""

        byte: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.base, self.data = 128, bytes(128)
        self.span: tuple[int, int] | None = None
        self.changed: set[int] = set()
        self.read_only: set[int] = set()

    def show(self, base: int, data: bytes, changed: set[int], read_only: set[int]) -> None:
        self.base, self.data, self.changed, self.read_only = base, data, changed, read_only
        if not base <= self.cursor < base + len(data):
            self.cursor = base
        self.refresh()

    def select_span(self, first: int, last: int) -> None:
        self.span = (first, last)
        self.refresh()

    def _top(self) -> int:
        """The first row shown: all of them if they fit, else a window that holds the cursor."""
        rows, height = len(self.data) // 16, max(self.content_size.height, 1)
        if rows <= height:
            return 0
        return min(max((self.cursor - self.base) // 16 - height // 2, 0), rows - height)

    def render(self) -> Text:
        text = Text()
        for row in range(self._top() * 16, len(self.data), 16):
            text.append(f"0x{self.base + row:02X}  ", "dim")
            for i in range(row, min(row + 16, len(self.data))):
                text.append(f"{self.data[i]:02X}", self._style(self.base + i))
                text.append(" ")
            text.append(" " + _ascii(self.data[row : row + 16]) + "\n", "dim")
        return text

    def _style(self, byte: int) -> str:
        parts = []
        if self.span and self.span[0] <= byte <= self.span[1]:
            parts.append("on dark_cyan")
        if byte in self.changed:
            parts.append("bold yellow")
        elif byte in self.read_only:
            parts.append("grey62")
        if byte == self.cursor:
            parts.append("reverse")
        return " ".join(parts)

    def watch_cursor(self, byte: int) -> None:
        self.post_message(self.CursorMoved(byte))
        self.refresh()

    def action_move(self, step: int) -> None:
        self.cursor = min(max(self.cursor + step, self.base), self.base + len(self.data) - 1)

    def action_first(self) -> None:
        self.cursor = self.base

    def action_last(self) -> None:
        self.cursor = self.base + len(self.data) - 1

    def on_click(self, event: events.Click) -> None:
        column, row = (event.x - PREFIX) // CELL, event.y + self._top()
        if 0 <= column < 16 and 0 <= row < len(self.data) // 16:
            self.cursor = self.base + row * 16 + column


def _ascii(chunk: bytes) -> str:
    return "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
