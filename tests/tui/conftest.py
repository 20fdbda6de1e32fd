"""TUI test fixtures: the app on an emulated module on a VirtualClock, polled only on demand."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable

import pytest
from rich.console import Console
from textual.widgets import DataTable

import cmis
from tui.app import CmisApp
from tui.session import Session

SIZE = (160, 48)


@pytest.fixture
def session() -> Session:
    return Session(cmis.open("emu:osfp-800g-dr8"))  # its own VirtualClock, brought up, seed 0


@pytest.fixture
def app(session: Session) -> CmisApp:
    return CmisApp(session, poll_interval=None)


async def settle(app: CmisApp, pilot) -> None:
    """Let every worker finish and the messages they posted be handled."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def poll(app: CmisApp, pilot, times: int = 1, step: float = 1.0) -> None:
    """Let ``step`` virtual seconds pass, then poll, ``times`` times."""
    for _ in range(times):
        app.session.tick(step)
        app.poll_now()
        await settle(app, pilot)


def text_of(widget) -> str:
    """What a Static shows, as plain text (tables and Text alike)."""
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


@pytest.fixture
def app16() -> CmisApp:
    """Two banks: lanes 1-16 of an OSFP-XD 1.6T DR16."""
    return CmisApp(Session(cmis.open("emu:osfp-xd-1.6t-dr16")), poll_interval=None)


def edited_session(profile: str, edit: Callable[[str], str]) -> Session:
    """A module of ``profile`` whose TOML text ``edit`` changed (a capability taken away)."""
    from cmis.clock import VirtualClock
    from cmis.host.module import Module
    from cmis.transport.twi import TwiTransport
    from emulator import EmulatedModule
    from emulator.profile import PROFILE_DIR, parse_profile

    text = edit((PROFILE_DIR / f"{profile}.toml").read_text())
    clock = VirtualClock()
    device = EmulatedModule(parse_profile(f"edited-{profile}", text), clock, lpmode=False)
    return Session(Module(TwiTransport(device, clock=clock), clock=clock, name="edited"))


def cell(app: CmisApp, row: int | str, column: str, table: str = "#lanes") -> str:
    """One cell of the current screen's table as text (lane tables key rows by lane number)."""
    return str(app.screen.query_one(table, DataTable).get_cell(str(row), column))


async def wait_for(event: threading.Event, pilot, tries: int = 200) -> bool:
    """Let the app run until a worker thread sets ``event`` (False if it never does)."""
    for _ in range(tries):
        if event.is_set():
            return True
        await pilot.pause(0.01)
    return False


async def flash_and_hold(app: CmisApp, pilot) -> threading.Event:
    """Start the demo flash (f, m, confirm with y) and return once the download is held past
    64 KiB; the flash stays running until the test sets the returned gate."""
    reached, gate = threading.Event(), threading.Event()
    progress = app.fw_job.progress

    def held(phase: str, done: int, total: int) -> None:
        if phase == "download" and done > 64 * 1024:
            reached.set()
            gate.wait(10)
        progress(phase, done, total)

    app.fw_job.progress = held  # type: ignore[method-assign]
    await pilot.press("f", "m", "y")
    assert await wait_for(reached, pilot), "the flash never reached 64 KiB"
    return gate
