"""Log: bus transactions and module events (state changes, flags, CDB commands), filterable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, RichLog, Select

from tui.eventlog import KINDS, Entry
from tui.protocols import AppState
from tui.screens.base import CmisScreen
from tui.snapshot import Snapshot

SHOWN = 2000  # lines kept on screen after a filter change


class LogScreen(CmisScreen):
    """Kind selector + text filter; new entries are appended on every poll."""

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter"),
        Binding("e", "events", "Events only"),
    ]

    def __init__(self, shared: AppState) -> None:
        super().__init__(shared)
        self.seen = 0

    def body(self) -> ComposeResult:
        with Horizontal(id="log-controls"):
            options = [("everything", "all"), ("events (no bus)", "events")]
            yield Select(
                options + [(k, k) for k in KINDS], value="events", allow_blank=False, id="kind"
            )
            yield Input(placeholder="filter text (e.g. lane 3, DPInit, 9Fh)", id="filter")
        yield RichLog(id="log", max_lines=5000, wrap=False, markup=False)

    def on_mount(self) -> None:
        self.reload()

    def _wanted(self, entry: Entry) -> bool:
        kind = self.query_one("#kind", Select).value
        text = self.query_one("#filter", Input).value.lower()
        if kind == "events" and entry.kind == "bus":
            return False
        if kind not in ("all", "events", entry.kind):
            return False
        return text in entry.line().lower()

    def reload(self) -> None:
        log = self.query_one(RichLog)
        log.clear()
        entries = self.shared.session.log.since(0)
        for entry in [e for e in entries if self._wanted(e)][-SHOWN:]:
            log.write(entry.line())
        self.seen = entries[-1].seq if entries else 0
        self.call_after_refresh(log.scroll_end, animate=False)

    def show(self, snap: Snapshot) -> None:
        entries = self.shared.session.log.since(self.seen)
        log = self.query_one(RichLog)
        for entry in entries:
            if self._wanted(entry):
                log.write(entry.line())
        if entries:
            self.seen = entries[-1].seq

    def on_select_changed(self) -> None:
        self.reload()

    def on_input_changed(self) -> None:
        self.reload()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_events(self) -> None:
        self.query_one("#kind", Select).value = "events"
