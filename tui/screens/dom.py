"""DOM: live plots (a lane monitor and a module monitor) with thresholds, values, flag history."""

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
    level_text,
    monitor_rows,
    number,
    put_row,
    threshold_cells,
)
from tui.screens.base import CmisScreen
from tui.snapshot import Snapshot
from tui.widgets.line_plot import LinePlot

NAMES = {key: (f"{label} ({unit})", unit) for key, label, unit in LANE_MONITORS + MODULE_MONITORS}
SHORT = {  # selector labels: short enough for an 80-column terminal
    "rx_power_mw": "Rx mW",
    "tx_power_mw": "Tx mW",
    "tx_bias_ma": "bias mA",
    "temperature_c": "temp °C",
    "vcc_v": "Vcc V",
}


class DomScreen(CmisScreen):
    """Pick a lane (1-8 keys or the selector) and a monitor; z fits the thresholds in the plot."""

    BINDINGS = [
        *(Binding(str(n), f"lane({n})", show=False) for n in range(1, 9)),
        Binding("m", "next_monitor", "Next monitor"),
        Binding("z", "zoom", "Fit thresholds"),
    ]

    def body(self) -> ComposeResult:
        with Horizontal(id="dom"):
            with Vertical(id="dom-left"):
                yield DataTable(id="values", cursor_type="none")
                yield Label("Latched flags, newest first (module time, s):", classes="title")
                yield Static("", id="flag-history")
            with Vertical(id="dom-right"):
                with Horizontal(id="dom-controls"):
                    yield _choice("lane-monitor", [(SHORT[k], k) for k, _, _ in LANE_MONITORS])
                    yield _choice("lane", [(f"lane {n}", n) for n in range(1, 9)])
                    yield _choice("module-monitor", [(SHORT[k], k) for k, _, _ in MODULE_MONITORS])
                    rates = [(f"every {r:g} s", r) for r in RATES]
                    yield _choice("rate", rates, self.shared.poll_interval)
                yield LinePlot(id="lane-plot")
                yield LinePlot(id="module-plot")

    def on_mount(self) -> None:
        table = self.query_one("#values", DataTable)
        for column in ("monitor", "value", *THRESHOLD_COLUMNS):
            table.add_column(column, key=column)

    def show(self, snap: Snapshot) -> None:
        table = self.query_one("#values", DataTable)
        for label, value, level, thresholds in monitor_rows(snap.dom):
            put_row(
                table,
                label,
                (label, level_text(number(value), level), *threshold_cells(thresholds)),
            )
        self._plots(snap)
        lines = [
            f"{t.last:9.2f}  {short_flag(t.name)}"
            + (f" lanes {format_lanes(list(t.lanes))}" if t.lanes else "")
            + (f" ×{t.polls} since {t.first:.2f}" if t.polls > 1 else "")
            for t in self.shared.history.recent_flags()[:12]
        ]
        self.query_one("#flag-history", Static).update("\n".join(lines) or "none yet")

    def _plots(self, snap: Snapshot) -> None:
        lane = self.query_one("#lane", Select).value
        key = str(self.query_one("#lane-monitor", Select).value)
        title, unit = NAMES[key]
        self.query_one("#lane-plot", LinePlot).plot(
            f"lane {lane} {title}",
            unit,
            self.shared.history.series(key, int(str(lane))),
            snap.dom["lane_thresholds"].get(key, {}),
        )
        mkey = str(self.query_one("#module-monitor", Select).value)
        entry = snap.dom["module"].get(mkey) or {}
        title, unit = NAMES[mkey]
        self.query_one("#module-plot", LinePlot).plot(
            title, unit, self.shared.history.series(mkey), entry.get("thresholds", {})
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "rate" and event.value != self.shared.poll_interval:
            self.post_message(SetPollRate(float(str(event.value))))
        if self.shared.latest is not None:
            self._plots(self.shared.latest)

    def action_lane(self, lane: int) -> None:
        self.query_one("#lane", Select).value = lane

    def action_next_monitor(self) -> None:
        select = self.query_one("#lane-monitor", Select)
        keys = [key for key, _, _ in LANE_MONITORS]
        select.value = keys[(keys.index(str(select.value)) + 1) % len(keys)]

    def action_zoom(self) -> None:
        for plot in self.query(LinePlot):
            plot.fit_thresholds = not plot.fit_thresholds
        if self.shared.latest is not None:
            self._plots(self.shared.latest)


def _choice(id: str, options: list[tuple[str, Any]], value: Any = None) -> Select[Any]:
    """A selector that always has a value (the first option unless ``value`` is given)."""
    first = options[0][1] if value is None else value
    return Select(options, value=first, allow_blank=False, id=id)
