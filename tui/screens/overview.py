"""Overview: identity, module state explained, monitors, data paths, IntL and latched flags."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from cmis.codec.explain import FAULT_CAUSE_HELP, MODULE_STATE_HELP, explain, summary
from cmis.codec.lanelist import format_lanes
from tui.health import grouped_paths, lane_strip, next_steps
from tui.history import FlagTally
from tui.render import THRESHOLD_COLUMNS, level_text, monitor_rows, state_text, threshold_cells
from tui.screens.base import CmisScreen
from tui.snapshot import Snapshot
from tui.wallclock import WallClock

IDENTITY = (
    ("Vendor", "vendor_name"),
    ("Part number (PN)", "vendor_pn"),
    ("Serial number", "vendor_sn"),
    ("Revision", "vendor_rev"),
    ("Date code", "date_code"),
    ("OUI", "vendor_oui"),
    ("Module type", "identifier"),
    ("CMIS revision", "cmis_revision"),
    ("Media", "media_type"),
    ("Media technology", "media_technology"),
    ("Connector", "connector"),
    ("Firmware (active)", "firmware_active"),
    ("Firmware (inactive)", "firmware_inactive"),
    ("Hardware revision", "hardware_revision"),
)


class OverviewScreen(CmisScreen):
    """The first screen: what state the module is in, what is wrong, and who it is."""

    BINDINGS = [
        Binding("w", "power", "Low/high power"),
        Binding("R", "reset", "Reset module"),
    ]

    def body(self) -> ComposeResult:
        with VerticalScroll(id="overview"):
            yield Static(id="state", classes="panel")
            yield Static(id="strip")
            with Horizontal(id="overview-columns"):
                yield Static(id="identity", classes="panel")
                with Vertical(id="overview-right"):
                    yield Static(id="monitors", classes="panel")
                    yield Static(id="datapaths", classes="panel")
                    yield Static(id="flags", classes="panel")

    def on_screen_resume(self) -> None:
        self.show_identity(self.shared.identity)
        super().on_screen_resume()

    def show_identity(self, identity: dict[str, Any]) -> None:
        table = Table.grid(padding=(0, 2))
        for label, key in IDENTITY:
            table.add_row(Text(label, "bold"), str(identity.get(key) or "-"))
        power = identity.get("power_class")
        table.add_row(Text("Power class", "bold"), f"{power} (max {identity.get('max_power_w')} W)")
        self.query_one("#identity", Static).update(table)

    def show(self, snap: Snapshot) -> None:
        self.query_one("#state", Static).update(self._state(snap))
        self.query_one("#strip", Static).update(lane_strip(snap))
        self.query_one("#monitors", Static).update(_monitors(snap.dom))
        self.query_one("#datapaths", Static).update(self._datapaths(snap))
        seen = self.shared.history.recent_flags()
        self.query_one("#flags", Static).update(_flags(snap, seen, self.shared.session.wall))

    def show_lost(self, why: str) -> None:
        self.query_one("#state", Static).update(
            Text.assemble(
                ("Module state: NOT ANSWERING", "bold white on red"),
                f"\n{why}. Values below are from the last good poll.\n",
                "Check the module is seated (and the cage has power); polling retries by itself.",
            )
        )

    def _state(self, snap: Snapshot) -> Text:
        text = Text.assemble(("Module state: ", "bold"), state_text(snap.state), "\n")
        text.append(explain(MODULE_STATE_HELP, snap.state) + "\n")
        if snap.fault_cause not in ("NoFault", "0"):
            text.append(f"Fault cause: {snap.fault_cause}", "bold red")
            text.append(f" — {explain(FAULT_CAUSE_HELP, snap.fault_cause)}\n")
        for what, advice in summary(snap.problems):
            text.append(what, "bold red")
            text.append(f": {advice}\n")
        text.append(f"Next: {next_steps(snap)}", "bold")
        return text

    def _datapaths(self, snap: Snapshot) -> Table:
        table = Table(title="Active application per data path", expand=True, title_justify="left")
        for column in ("lanes", "application"):
            table.add_column(column)
        apps = {app.appsel: app for app in self.shared.applications}
        for lanes, what in grouped_paths(snap.data_paths, apps):
            table.add_row(lanes, what)
        return table

    def action_power(self) -> None:
        low = self.shared.latest is not None and self.shared.latest.state == "ModuleReady"
        mode = "low" if low else "high"
        effect = (
            "Low power: every data path goes down (all lanes stop carrying traffic)."
            if low
            else "High power: the data paths come up with the active applications."
        )
        module = self.shared.session.module
        self.ask(
            f"Switch the module to {mode} power?",
            effect,
            lambda: self.call(f"power {mode}", module.set_power_mode, mode),
        )

    def action_reset(self) -> None:
        self.ask(
            "Reset the module?",
            "Every lane goes down; the module restarts and comes back in its power-up state.",
            lambda: self.call("reset", self.shared.session.module.reset),
        )


def _monitors(dom: dict[str, Any]) -> Table:
    table = Table(title="Monitors", expand=True, title_justify="left")
    for column in ("monitor", "value", *THRESHOLD_COLUMNS):
        table.add_column(column)
    for label, value, level, thresholds in monitor_rows(dom, lanes=False):
        shown = level_text(f"{value:.2f} ({level})", level)
        table.add_row(label, shown, *threshold_cells(thresholds, 2))
    return table


def _flags(snap: Snapshot, seen: list[FlagTally], wall: WallClock) -> Text:
    intl = ("IntL asserted", "bold yellow") if snap.intl else ("IntL deasserted", "green")
    text = Text.assemble(("Interrupt: ", "bold"), intl, ("\nLatched flags seen (polls):", "bold"))
    if not seen:
        text.append(" none")
    for tally in seen[:8]:
        where = f" lanes {format_lanes(list(tally.lanes))}" if tally.lanes else ""
        text.append(f"\n  {tally.name}{where} ×{tally.polls}, last at {wall.hms(tally.last)}")
    return text
