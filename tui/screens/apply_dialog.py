"""ApplyDialog: pick one of the advertised applications and the lanes to apply it to."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from cmis.codec.applications import Application
from cmis.codec.lanelist import format_lanes, parse_lanes
from cmis.errors import CmisError
from cmis.host.lanes import by_bank, group_problem, plan_groups


def _problem(app: Application, group: list[int]) -> str | None:
    """Why ``group`` (lanes 1-16) cannot be a data path, in the lanes the user typed."""
    bank = (group[0] - 1) // 8
    if (group[-1] - 1) // 8 != bank:
        return f"lanes {format_lanes(group)} cross a bank boundary (lanes 8/9)"
    return group_problem(app, [lane - bank * 8 for lane in group], bank)


KEYS = "↑↓ choose, Enter: on to the lanes, Enter again: apply, Esc: cancel"


class ApplyDialog(ModalScreen[tuple[int, str] | None]):
    """Returns (AppSel, lanes text) or None; blank lanes = every lane group the app can cover."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, applications: list[Application], lanes: int = 8) -> None:
        super().__init__()
        self.applications, self.lanes = applications, lanes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Apply an application (AppSel) advertised by the module", classes="title")
            yield Label(KEYS, classes="hint")
            yield OptionList(
                *(
                    Option(f"AppSel {a.appsel}: {a.summary()}", id=str(a.appsel))
                    for a in self.applications
                ),
                id="apps",
            )
            yield Label(f"Lanes 1-{self.lanes} (e.g. 1-4; blank = all lane groups it can cover):")
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

    def plan(self) -> tuple[list[list[int]], str | None]:
        """The data paths the current choice would form, or why it cannot."""
        app, text = self.selected(), self.query_one(Input).value.strip()
        if app is None:
            return [], "choose an application first"
        try:
            groups = self._groups(app, parse_lanes(text, self.lanes) if text else None)
        except CmisError as err:
            return [], str(err)
        problem = next((p for g in groups if (p := _problem(app, g))), None)
        return groups, problem or (None if groups else "no lane group fits")

    def _groups(self, app: Application, lanes: list[int] | None) -> list[list[int]]:
        """Data paths in lanes 1-16 across banks; each bank is planned on its own lanes 1-8."""
        split = by_bank(lanes) if lanes else dict.fromkeys(range((self.lanes + 7) // 8))
        return [
            [bank * 8 + lane for lane in group]
            for bank, local in split.items()
            for group in plan_groups(app, local)
        ]

    def _show_plan(self) -> None:
        groups, problem = self.plan()
        shown = (
            Text(problem, "bold red")
            if problem
            else Text(f"Enter applies: data paths on lanes {', '.join(map(format_lanes, groups))}")
        )
        self.query_one("#plan", Static).update(shown)

    def on_option_list_option_highlighted(self) -> None:
        self._show_plan()

    def on_input_changed(self) -> None:
        self._show_plan()

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
        app, (_, problem) = self.selected(), self.plan()
        if app is None or problem:
            self.notify(problem or "choose an application first", severity="error")
            return
        self.dismiss((app.appsel, self.query_one(Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
