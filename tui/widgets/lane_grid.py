"""LaneGrid: each lane's Rx/Tx dBm and bias in coloured cells, an Rx trend, the plotted lane lit."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from tui.history import History
from tui.render import LANE_MONITORS, level_key, level_text, number, put_row, sparkline

COLUMNS = ("lane", "Rx dBm", "Tx dBm", "bias mA", "Rx trend")


class LaneGrid(DataTable):
    """A row per lane; the row cursor is the lane the plot shows (moving it picks the lane)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)

    def on_mount(self) -> None:
        for column in COLUMNS:
            self.add_column(column, key=column)

    def show(self, lanes: list[dict[str, Any]], history: History) -> None:
        for lane in lanes:
            n = lane["lane"]
            cells = (str(n), *(_cell(lane, key) for key, _, _ in LANE_MONITORS))
            trend = [v for _, v in history.series("rx_power_dbm", n)]
            put_row(self, str(n), (*cells, sparkline(trend)))

    def follow(self, lane: int) -> None:
        """Light the row of ``lane`` (the plotted one) without announcing a new choice."""
        key = str(lane)
        if key in self.rows and self.cursor_row != self.get_row_index(key):
            with self.prevent(DataTable.RowHighlighted):
                self.move_cursor(row=self.get_row_index(key))


def _cell(lane: dict[str, Any], key: str) -> Text:
    return level_text(number(lane[key], 1), lane[level_key(key)])
