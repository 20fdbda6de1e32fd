"""cmis-tui: the Textual app — screens, key bindings, the poller and message routing."""

from __future__ import annotations

import sys
from functools import partial
from typing import Any

from textual.app import App
from textual.binding import Binding

import tui.textual_fixes  # noqa: F401  (guards library bugs before any widget exists)
from cmis.errors import CmisError, InputError, cut
from cmis.host.ports import discover
from tui.arguments import parse_args
from tui.chassis_app import ChassisApp
from tui.commands import palette_commands
from tui.firmware_job import FirmwareJob
from tui.goto import ask_goto, vim
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
from tui.poller import Poller
from tui.protocols import AppState
from tui.requests import RequestsMixin
from tui.screens.base import CmisScreen
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.diag import DiagScreen
from tui.screens.dom import DomScreen
from tui.screens.firmware import FirmwareScreen
from tui.screens.help import HelpScreen
from tui.screens.lanes import LanesScreen
from tui.screens.log import LogScreen
from tui.screens.overview import OverviewScreen
from tui.screens.pages import PagesScreen
from tui.screens.vdm import VdmScreen
from tui.session import Session, open_session
from tui.snapshot import Snapshot
from tui.transitions import log_changes
from tui.workers import APPLY

SCREENS_GROUP = Binding.Group("Screens (F1-F8)", compact=True)
BACK = "back"  # what the module view returns when the user goes back to the chassis grid
VIM_KEYS = (("j", "down"), ("k", "up"), ("g", "top"), ("G", "bottom"))

SCREENS: dict[str, type[CmisScreen]] = {
    "overview": OverviewScreen,
    "pages": PagesScreen,
    "lanes": LanesScreen,
    "dom": DomScreen,
    "firmware": FirmwareScreen,
    "log": LogScreen,
    "vdm": VdmScreen,
    "diag": DiagScreen,
}


class CmisApp(RequestsMixin, App):
    """One module, eight screens; ``poll_interval=None`` polls only on demand (tests)."""

    CSS_PATH = "cmis_tui.tcss"
    TITLE = "cmis-tui"
    DEFAULT_MODE = "overview"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # 80x24 must still work
    BINDINGS = [  # j/k/g/G are left to vim habits; screens also answer F1-F8 and ":"
        *(
            Binding(key, f"switch_mode('{mode}')", title, group=SCREENS_GROUP)
            for key, mode, title in (
                ("o", "overview", "Overview"),
                ("p", "pages", "Pages"),
                ("l", "lanes", "Lanes"),
                ("d", "dom", "DOM"),
                ("f", "firmware", "Firmware"),
            )
        ),
        *(
            Binding(f"f{n}", f"switch_mode('{mode}')", show=False)
            for n, mode in enumerate(SCREENS, 1)
        ),
        Binding("colon", "goto", "Go to"),
        *(Binding(key, f"vim('{move}')", show=False) for key, move in VIM_KEYS),
        Binding("question_mark", "help", "Help"),
        Binding("r", "refresh", "Poll now", show=False),
        Binding("s", "rate", "Refresh rate", show=False),
        Binding("q", "quit", "Quit"),
        Binding("b", "to_chassis", "Chassis"),  # only when opened from the chassis grid
    ]

    def __init__(
        self, session: Session, poll_interval: float | None = 1.0, *, chassis: bool = False
    ) -> None:
        super().__init__()
        self.session, self.autopoll = session, poll_interval is not None
        self.from_chassis = chassis
        self.poller = Poller(session, self.post_message, poll_interval or 1.0)
        self.latest: Snapshot | None = None
        self.history, self.fw_job = History(), FirmwareJob(session.clock.now)
        self.identity: dict[str, Any] = {}
        self.applications: list[Any] = []
        self.fw_info: Any = None
        self.poll_state, self.lost, self.lost_reason = "starting", False, ""
        self.apply_line = ""  # the Lanes step line: the apply running now, or how the last ended
        self.sub_title = session.target
        shared: AppState = self  # screens read the app only through this protocol
        for mode, screen in SCREENS.items():
            self.add_mode(mode, partial(screen, shared))

    # --- facts screens ask for ---------------------------------------------------------------

    @property
    def poll_interval(self) -> float:
        return self.poller.interval

    @property
    def banks(self) -> int:
        return int(self.identity.get("_banks", 1))

    @property
    def pages(self) -> list[str]:
        return list(self.identity.get("_pages", ["00h", "01h", "02h", "10h", "11h"]))

    @property
    def parse_params(self) -> dict[str, Any]:
        return {"bias_multiplier": self.identity.get("_bias_multiplier", 1)}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.from_chassis if action == "to_chassis" else True

    def get_system_commands(self, screen):  # type: ignore[no-untyped-def]
        yield from super().get_system_commands(screen)
        yield from palette_commands(self)

    # --- life cycle ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.load_identity()
        if self.autopoll:
            self.poll_loop()
        else:
            self.poll_now()

    def on_unmount(self) -> None:
        self.poller.stop()
        self.fw_job.abort()  # quitting mid-download aborts it (the old image stays)

    # --- messages from workers ---------------------------------------------------------------

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

    # --- actions ------------------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.current_mode))

    def action_goto(self) -> None:
        ask_goto(self)

    goto = action_goto  # the palette's "Go to ..."

    def action_vim(self, move: str) -> None:
        vim(self.focused, move)

    def action_refresh(self) -> None:
        self.poll_now()

    async def action_quit(self) -> None:
        """Quit; while a firmware download runs, ask first (quitting aborts it)."""
        if not self.fw_job.running:
            self.exit()
            return
        question = "A firmware download is running: quitting aborts it (the old image stays)."
        self.push_screen(
            ConfirmDialog("Quit and abort the download?", question, "Quit"),
            lambda yes: self.exit() if yes else None,
        )

    def action_rate(self) -> None:
        self.set_rate(self.poller.next_rate())

    def action_to_chassis(self) -> None:
        """Back to the chassis grid (``main`` runs it again; a running download asks first)."""
        if not self.fw_job.running:
            self.exit(BACK)
            return
        question = "A firmware download is running: leaving the port aborts it."
        self.push_screen(
            ConfirmDialog("Back to the chassis and abort the download?", question, "Back"),
            lambda yes: self.exit(BACK) if yes else None,
        )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.chassis is not None:
        return chassis_main(args.chassis, args.rate)
    try:  # open (and so check) the target before the screen is taken over
        session = open_session(args.target)
    except CmisError as err:
        return _refuse(err)
    app = CmisApp(session, poll_interval=args.rate)
    app.run()
    return app.return_code or 0  # non-zero after an unhandled exception


def chassis_main(folder: str, rate: float) -> int:
    """The grid until a port is chosen, that port's full view until ``b``, and round again."""
    try:
        ports = discover(folder)
    except CmisError as err:
        return _refuse(err)
    chosen, note = None, ""
    while True:
        grid = ChassisApp(folder, ports, interval=1.0, cursor=chosen, note=note)
        grid.run()
        chosen, note = grid.return_value, ""
        if chosen is None:
            return grid.return_code or 0
        try:
            session = open_session(f"optoe:{ports[chosen]}")
        except CmisError as err:  # e.g. the port vanished from the folder meanwhile
            note = f"{chosen}: {cut(' '.join(str(err).split()), 100, quote=False)}"
            continue
        app = CmisApp(session, poll_interval=rate, chassis=True)
        app.run()
        if app.return_value != BACK:
            return app.return_code or 0


def _refuse(err: CmisError) -> int:
    print(f"cmis-tui: error: {' '.join(str(err).split())}", file=sys.stderr)
    return 2 if isinstance(err, InputError) else 1
