"""Snapshot images of the key screens at 160x48 (VirtualClock, seed 0: nothing moves by itself)."""

from __future__ import annotations

from tests.tui.conftest import SIZE, poll, settle
from tui.app import CmisApp


def _run_before(key: str, polls: int = 1):
    async def run_before(pilot) -> None:
        app: CmisApp = pilot.app
        await settle(app, pilot)
        await pilot.press(key)
        await poll(app, pilot, times=polls)

    return run_before


def test_overview_snapshot(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=_run_before("o"))


def test_lanes_snapshot(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=_run_before("l"))


def test_pages_snapshot(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=_run_before("p"))


def test_dom_snapshot(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=_run_before("d", polls=30))
