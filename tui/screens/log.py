"""Log: module events (and, on request, bus transactions), filterable, saved for a vendor case."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Select

from cmis.errors import CmisError, cut_path
from tui.eventlog import KINDS, Entry
from tui.logfilter import Query, save
from tui.protocols import AppState
from tui.screens.base import CmisScreen
from tui.screens.prompt_dialog import PromptDialog
from tui.snapshot import Snapshot
from tui.widgets.event_view import EventView

SHOWN = 2000  # lines kept on screen after a filter change


class LogScreen(CmisScreen):
    """Kind selector + text filter; new entries are appended on every poll."""

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter"),
        Binding("escape", "leave_filter", "Leave filter", show=False),
        Binding("e", "events", "Events only"),
        Binding("S", "save", "Save log"),
        Binding("g", "top", "Top", show=False),
        Binding("G", "bottom", "Bottom", show=False),
    ]

    def __init__(self, shared: AppState) -> None:
        super().__init__(shared)
        self.seen = 0
        self.query_text = Query("")

    def body(self) -> ComposeResult:
        with Horizontal(id="log-controls"):
            options = [("everything", "all"), ("events (no bus)", "events")]
            yield Select(
                options + [(k, k) for k in KINDS], value="events", allow_blank=False, id="kind"
            )
            yield Input(placeholder="filter (e.g. lane 3, DPInit, 9Fh); Esc leaves", id="filter")
        yield EventView(id="log", max_lines=SHOWN)

    def on_mount(self) -> None:
        self.reload()
        self.query_one(EventView).focus()

    def _wanted(self, entry: Entry) -> bool:
        kind = self.query_one("#kind", Select).value
        if kind == "events" and entry.kind == "bus":
            return False
        if kind not in ("all", "events", entry.kind):
            return False
        return self.query_text.matches(entry)

    def reload(self) -> None:
        view = self.query_one(EventView)
        view.reset()
        entries = self.shared.session.log.since(0)
        view.show([e for e in entries if self._wanted(e)][-SHOWN:])
        self.seen = entries[-1].seq if entries else 0
        self.call_after_refresh(view.scroll_end, animate=False)

    def show(self, snap: Snapshot) -> None:
        entries = self.shared.session.log.since(self.seen)
        self.query_one(EventView).show(e for e in entries if self._wanted(e))
        if entries:
            self.seen = entries[-1].seq

    def on_select_changed(self) -> None:
        self.reload()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_text = Query(event.value)
        self.reload()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_leave_filter(self) -> None:
        """Esc: out of the filter box (keys act again); pressed again, clear the filter."""
        box = self.query_one("#filter", Input)
        if not box.has_focus:
            box.value = ""
        self.query_one(EventView).focus()

    def action_events(self) -> None:
        self.query_one("#kind", Select).value = "events"

    def action_top(self) -> None:
        self.query_one(EventView).scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.query_one(EventView).scroll_end(animate=False)

    def action_save(self) -> None:
        name = datetime.now().strftime("cmis-log-%Y%m%d-%H%M%S.txt")
        self.app.push_screen(
            PromptDialog(
                "Save the whole log (events and bus) to",
                name,
                "name.txt: text with dates; name.jsonl: one JSON object a line",
            ),
            self._save,
        )

    def _save(self, path: str | None) -> None:
        if not path:
            return
        entries = self.shared.session.log.since(0)
        try:
            target = save(entries, path.strip())
        except CmisError as err:
            self.refuse(f"log not saved: {err}")
            return
        self.notify(f"log saved: {len(entries)} lines in {cut_path(target, 60)}")
