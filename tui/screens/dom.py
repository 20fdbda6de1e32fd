"""DOM: a per-lane grid (Rx/Tx dBm, bias, trend) and plots of one lane and one module monitor."""

from __future__ import annotations

from typing import Any

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
    level_text,
    monitor_rows,
    number,
    put_row,
    threshold_cells,
)
from tui.screens.base import CmisScreen
from tui.snapshot import Snapshot
from tui.widgets.lane_grid import LaneGrid
from tui.widgets.line_plot import LinePlot

TABLE_EVERY = 1.0  # s between table redraws (plots follow every poll)
NAMES = {key: (f"{label} ({unit})", unit) for key, label, unit in LANE_MONITORS + MODULE_MONITORS}
SHORT = {  # selector labels: short enough for an 80-column terminal
    "rx_power_dbm": "Rx dBm",
    "tx_power_dbm": "Tx dBm",
    "tx_bias_ma": "bias mA",
    "temperature_c": "temp °C",
    "vcc_v": "Vcc V",
}


class DomScreen(CmisScreen):
    """Pick a lane ([ ] or the grid) and a monitor; z fits the thresholds in the plot."""

    BINDINGS = [
        Binding("left_square_bracket", "lane(-1)", "Prev lane", show=False),
        Binding("right_square_bracket", "lane(1)", "Next lane", show=False),
        Binding("m", "next_monitor", "Next monitor"),
        Binding("z", "zoom", "Fit thresholds"),
    ]

    tables_at = -TABLE_EVERY  # module time the tables were last drawn

    def body(self) -> ComposeResult:
        with Horizontal(id="dom"):
            with Vertical(id="dom-left"):
                yield DataTable(id="values", cursor_type="none")
                yield LaneGrid(id="grid")
                yield Label("Latched flags, newest first (host time):", classes="title")
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

    def show(self, snap: Snapshot) -> None:
        self._plots(snap)
        if snap.time - self.tables_at < TABLE_EVERY:
            return  # tables a person can read once a second; drawing them costs a core's %
        self.tables_at = snap.time
        table = self.query_one("#values", DataTable)
        for label, value, level, thresholds in monitor_rows(snap.dom, lanes=False):
            cells = (label, level_text(number(value, 2), level), *threshold_cells(thresholds, 2))
            put_row(table, label, cells)
        self._grid(snap)
        wall = self.shared.session.wall
        lines = [
            f"{wall.hms(t.last)}  {short_flag(t.name)}"
            + (f" lanes {format_lanes(list(t.lanes))}" if t.lanes else "")
            + (f" ×{t.polls} since {wall.hms(t.first)}" if t.polls > 1 else "")
            for t in self.shared.history.recent_flags()[:12]
        ]
        shown = "\n".join(lines) or "none yet"
        history = self.query_one("#flag-history", Static)
        if shown != history.content:  # an update re-lays the whole screen out: only on news
            history.update(shown)

    def _grid(self, snap: Snapshot) -> None:
        select = self.query_one("#lane", Select)
        if len(select._options) != len(snap.lanes):  # the module was swapped for a wider one
            select.set_options(_lane_options(len(snap.lanes)))
        grid = self.query_one(LaneGrid)
        grid.show(snap.dom["lanes"], self.shared.history)
        grid.follow(int(str(select.value)))

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
            self.query_one(LaneGrid).follow(int(str(event.value)))
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
