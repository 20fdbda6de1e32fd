"""How the app routes what its workers post: polls, lost/found module, identity, progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.history import History
from tui.messages import (
    ActionDone,
    FirmwareInfoRead,
    FirmwareProgress,
    Identity,
    LaneProgress,
    Polled,
    PollPaused,
    TargetLost,
)
from tui.screens.base import CmisScreen
from tui.screens.firmware import FirmwareScreen
from tui.screens.lanes import LanesScreen
from tui.screens.overview import OverviewScreen
from tui.snapshot import Snapshot
from tui.transitions import log_changes
from tui.workers import APPLY


class RoutingMixin:
    """Message handlers of ``CmisApp``: update the shared state, then the screen on show."""

    session: Any
    screen: Any
    latest: Snapshot | None
    history: History
    identity: dict[str, Any]
    applications: list[Any]
    fw_info: Any
    poll_state: str
    lost: bool
    lost_reason: str
    apply_line: str
    notify: Callable[..., Any]
    load_identity: Callable[[], Any]

    def on_polled(self, message: Polled) -> None:
        previous, self.latest = self.latest, message.snapshot
        self.history.add(message.snapshot)
        log_changes(self.session.log, previous, message.snapshot)
        if self.lost:  # it may be another module now (or one with new firmware)
            self.poll_state, self.lost = "module answers again", False
            self.load_identity()
        else:
            self.poll_state = "live"
        self._route(message.snapshot)

    def on_poll_paused(self, message: PollPaused) -> None:
        self.poll_state = message.reason
        self.show_status()

    def on_target_lost(self, message: TargetLost) -> None:
        if not self.lost:
            self.session.log.add("error", f"module lost: {message.error}")
        why = message.error.rsplit(": ", 1)[-1]  # the device's own words, e.g. "no module present"
        self.lost, self.lost_reason = True, why
        self.poll_state = f"NOT ANSWERING ({why}), retrying"
        self.show_status()
        if isinstance(self.screen, CmisScreen):
            self.screen.show_lost(why)

    def on_identity(self, message: Identity) -> None:
        self.identity, self.applications = message.identity, message.applications
        if isinstance(self.screen, OverviewScreen):
            self.screen.show_identity(self.identity)

    def on_lane_progress(self, message: LaneProgress) -> None:
        self.apply_line = f"applying: {message.step}"
        if isinstance(self.screen, LanesScreen):
            self.screen.on_lane_progress(message)

    def on_firmware_progress(self, message: FirmwareProgress) -> None:
        if isinstance(self.screen, FirmwareScreen):
            self.screen.show_job()

    def on_firmware_info_read(self, message: FirmwareInfoRead) -> None:
        self.fw_info = message.info
        if isinstance(self.screen, FirmwareScreen):
            self.screen.show_info()
        self.load_identity()

    def on_action_done(self, message: ActionDone) -> None:
        self.session.log.add("action" if message.ok else "error", message.text)
        if message.text.startswith(APPLY):
            self.apply_line = message.text if message.ok else f"FAILED: {message.text}"
            if isinstance(self.screen, LanesScreen):
                self.screen.show_step()
        self.notify(message.text, severity="information" if message.ok else "error")

    def _route(self, snap: Snapshot) -> None:
        self.show_status()
        if isinstance(self.screen, CmisScreen):
            self.screen.show(snap)

    def show_status(self) -> None:
        if isinstance(self.screen, CmisScreen):
            self.screen.show_status()
