"""Snapshot images of the key screens, 8 and 16 lanes, at 160x48 and 80x24 (nothing moves alone)."""

from __future__ import annotations

import time

import pytest

import cmis
from tests.tui.conftest import SIZE, poll, settle
from tui.app import CmisApp
from tui.session import Session


def _run_before(key: str, polls: int = 1):
    async def run_before(pilot) -> None:
        app: CmisApp = pilot.app
        await settle(app, pilot)
        await pilot.press(key)
        await poll(app, pilot, times=polls)
        await pilot.pause(0.1)  # the last redraws (a screen's scrollbars) before the picture
        await settle(app, pilot)

    return run_before


def test_pages_snapshot(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=_run_before("p"))


PROFILES = {"8": "emu:osfp-800g-dr8", "16": "emu:osfp-xd-1.6t-dr16"}
HOST_EPOCH = 1_767_225_600.0  # 2026-01-01 00:00:00 UTC
SIZES = {"160x48": SIZE, "80x24": (80, 24)}
SCREENS = {"overview": ("o", 1), "lanes": ("l", 1), "dom": ("d", 30), "vdm": ("f7", 5),
           "diag": ("f8", 2)}  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lanes", PROFILES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_snapshot(screen, lanes, size, snap_compare, monkeypatch):
    """Overview, Lanes, DOM, VDM and Diagnostics for 8 and 16 lanes, wide and at 80x24; wall
    times (VDM's "read at") from a fixed host clock in UTC, so the pictures do not move."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    session = Session(cmis.open(PROFILES[lanes]), host_time=lambda: HOST_EPOCH)
    app = CmisApp(session, poll_interval=None)
    key, polls = SCREENS[screen]
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_run_before(key, polls))
