"""The chassis grid's data: every port read in parallel, each row as the cells the grid shows.

One Module per port lives from one refresh to the next, so its static pages (00h-02h) are read
once in a while, not every second; it is dropped when the port fails (an empty cage answers
ENXIO, and only then is the presence pin read), so a module inserted later is read afresh.
"""

from __future__ import annotations

import errno
import threading
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text

from cmis.clock import RealClock
from cmis.codec.lanelist import format_lanes
from cmis.errors import TransportError
from cmis.host.chassis import empty_cage, port_status
from cmis.host.module import Module
from cmis.host.ports import PortTimeout, error_text, run_all
from cmis.host.targets import open_optoe
from tui.render import LEVEL_STYLES

COLUMNS = ("port", "present", "module state", "application", "worst alarm", "Rx LOS")
Cell = tuple[str, str]  # text, style: compared to find what changed since the last refresh
Row = tuple[Cell, ...]
RELOAD_EVERY = 30  # refreshes between reads of the static pages: a swap whose latched state
# change another host read (and cleared) first is caught here; ModuleMemory catches the rest
PORT_TIMEOUT = 5.0  # s: a port slower than this is shown as not answering this refresh


class PortWatch:
    """The ports of one chassis folder (name -> eeprom path), read together by ``read_all``."""

    def __init__(self, ports: dict[str, Path], interval: float = 1.0) -> None:
        self.ports, self.interval = ports, interval
        self.modules: dict[str, Module] = {}
        self.rounds = 0
        self._stop = threading.Event()

    def run(self, post: Callable[[dict[str, Row]], object]) -> None:
        """The worker loop: read every port, hand the rows over, again ``interval`` after the
        start of the last round (a slow round is not followed by a full wait)."""
        clock = RealClock()
        while not self._stop.is_set():
            start = clock.now()
            post(self.read_all())
            self._stop.wait(max(0.0, self.interval - (clock.now() - start)))

    def stop(self) -> None:
        self._stop.set()

    def read_all(self) -> dict[str, Row]:
        jobs: dict[str, Callable[[], Any]] = {n: partial(self._read, n) for n in self.ports}
        values = run_all(jobs, timeout=PORT_TIMEOUT)
        for name, value in values.items():
            if isinstance(value, PortTimeout):  # its read goes on: never share its Module
                self.modules.pop(name, None)
        self.rounds += 1
        return {name: row_cells(name, value, self.ports[name]) for name, value in values.items()}

    def _read(self, name: str) -> dict[str, Any]:
        module = self.modules.get(name) or open_optoe(str(self.ports[name]))
        if self.rounds % RELOAD_EVERY == 0:
            module.forget_cache()  # a module swapped between two refreshes: its identity anew
        try:
            row = port_status(module)  # no pin files: each costs a FUSE server an eeprom read
        except TransportError as err:
            self.modules.pop(name, None)
            if err.errno == errno.ENXIO and module.pins is not None and not module.pins.present:
                return empty_cage({"present": False})
            raise
        except Exception:
            self.modules.pop(name, None)
            raise
        self.modules.setdefault(name, module)  # (a late read must not replace a newer one)
        return row


def row_cells(name: str, value: Any, eeprom: Path | None = None) -> Row:
    """The grid row of a port: its summary, or the error that ended this refresh of it."""
    if isinstance(value, BaseException):
        return ((name, ""), ("?", "red"), ("error", "red"), (error_text(value, eeprom), "red"),
                ("", ""), ("", ""))  # fmt: skip
    if not value["present"]:
        return (name, ""), ("no", "dim"), ("empty cage", "dim"), ("", ""), ("", ""), ("", "")
    worst = value["worst_alarm"]
    where = ", ".join(f"{n} {format_lanes(ls)}".strip() for n, ls in worst["monitors"].items())
    los = format_lanes(value["lanes_los"]) if value["lanes_los"] else ""
    return (
        (name, ""),
        ("yes", ""),
        (value["module_state"], ""),
        (application(value["data_paths"]), ""),
        (f"{worst['level']} {where}".strip(), LEVEL_STYLES.get(worst["level"], "")),
        (los, "bold red" if los else ""),
    )


def application(paths: list[dict[str, Any]]) -> str:
    """``AppSel 1 800GBASE-DR8``; a breakout's data paths of one AppSel counted (``x2``)."""
    counts = Counter((p["appsel"], p["application"] or "") for p in paths)
    return (
        ", ".join(
            f"AppSel {sel} {name}".strip() + (f" x{n}" if n > 1 else "")
            for (sel, name), n in counts.items()
        )
        or "none"
    )


def as_text(cell: Cell) -> Text:
    return Text(cell[0], style=cell[1])
