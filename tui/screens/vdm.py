"""VDM: per-lane grid of the DSP's observables against thresholds and a pre-FEC BER plot."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from cmis.host.vdm import read_vdm, supported
from tui.messages import Fetch, Fetched
from tui.screens.base import CmisScreen
from tui.snapshot import Snapshot
from tui.vdm_view import BerHistory, by_lane
from tui.widgets.line_plot import LinePlot
from tui.widgets.vdm_grid import VdmGrid, module_line

NO_VDM = "this module does not advertise VDM (01h:142.6 = 0)"
LEGEND = "green ok, yellow warning, red alarm; * a flag was latched (this read cleared it)"


def _read(module: Any) -> list[dict[str, Any]] | None:
    """Frozen, read, unfrozen (as the CLI reads it); None when VDM is not advertised."""
    return read_vdm(module) if supported(module) else None


class VdmScreen(CmisScreen):
    """Read once per poll while shown; [ ] (or the grid cursor) pick the plotted lane."""

    BINDINGS = [
        Binding("left_square_bracket", "lane(-1)", "Prev lane"),
        Binding("right_square_bracket", "lane(1)", "Next lane"),
    ]

    reading = False  # a read is on its way: polls meanwhile do not queue another
    reads = 0

    def __init__(self, shared: Any) -> None:
        super().__init__(shared)
        self.ber = BerHistory()

    def body(self) -> ComposeResult:
        yield Static("waiting for the first VDM read ...", id="vdm-line")
        yield VdmGrid(id="vdm-grid")
        yield Static("", id="vdm-module")
        yield LinePlot(id="ber-plot")

    def show(self, snap: Snapshot) -> None:
        if not self.reading:
            self.reading = True
            self.post_message(Fetch("read VDM", _read, self))

    def on_fetched(self, message: Fetched) -> None:
        self.reading = False
        line = self.query_one("#vdm-line", Static)
        if message.error is not None:
            line.update(Text(f"VDM read failed: {message.error}", "bold red"))
            return
        if message.result is None:
            line.update(Text(NO_VDM, "bold"))
            self.query_one(VdmGrid).display = self.query_one(LinePlot).display = False
            return
        rows: list[dict[str, Any]] = message.result
        self.reads += 1
        self.ber.add(message.at, rows)
        lanes = by_lane(rows)
        self.query_one(VdmGrid).show(lanes)
        module = self.query_one("#vdm-module", Static)
        module.display = None in lanes
        if None in lanes:
            module.update(module_line(lanes[None]))
        read_at = self.shared.session.wall.hms(message.at)
        line.update(f"{len(rows)} observables, read at {read_at}; {LEGEND}")
        self._plot()

    def _plot(self) -> None:
        lane = self.query_one(VdmGrid).lane
        if lane is None:
            return
        self.query_one(LinePlot).plot(
            f"lane {lane} pre-FEC BER (log10)", "", self.ber.series(lane), self.ber.thresholds
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._plot()

    def action_lane(self, step: int) -> None:
        self.query_one(VdmGrid).move_lanes(step)
