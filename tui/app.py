"""cmis-tui: the Textual app — screens, key bindings, the poller and message routing."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.app import App
from textual.binding import Binding

import tui.textual_fixes  # noqa: F401  (guards library bugs before any widget exists)
from tui.commands import palette_commands
from tui.firmware_job import FirmwareJob
from tui.goto import ask_goto, vim
from tui.history import History
from tui.poller import Poller
from tui.protocols import AppState
from tui.requests import RequestsMixin
from tui.routing import RoutingMixin
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
from tui.session import Session
from tui.snapshot import Snapshot

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


class CmisApp(RoutingMixin, RequestsMixin, App):
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
