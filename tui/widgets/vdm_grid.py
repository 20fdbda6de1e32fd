"""VdmGrid: one row per lane (every bank), one column per VDM observable, coloured by state."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from tui.render import put_row
from tui.vdm_view import cell, short_name


class VdmGrid(DataTable):
    """The row cursor is the lane the BER plot follows (moving it picks the lane)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.names: list[str] = []

    def show(self, lanes: dict[int | None, dict[str, dict[str, Any]]]) -> None:
        """Lane rows of one read; the columns are rebuilt only when the observables change."""
        per_lane = {lane: rows for lane, rows in lanes.items() if lane is not None}
        names = list(dict.fromkeys(name for rows in per_lane.values() for name in rows))
        if names != self.names:  # first read, or another module with other observables
            self.clear(columns=True)
            self.names = names
            self.add_column("lane", key="lane")
            for name in names:
                self.add_column(short_name(name), key=name)
        for lane in sorted(per_lane):
            rows = per_lane[lane]
            cells = [cell(rows[name]) if name in rows else Text("") for name in names]
            put_row(self, str(lane), (str(lane), *cells))

    @property
    def lane(self) -> int | None:
        """The lane under the cursor (None before the first read)."""
        if not self.row_count:
            return None
        return int(str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value))

    def move_lanes(self, step: int) -> None:
        if self.row_count:
            self.move_cursor(row=(self.cursor_row + step) % self.row_count)


def module_line(rows: dict[str, dict[str, Any]]) -> Text:
    """Module-level observables (laser temperature of a single laser, ...) on one line."""
    text = Text("module: ", "bold")
    for name, row in rows.items():
        text.append(f"{short_name(name)} ")
        text.append_text(cell(row))
        text.append(f" {row['unit']}  ")
    return text
