"""CmisScreen: header, status line, body and footer; renders the app's latest state on resume."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

from tui.snapshot import Snapshot
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from tui.app import CmisApp


class CmisScreen(Screen):
    """A top-level screen; subclasses build ``body`` and render a Snapshot in ``show``."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield StatusLine(id="status")
        yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        yield from ()

    @property
    def cmis(self) -> CmisApp:
        return cast("CmisApp", self.app)

    def on_screen_resume(self) -> None:
        self.cmis.screen_shown(self)
        if self.cmis.latest is not None:
            self.show(self.cmis.latest)
        if self.cmis.lost:
            self.show_lost(self.cmis.lost_reason)

    def show(self, snap: Snapshot) -> None:
        """Render ``snap``; called for every poll while this screen is visible."""

    def show_lost(self, why: str) -> None:
        """The module stopped answering (``why`` in the device's words); the status line says so."""
