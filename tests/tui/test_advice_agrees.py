"""CLI and TUI explain the same module state in the same words (one source: cmis.codec.explain).

The CLI reads a dump of the emulated module the TUI is watching, so both see the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from cmis.cli import main
from cmis.cli.memory import all_pages
from cmis.cli.output import console
from cmis.images.writers import save_image
from tests.tui.conftest import SIZE, poll, settle, text_of
from tui.app import CmisApp
from tui.session import Session

pytestmark = pytest.mark.asyncio


def cli(capsys: pytest.CaptureFixture[str], dump: Path, command: str) -> list[str]:
    """The CLI's output lines for ``command`` run on the dump, wide enough not to wrap."""
    width, console.width = console.width, 300
    try:
        assert main(["-t", f"file:{dump}", command]) == 0
    finally:
        console.width = width
    return [line.strip() for line in capsys.readouterr().out.splitlines()]


def dump_of(session: Session, tmp_path: Path) -> Path:
    path = tmp_path / "module.txt"
    save_image(all_pages(session.module), path)
    return path


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_a_data_path_stuck_in_dpinit(session, tmp_path, capsys):
    session.device.faults.slow(10_000, "dp_init")  # DPInit now lasts hours of module time
    session.module.set_dp_deinit(list(range(1, 9)), True)
    session.tick(5.0)
    session.module.set_dp_deinit(list(range(1, 9)), False)
    session.tick(5.0)
    lines = cli(capsys, dump_of(session, tmp_path), "state")
    said = next(line for line in lines if line.startswith("DPInit: ")).removeprefix("DPInit: ")
    assert "Stuck here" in said  # the CLI says what to check
    app = CmisApp(session, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await poll(app, pilot)
        shown = text_of(app.screen.query_one("#lane-help", Static))
        assert "Lane 1: DPInit" in shown and flat(said) in flat(shown)


async def test_rx_los_on_lane_3(session, tmp_path, capsys):
    session.device.faults.set_lanes("rx_los", {3})
    session.tick(1.0)
    lines = cli(capsys, dump_of(session, tmp_path), "flags")
    said = next(line for line in lines if line.startswith("Rx LOS"))
    assert said.startswith("Rx LOS on lane 3: no light at the receiver")
    app = CmisApp(session, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await poll(app, pilot)
        assert said in text_of(app.screen.query_one("#state", Static)).splitlines()
        await pilot.press("l", "down", "down")
        await poll(app, pilot)
        assert said in text_of(app.screen.query_one("#lane-help", Static)).splitlines()


async def test_a_module_fault_says_its_cause_and_what_to_do(session, tmp_path, capsys):
    session.device.faults.module_fault = 1  # TEC runaway
    session.tick(1.0)
    lines = cli(capsys, dump_of(session, tmp_path), "info")
    row = next(
        n for n, line in enumerate(lines) if line.split() == ["Fault", "cause", "TecRunaway"]
    )
    cause = lines[row + 1]
    assert "then reset" in cause
    app = CmisApp(session, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await poll(app, pilot)
        assert f"Fault cause: TecRunaway — {cause}" in text_of(
            app.screen.query_one("#state", Static)
        )
