"""FindDialog: type a field name or an address, see matches on every page, Enter jumps there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from cmis.errors import InputError, cut
from tui.field_index import FieldIndex, Hit, Key

SHOWN = 200  # rows in the list; more would only slow typing down
HINT = "a name (OutputDisableTx, vendor), a byte (130) or an address (10h:130, 1:11h:200)"


class FindDialog(ModalScreen[Hit | None]):
    """Returns the chosen field (↑↓ then Enter, or a click), None on Escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, index: FieldIndex, here: tuple[Key, int], text: str = "") -> None:
        super().__init__()
        self.index, self.here, self.text = index, here, text
        self.hits: list[Hit] = []
        self.listed = ""  # the text self.hits answers

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="find"):
            yield Label("Find a field on every page", classes="title")
            yield Label(HINT, classes="hint")
            yield Input(value=self.text, id="answer")
            yield Label("", id="found")
            yield OptionList(id="hits")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._list(self.text)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._list(event.value)

    def _list(self, text: str) -> None:
        self.listed = text
        try:
            self.hits = self.index.search(text, self.here)
        except InputError as err:
            self.hits, said = [], str(err)
        else:
            more = f" (first {SHOWN} shown)" if len(self.hits) > SHOWN else ""
            said = f"{len(self.hits)} fields{more}" if text.strip() else ""
        self.query_one("#found", Label).update(said)
        hits = self.query_one(OptionList)
        hits.clear_options()
        hits.add_options([Option(hit.label) for hit in self.hits[:SHOWN]])
        if self.hits:
            hits.highlighted = 0

    def action_move(self, step: int) -> None:
        hits = self.query_one(OptionList)
        if self.hits:
            count = min(len(self.hits), SHOWN)
            hits.highlighted = ((hits.highlighted or 0) + step) % count

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.listed != event.value:  # typed faster than the list followed
            self._list(event.value)
        if not self.hits:
            said = f"no field like {cut(event.value.strip())} on any page (Esc closes)"
            self.query_one("#found", Label).update(said if event.value.strip() else HINT)
            return
        chosen = self.query_one(OptionList).highlighted
        self.dismiss(self.hits[chosen or 0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
