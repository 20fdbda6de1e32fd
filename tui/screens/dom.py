"""DOM: live plots (a lane monitor and a module monitor) with thresholds, values, flag history."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label, Select, Static

from tui.poller import RATES
from tui.render import level_text, number
from tui.screens.base import CmisScreen
from tui.snapshot import Snapshot
from tui.widgets.line_plot import LinePlot

LANE_MONITORS = (
    ("Rx power (mW)", "rx_power_mw"),
    ("Tx power (mW)", "tx_power_mw"),
    ("Tx bias (mA)", "tx_bias_ma"),
)
MODULE_MONITORS = (("Temperature (°C)", "temperature_c"), ("Vcc (V)", "vcc_v"))
UNITS = {
    "rx_power_mw": "mW",
    "tx_power_mw": "mW",
    "tx_bias_ma": "mA",
    "temperature_c": "°C",
    "vcc_v": "V",
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
                yield Label("Latched flags (module time, s):", classes="title")
                yield Static("", id="flag-history")
            with Vertical(id="dom-right"):
                with Horizontal(id="dom-controls"):
                    yield Select(
                        LANE_MONITORS, value="rx_power_mw", allow_blank=False, id="lane-monitor"
                    )
                    yield Select(
                        [(f"lane {n}", n) for n in range(1, 9)],
                        value=1,
                        allow_blank=False,
                        id="lane",
                    )
                    yield Select(
                        MODULE_MONITORS,
                        value="temperature_c",
                        allow_blank=False,
                        id="module-monitor",
                    )
                    yield Select(
                        [(f"every {r:g} s", r) for r in RATES],
                        value=self.cmis.poller.interval,
                        allow_blank=False,
                        id="rate",
                    )
                yield LinePlot(id="lane-plot")
                yield LinePlot(id="module-plot")

    def on_mount(self) -> None:
        table = self.query_one("#values", DataTable)
        for column in ("monitor", "value", "lo alarm", "lo warn", "hi warn", "hi alarm"):
            table.add_column(column, key=column)

    def show(self, snap: Snapshot) -> None:
        self._table(snap)
        self._plots(snap)
        events = list(self.cmis.history.flags)[-12:]
        lines = [f"{e.time:9.2f}  {e.name} {list(e.lanes) if e.lanes else ''}" for e in events]
        self.query_one("#flag-history", Static).update("\n".join(reversed(lines)) or "none yet")

    def _plots(self, snap: Snapshot) -> None:
        lane, key = (
            self.query_one("#lane", Select).value,
            self.query_one("#lane-monitor", Select).value,
        )
        limits = snap.dom["lane_thresholds"].get(key, {})
        title = f"lane {lane} {dict((v, k) for k, v in LANE_MONITORS)[key]}"
        self.query_one("#lane-plot", LinePlot).plot(
            title, UNITS[key], self.cmis.history.series(key, lane), limits
        )
        mkey = self.query_one("#module-monitor", Select).value
        entry = snap.dom["module"].get(mkey) or {}
        name = dict((v, k) for k, v in MODULE_MONITORS)[mkey]
        self.query_one("#module-plot", LinePlot).plot(
            name, UNITS[mkey], self.cmis.history.series(mkey), entry.get("thresholds", {})
        )

    def _table(self, snap: Snapshot) -> None:
        rows = []
        for key, label in (("temperature_c", "Temperature °C"), ("vcc_v", "Vcc V")):
            entry = snap.dom["module"].get(key)
            if entry:
                rows.append((label, entry["value"], entry["level"], entry["thresholds"]))
        limits = snap.dom["lane_thresholds"]
        for lane in snap.dom["lanes"]:
            for name, key in LANE_MONITORS:
                level = lane[key.replace("_mw", "_level").replace("_ma", "_level")]
                rows.append((f"lane {lane['lane']} {name}", lane[key], level, limits.get(key, {})))
        table = self.query_one("#values", DataTable)
        for label, value, level, t in rows:
            cells = (
                label,
                level_text(number(value), level),
                *(
                    number(t.get(k))
                    for k in ("low_alarm", "low_warning", "high_warning", "high_alarm")
                ),
            )
            self._put(table, label, cells)

    @staticmethod
    def _put(table: DataTable, key: str, cells: tuple) -> None:
        if key not in table.rows:
            table.add_row(*cells, key=key)
            return
        table.update_cell(key, "value", cells[1])

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "rate" and event.value != self.cmis.poller.interval:
            self.cmis.set_rate(float(event.value))
        if self.cmis.latest is not None:
            self._plots(self.cmis.latest)

    def action_lane(self, lane: int) -> None:
        self.query_one("#lane", Select).value = lane

    def action_next_monitor(self) -> None:
        select = self.query_one("#lane-monitor", Select)
        keys = [key for _, key in LANE_MONITORS]
        select.value = keys[(keys.index(select.value) + 1) % len(keys)]

    def action_zoom(self) -> None:
        for plot in self.query(LinePlot):
            plot.fit_thresholds = not plot.fit_thresholds
        if self.cmis.latest is not None:
            self._plots(self.cmis.latest)
