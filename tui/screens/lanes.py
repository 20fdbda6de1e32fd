"""Lanes: one row per lane (data path, DP state, ConfigStatus, Tx, powers, flags) and actions."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from cmis.explain import CONFIG_STATUS_HELP, DP_STATE_HELP, explain
from cmis.host.lanes import parse_lanes
from tui.messages import LaneProgress
from tui.render import lanes_label, level_text, number, state_text
from tui.screens.apply_dialog import ApplyDialog
from tui.screens.base import CmisScreen
from tui.snapshot import Snapshot

COLUMNS = (
    "lane",
    "data path",
    "AppSel",
    "DP state",
    "ConfigStatus",
    "Tx",
    "DPDeinit",
    "Tx mW",
    "Rx mW",
    "Rx dBm",
    "bias mA",
    "recent flags",
)


class LanesScreen(CmisScreen):
    """Lane table; the state column animates from polls and from apply progress."""

    BINDINGS = [
        Binding("a", "apply", "Apply application"),
        Binding("t", "toggle_tx", "Tx on/off"),
        Binding("x", "toggle_deinit", "DPDeinit/re-init"),
    ]

    def body(self) -> ComposeResult:
        yield Static("", id="apply-step")
        yield DataTable(id="lanes", cursor_type="row", zebra_stripes=True)
        yield Static("", id="lane-help", classes="panel")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in COLUMNS:
            table.add_column(column, key=column)

    def show(self, snap: Snapshot) -> None:
        table = self.query_one(DataTable)
        paths = {lane: p for p in snap.data_paths for lane in p.lanes}
        for status, dom in zip(snap.lanes, snap.dom["lanes"], strict=False):
            path = paths.get(status.lane)
            row = (
                str(status.lane),
                lanes_label(path.lanes) if path else "-",
                str(status.appsel),
                state_text(status.dp_state.name),
                str(status.config_status.name),
                Text("off", "yellow") if status.tx_disabled else "on",
                "set" if status.dp_deinit else "-",
                level_text(number(dom["tx_power_mw"]), dom["tx_power_level"]),
                level_text(number(dom["rx_power_mw"]), dom["rx_power_level"]),
                number(dom["rx_power_dbm"], 2),
                level_text(number(dom["tx_bias_ma"], 1), dom["tx_bias_level"]),
                self._flags(status.lane),
            )
            self._put(table, str(status.lane), row)
        self._explain()

    def _put(self, table: DataTable, key: str, row: tuple) -> None:
        if key not in table.rows:
            table.add_row(*row, key=key)
            return
        for column, value in zip(COLUMNS, row, strict=True):
            table.update_cell(key, column, value)

    def _flags(self, lane: int) -> str:
        names = [e.name for e in list(self.cmis.history.flags)[-50:] if lane in e.lanes]
        return ", ".join(dict.fromkeys(reversed(names))) or "-"

    def on_data_table_row_highlighted(self) -> None:
        self._explain()

    def _explain(self) -> None:
        lane = self.current_lane()
        snap = self.cmis.latest
        if snap is None or lane is None or lane > len(snap.lanes):
            return
        status = snap.lanes[lane - 1]
        state, config = status.dp_state.name, status.config_status.name
        self.query_one("#lane-help", Static).update(
            Text.assemble(
                (f"Lane {lane}: ", "bold"),
                state_text(state),
                " — ",
                explain(DP_STATE_HELP, state),
                "\n",
                (config, "bold"),
                " — ",
                explain(CONFIG_STATUS_HELP, config),
            )
        )

    def current_lane(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 1)

    def on_lane_progress(self, message: LaneProgress) -> None:
        self.query_one("#apply-step", Static).update(f"applying: {message.step}")
        table = self.query_one(DataTable)
        for lane, state in enumerate(message.states, start=1):
            if str(lane) in table.rows:
                table.update_cell(str(lane), "DP state", state_text(state))

    def action_apply(self) -> None:
        self.app.push_screen(ApplyDialog(self.cmis.applications), self._apply)

    def _apply(self, choice: tuple[int, str] | None) -> None:
        if choice is None:
            return
        appsel, text = choice
        try:
            lanes = parse_lanes(text) if text.strip() else None
        except ValueError as err:
            self.notify(str(err), severity="error")
            return
        self.query_one("#apply-step", Static).update(f"applying AppSel {appsel} ...")
        self.cmis.apply(appsel, lanes)

    def action_toggle_tx(self) -> None:
        lane, snap = self.current_lane(), self.cmis.latest
        if lane is None or snap is None:
            return
        enable = snap.lanes[lane - 1].tx_disabled
        verb = "enable" if enable else "disable"
        self.cmis.act(
            f"{verb} Tx lane {lane}", self.cmis.session.module.set_tx_output, [lane], enable
        )

    def action_toggle_deinit(self) -> None:
        lane, snap = self.current_lane(), self.cmis.latest
        if lane is None or snap is None:
            return
        path = next((p for p in snap.data_paths if lane in p.lanes), None)
        lanes = list(path.lanes) if path else [lane]
        deinit = not snap.lanes[lane - 1].dp_deinit
        verb = "DPDeinit" if deinit else "re-init"
        self.cmis.act(
            f"{verb} lanes {lanes_label(lanes)}",
            self.cmis.session.module.set_dp_deinit,
            lanes,
            deinit,
        )
