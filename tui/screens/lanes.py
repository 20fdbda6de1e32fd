"""Lanes: one row per lane of every bank (data path, DP state, Tx, powers, flags) and actions."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from cmis.codec.codes import describe
from cmis.codec.explain import CONFIG_STATUS_HELP, DP_STATE_HELP, explain, summary
from cmis.codec.lanelist import format_lanes, parse_lanes
from cmis.host.status import LaneStatus
from tui.health import los_lanes
from tui.lane_rows import columns, effect, lane_row, on_lane
from tui.messages import ApplyApplication, LaneProgress
from tui.render import put_row, state_text
from tui.screens.apply_dialog import ApplyDialog
from tui.screens.base import CmisScreen
from tui.snapshot import Snapshot


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

    def show(self, snap: Snapshot) -> None:
        table = self.query_one(DataTable)
        if not table.columns:  # the bank column only where there is more than one bank
            for column in columns(snap.banks):
                table.add_column(column, key=column)
        paths = {lane: p for p in snap.data_paths for lane in p.lanes}
        found, bank = snap.problems, "bank" in table.columns
        for status, dom in zip(snap.lanes, snap.dom["lanes"], strict=False):
            row = lane_row(status, dom, paths.get(status.lane), found, bank)
            put_row(table, str(status.lane), row)
        self.show_step()
        self._explain()

    def show_step(self) -> None:
        """The apply in progress, or how the last one ended (never a stale "applying...")."""
        self.query_one("#apply-step", Static).update(self.shared.apply_line)

    def on_data_table_row_highlighted(self) -> None:
        self._explain()

    def _explain(self) -> None:
        lane, snap = self.current_lane(), self.shared.latest
        if snap is None or lane is None or lane > len(snap.lanes):
            return
        status = snap.lanes[lane - 1]
        state, config = describe(status.dp_state), describe(status.config_status)
        found = snap.problems
        meaning = explain(DP_STATE_HELP, state)
        if lane in los_lanes(found):  # activated is not "ready for traffic" without light
            meaning = meaning.replace("ready for traffic", "but NOT ready for traffic (see below)")
        text = Text.assemble(
            (f"Lane {lane}: ", "bold"),
            state_text(state),
            " — ",
            meaning,
            "\n",
            (config, "bold"),
            " — ",
            explain(CONFIG_STATUS_HELP, config),
        )
        for what, advice in summary(on_lane(found, lane)):
            text.append(f"\n{what}", "bold red")
            text.append(f": {advice}")
        elsewhere = sorted({n for p in found for n in p.lanes} - {lane})
        if elsewhere:
            text.append(f"\nProblems on lanes {format_lanes(elsewhere)}: move there (↑↓)", "yellow")
        self.query_one("#lane-help", Static).update(text)

    def current_lane(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 1)

    def on_lane_progress(self, message: LaneProgress) -> None:
        self.show_step()
        table = self.query_one(DataTable)
        for lane, state in enumerate(message.states, start=message.first):
            if str(lane) in table.rows:
                table.update_cell(str(lane), "DP state", state_text(state), update_width=True)

    def action_apply(self) -> None:
        self.app.push_screen(ApplyDialog(self.shared.applications, self._count()), self._apply)

    def _count(self) -> int:
        """Lanes of every bank: 16 for a two-bank module."""
        return len(self.shared.latest.lanes) if self.shared.latest else 8 * self.shared.banks

    def _apply(self, choice: tuple[int, str] | None) -> None:
        if choice is None:
            return
        appsel, text = choice
        try:
            lanes = parse_lanes(text, self._count()) if text.strip() else None
        except ValueError as err:  # the dialog checks first; this is the last word
            self.notify(str(err), severity="error")
            return
        self.post_message(ApplyApplication(appsel, lanes))

    def _lane(self) -> tuple[LaneStatus, list[int]] | None:
        """The highlighted lane and every lane of its data path (itself if it has none)."""
        lane, snap = self.current_lane(), self.shared.latest
        if lane is None or snap is None or lane > len(snap.lanes):
            return None
        path = next((p for p in snap.data_paths if lane in p.lanes), None)
        return snap.lanes[lane - 1], list(path.lanes) if path else [lane]

    def action_toggle_tx(self) -> None:
        found = self._lane()
        if found is None:
            return
        status, path = found
        enable, lane = status.tx_disabled, status.lane
        verb = "enable" if enable else "disable"
        said = effect(lane, path, not enable, f"Tx output {verb}d")
        module = self.shared.session.module
        self.ask(
            f"{verb.capitalize()} Tx on lane {lane}?",
            said,
            lambda: self.call(f"{verb} Tx lane {lane}", module.set_tx_output, [lane], enable),
        )

    def action_toggle_deinit(self) -> None:
        found = self._lane()
        if found is None:
            return
        status, lanes = found
        deinit = not status.dp_deinit
        verb = "DPDeinit" if deinit else "re-init"
        said = effect(status.lane, lanes, deinit, verb)
        module, where = self.shared.session.module, format_lanes(lanes)
        self.ask(
            f"{verb} lanes {where}?",
            said,
            lambda: self.call(f"{verb} lanes {where}", module.set_dp_deinit, lanes, deinit),
        )
