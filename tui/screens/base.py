"""CmisScreen: header, status line, body and footer; renders the app's latest state on resume."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header

from tui.health import badge
from tui.messages import ActionDone, CallModule
from tui.protocols import AppState
from tui.screens.confirm_dialog import ConfirmDialog
from tui.snapshot import Snapshot
from tui.widgets.status_line import StatusLine


class CmisScreen(Screen):
    """A top-level screen; subclasses build ``body`` and render a Snapshot in ``show``.

    It reads the app's state through ``self.shared`` and asks the app for anything else by
    posting a request message (tui.messages), which bubbles up to the app.
    """

    # Screen bindings come before the app's in the footer: ? and q first, even at 80 columns.
    BINDINGS = [Binding("question_mark", "app.help", "Help"), Binding("q", "app.quit", "Quit")]

    def __init__(self, shared: AppState) -> None:
        super().__init__()
        self.shared = shared

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield StatusLine(id="status")
        yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        yield from ()

    def on_screen_resume(self) -> None:
        self.show_status()
        if self.shared.latest is not None:
            self.show(self.shared.latest)
        if self.shared.lost:
            self.show_lost(self.shared.lost_reason)

    def show_status(self) -> None:
        """The status line, and values dimmed while they are not live (lost or paused)."""
        shared = self.shared
        snap = shared.latest
        for line in self.query(StatusLine):
            line.show(
                shared.session.target,
                snap.state if snap else "?",
                shared.poll_state,
                shared.poll_interval,
                shared.lost,
                badge(snap.problems) if snap and not shared.lost else None,
                shared.fw_job.badge(),
            )
        self.set_class(shared.lost or shared.poll_state.startswith("paused"), "-stale")

    def call(self, label: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Ask the app to run a host-API call in a worker; the result goes to the log."""
        self.post_message(CallModule(label, fn, args, kwargs))

    def ask(self, question: str, details: str, then: Callable[[], Any], ok: str = "Yes") -> None:
        """Ask first (Enter or n = No, y = yes); ``then`` runs only on yes."""
        self.app.push_screen(ConfirmDialog(question, details, ok), lambda yes: yes and then())

    def refuse(self, text: str) -> None:
        """Say no to the user: logged and notified by the app like a failed action."""
        self.post_message(ActionDone(False, text))

    def show(self, snap: Snapshot) -> None:
        """Render ``snap``; called for every poll while this screen is visible."""

    def show_lost(self, why: str) -> None:
        """The module stopped answering (``why`` in the device's words); the status line says so."""
