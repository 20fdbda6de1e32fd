"""ApplyDialog: pick one of the advertised applications and the lanes to apply it to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from cmis.applications import Application
from cmis.host.lanes import plan_groups
from tui.render import lanes_label


class ApplyDialog(ModalScreen[tuple[int, str] | None]):
    """Returns (AppSel, lanes text) or None; blank lanes = every lane group the app can cover."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, applications: list[Application]) -> None:
        super().__init__()
        self.applications = applications

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Apply an application (AppSel) advertised by the module", classes="title")
            yield OptionList(
                *(
                    Option(f"AppSel {a.appsel}: {a.summary()}", id=str(a.appsel))
                    for a in self.applications
                ),
                id="apps",
            )
            yield Label("Lanes (e.g. 1-4 or 1-8; blank = all lane groups it can cover):")
            yield Input(placeholder="all", id="lane-input")
            yield Static("", id="plan")
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def selected(self) -> Application | None:
        index = self.query_one(OptionList).highlighted
        return self.applications[index] if index is not None else None

    def on_option_list_option_highlighted(self) -> None:
        app = self.selected()
        if app is not None:
            groups = ", ".join(lanes_label(g) for g in plan_groups(app, None))
            self.query_one("#plan", Static).update(f"blank lanes -> data paths on lanes {groups}")

    def on_option_list_option_selected(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self) -> None:
        self._done()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self._done()
        else:
            self.dismiss(None)

    def _done(self) -> None:
        app = self.selected()
        self.dismiss((app.appsel, self.query_one(Input).value) if app else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
