"""A braille dot canvas: 2x4 dots per character cell, one colour per cell (last drawn wins)."""

from __future__ import annotations

from rich.text import Text

_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column] bits


class Canvas:
    """``cols`` x ``rows`` characters = ``2*cols`` x ``4*rows`` dots, (0, 0) at the top left."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = max(cols, 1), max(rows, 1)
        self.bits = [[0] * self.cols for _ in range(self.rows)]
        self.styles = [[""] * self.cols for _ in range(self.rows)]

    @property
    def width(self) -> int:
        return self.cols * 2

    @property
    def height(self) -> int:
        return self.rows * 4

    def dot(self, x: int, y: int, style: str) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            row, col = y // 4, x // 2
            self.bits[row][col] |= _DOTS[y % 4][x % 2]
            self.styles[row][col] = style

    def line(self, x0: int, y0: int, x1: int, y1: int, style: str) -> None:
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for i in range(steps + 1):
            self.dot(round(x0 + (x1 - x0) * i / steps), round(y0 + (y1 - y0) * i / steps), style)

    def hline(self, y: int, style: str) -> None:
        for x in range(0, self.width, 2):
            self.dot(x, y, style)

    def row(self, row: int) -> Text:
        """One line of characters; a run of one style is one span (far cheaper to draw)."""
        text, bits, styles = Text(), self.bits[row], self.styles[row]
        start = 0
        for col in range(1, self.cols + 1):
            if col == self.cols or styles[col] != styles[start]:
                chars = "".join(chr(0x2800 + b) for b in bits[start:col])
                text.append(chars, styles[start] or None)
                start = col
        return text
