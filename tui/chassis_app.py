"""``cmis-tui --chassis DIR``: the port grid, refreshed by a worker thread; exits with a port.

The app returns the chosen port's name (None on quit); ``tui.main.main`` then opens the full
module view on that port and comes back here when the user asks for the chassis again.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding

import tui.textual_fixes  # noqa: F401  (guards library bugs before any widget exists)
from cmis.errors import cut_path
from tui.chassis_watch import PortWatch
from tui.messages import PortsRead
from tui.screens.chassis import GridScreen
from tui.screens.help import HelpScreen


class ChassisApp(App[str | None]):
    """One row per port of ``ports`` (name -> eeprom); ``interval`` s between refreshes."""

    CSS_PATH = "cmis_tui.tcss"
    TITLE = "cmis-tui"
    BINDINGS = [Binding("question_mark", "help", "Help"), Binding("q", "quit", "Quit")]

    def __init__(
        self,
        folder: str,
        ports: dict[str, Path],
        interval: float = 1.0,
        cursor: str | None = None,
        note: str = "",
    ) -> None:
        super().__init__()
        self.port_watch = PortWatch(ports, interval)
        self.grid = GridScreen(list(ports), note, cursor)
        self.note, self.refreshes = note, 0
        self.sub_title = f"chassis {cut_path(folder, 60)}"

    def on_mount(self) -> None:
        self.push_screen(self.grid)
        self.watch_ports()

    @work(thread=True, group="chassis")
    def watch_ports(self) -> None:
        self.port_watch.run(lambda rows: self.post_message(PortsRead(rows)))

    def on_ports_read(self, message: PortsRead) -> None:
        self.refreshes += 1
        count = len(message.rows)
        status = f"{count} port(s), refreshed every {self.port_watch.interval:g} s; Enter opens one"
        self.grid.show(message.rows, f"{self.note}  {status}" if self.note else status)

    def on_unmount(self) -> None:
        self.port_watch.stop()

    def action_help(self) -> None:
        self.push_screen(HelpScreen("chassis"))
