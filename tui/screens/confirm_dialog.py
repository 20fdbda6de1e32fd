"""ConfirmDialog: show exactly what will be written (or why it is refused) and ask yes/no."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class ConfirmDialog(ModalScreen[bool]):
    """``details`` is shown verbatim; only y confirms: Enter (Cancel has focus), n, Esc say no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "Cancel"),
    ]

    def __init__(self, title: str, details: Text | str, ok: str = "Write") -> None:
        super().__init__()
        self.title_text, self.details, self.ok = title, details, ok

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="title")
            yield Static(self.details, id="details")
            yield Label("y = yes;  Enter, n or Esc = no", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.ok} (y)", variant="warning", id="ok")
                yield Button("Cancel (n)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "ok")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
