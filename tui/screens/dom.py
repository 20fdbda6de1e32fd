"""DOM: a per-lane grid (Rx/Tx dBm, bias, trend) and plots of one lane and one module monitor."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label, Select, Static

from cmis.codec.explain import short_flag
from cmis.codec.lanelist import format_lanes
from tui.messages import SetPollRate
from tui.poller import RATES
from tui.render import (
    LANE_MONITORS,
    MODULE_MONITORS,
    THRESHOLD_COLUMNS,
    lane_limits,
    level_key,
    level_text,
    monitor_rows,
    number,
    put_row,
    sparkline,
    threshold_cells,
)
from tui.screens.base import CmisScreen
from tui.snapshot import Snapshot
from tui.widgets.line_plot import LinePlot

NAMES = {key: (f"{label} ({unit})", unit) for key, label, unit in LANE_MONITORS + MODULE_MONITORS}
SHORT = {  # selector labels: short enough for an 80-column terminal
    "rx_power_dbm": "Rx dBm",
    "tx_power_dbm": "Tx dBm",
    "tx_bias_ma": "bias mA",
    "temperature_c": "temp °C",
    "vcc_v": "Vcc V",
}
GRID = ("lane", "Rx dBm", "Tx dBm", "bias mA", "Rx trend")


class DomScreen(CmisScreen):
    """Pick a lane ([ ] or the grid) and a monitor; z fits the thresholds in the plot."""

    BINDINGS = [
        Binding("left_square_bracket", "lane(-1)", "Prev lane", show=False),
        Binding("right_square_bracket", "lane(1)", "Next lane", show=False),
        Binding("m", "next_monitor", "Next monitor"),
        Binding("z", "zoom", "Fit thresholds"),
    ]

    def body(self) -> ComposeResult:
        with Horizontal(id="dom"):
            with Vertical(id="dom-left"):
                yield DataTable(id="values", cursor_type="none")
                yield DataTable(id="grid", cursor_type="row")
                yield Label("Latched flags, newest first (module time, s):", classes="title")
                yield Static("", id="flag-history")
            with Vertical(id="dom-right"):
                with Horizontal(id="dom-controls"):
                    yield _choice("lane-monitor", [(SHORT[k], k) for k, _, _ in LANE_MONITORS])
                    yield _choice("lane", _lane_options(self._lane_count()))
                    yield _choice("module-monitor", [(SHORT[k], k) for k, _, _ in MODULE_MONITORS])
                    yield _choice("rate", _rate_options(rate := self.shared.poll_interval), rate)
                yield LinePlot(id="lane-plot")
                yield LinePlot(id="module-plot")

    def _lane_count(self) -> int:
        latest = self.shared.latest
        return len(latest.lanes) if latest else 8 * self.shared.banks

    def on_mount(self) -> None:
        for column in ("monitor", "value", *THRESHOLD_COLUMNS):
            self.query_one("#values", DataTable).add_column(column, key=column)
        for column in GRID:
            self.query_one("#grid", DataTable).add_column(column, key=column)

    def show(self, snap: Snapshot) -> None:
        table = self.query_one("#values", DataTable)
        for label, value, level, thresholds in monitor_rows(snap.dom, lanes=False):
            cells = (label, level_text(number(value), level), *threshold_cells(thresholds))
            put_row(table, label, cells)
        self._grid(snap)
        self._plots(snap)
        lines = [
            f"{t.last:9.2f}  {short_flag(t.name)}"
            + (f" lanes {format_lanes(list(t.lanes))}" if t.lanes else "")
            + (f" ×{t.polls} since {t.first:.2f}" if t.polls > 1 else "")
            for t in self.shared.history.recent_flags()[:12]
        ]
        self.query_one("#flag-history", Static).update("\n".join(lines) or "none yet")

    def _grid(self, snap: Snapshot) -> None:
        grid, select = self.query_one("#grid", DataTable), self.query_one("#lane", Select)
        if len(select._options) != len(snap.lanes):  # the module was swapped for a wider one
            select.set_options(_lane_options(len(snap.lanes)))
        for lane in snap.dom["lanes"]:
            n = lane["lane"]
            cells = (str(n), *(_cell(lane, key) for key, _, _ in LANE_MONITORS))
            trend = [v for _, v in self.shared.history.series("rx_power_dbm", n)]
            put_row(grid, str(n), (*cells, sparkline(trend)))
        self._follow(int(str(select.value)))

    def _follow(self, lane: int) -> None:
        """Keep the grid's highlighted row on the plotted lane."""
        grid = self.query_one("#grid", DataTable)
        if str(lane) in grid.rows and grid.cursor_row != grid.get_row_index(str(lane)):
            grid.move_cursor(row=grid.get_row_index(str(lane)))

    def _plots(self, snap: Snapshot) -> None:
        lane = int(str(self.query_one("#lane", Select).value))
        key = str(self.query_one("#lane-monitor", Select).value)
        title, unit = NAMES[key]
        self.query_one("#lane-plot", LinePlot).plot(
            f"lane {lane} {title}",
            unit,
            self.shared.history.series(key, lane),
            lane_limits(snap.dom, key),
        )
        mkey = str(self.query_one("#module-monitor", Select).value)
        entry = snap.dom["module"].get(mkey) or {}
        title, unit = NAMES[mkey]
        self.query_one("#module-plot", LinePlot).plot(
            title, unit, self.shared.history.series(mkey), entry.get("thresholds", {})
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "grid" and event.row_key.value:
            self.query_one("#lane", Select).value = int(event.row_key.value)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "rate" and event.value != self.shared.poll_interval:
            self.post_message(SetPollRate(float(str(event.value))))
        if event.select.id == "lane":
            self._follow(int(str(event.value)))
        if self.shared.latest is not None:
            self._plots(self.shared.latest)

    def action_lane(self, step: int) -> None:
        select = self.query_one("#lane", Select)
        count = len(select._options)
        select.value = (int(str(select.value)) - 1 + step) % count + 1

    def action_next_monitor(self) -> None:
        select = self.query_one("#lane-monitor", Select)
        keys = [key for key, _, _ in LANE_MONITORS]
        select.value = keys[(keys.index(str(select.value)) + 1) % len(keys)]

    def action_zoom(self) -> None:
        for plot in self.query(LinePlot):
            plot.fit_thresholds = not plot.fit_thresholds
        if self.shared.latest is not None:
            self._plots(self.shared.latest)


def _cell(lane: dict[str, Any], key: str) -> Text:
    return level_text(number(lane[key], 1), lane[level_key(key)])


def _lane_options(count: int) -> list[tuple[str, int]]:
    return [(f"lane {n}", n) for n in range(1, count + 1)]


def _rate_options(current: float) -> list[tuple[str, float]]:
    """The usual rates plus the one polling runs at now (``--rate 3`` is not in the list)."""
    return [(f"every {r:g} s", r) for r in sorted({*RATES, current})]


def _choice(id: str, options: list[tuple[str, Any]], value: Any = None) -> Select[Any]:
    """A selector that always has a value (the first option unless ``value`` is given)."""
    return Select(
        options, value=options[0][1] if value is None else value, allow_blank=False, id=id
    )
