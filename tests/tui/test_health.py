"""Health at a glance: alarm badge, lane strip, grouped data paths, advice, nothing stale."""

from __future__ import annotations

import pytest
from textual.widgets import Static

import cmis
from tests.tui.conftest import SIZE, poll, settle, text_of
from tests.tui.test_log import WALL
from tui.app import CmisApp
from tui.messages import ApplyApplication
from tui.session import Session
from tui.widgets.event_view import EventView
from tui.widgets.status_line import StatusLine

pytestmark = pytest.mark.asyncio


async def test_rx_los_badge_on_every_screen_and_advice_without_reset(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.session.device.faults.set_lanes("rx_los", {3})
        for key in "oldfgp":
            await pilot.press(key)
            await poll(app, pilot)
            assert "Rx LOS L3" in text_of(app.screen.query_one(StatusLine)), key
        await pilot.press("o")
        await poll(app, pilot)
        state = text_of(app.screen.query_one("#state", Static))
        assert "Next: check the fiber of lanes 3" in state
        assert "R = reset" not in state
        await pilot.press("l", "down", "down")
        await poll(app, pilot)
        help_text = text_of(app.screen.query_one("#lane-help", Static))
        assert "NOT ready for traffic" in help_text and "ready for traffic." not in help_text


async def test_overview_groups_identical_data_paths_and_shows_a_lane_strip(app16):
    async with app16.run_test(size=SIZE) as pilot:
        await settle(app16, pilot)
        app16.session.run(app16.session.module.apply_application, 3, list(range(1, 9)))
        await poll(app16, pilot)
        paths = text_of(app16.screen.query_one("#datapaths", Static))
        assert "1-8" in paths and "AppSel 3, 8x 100GBASE-DR" in paths
        assert "9-16" in paths and "AppSel 1, 800GBASE-DR8" in paths
        strip = text_of(app16.screen.query_one("#strip", Static))
        assert all(f" {n} " in strip for n in (1, 8, 9, 16))


async def test_a_failed_apply_does_not_leave_applying_on_screen(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await poll(app, pilot)
        app.post_message(ApplyApplication(9, [1]))  # not advertised: the module refuses
        await settle(app, pilot)
        step = str(app.screen.query_one("#apply-step", Static).content)
        assert step.startswith("FAILED: apply AppSel 9") and "applying" not in step


async def test_values_dim_while_the_module_is_lost(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await poll(app, pilot)
        assert not app.screen.has_class("-stale")
        app.session.device.remove()
        await poll(app, pilot)
        assert app.lost and app.screen.has_class("-stale")


async def test_flag_times_are_wall_clock_times_on_overview_dom_and_log():
    session = Session(cmis.open("emu:osfp-800g-dr8"), host_time=lambda: WALL)  # 09:26:53
    app = CmisApp(session, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.session.device.faults.set_lanes("rx_los", {3})
        await poll(app, pilot, times=2, step=30.0)  # LOS seen 30 and 60 s after the start
        flags = text_of(app.screen.query_one("#flags", Static))
        assert "LOSFlagRx lanes 3 ×2, last at 09:27:53" in flags
        assert "OutputStatusChangedFlagRx lanes 3 ×1, last at 09:27:23" in flags
        await poll(app, pilot, step=600.0)  # a one-off flag keeps its time as time passes
        flags = text_of(app.screen.query_one("#flags", Static))
        assert "OutputStatusChangedFlagRx lanes 3 ×1, last at 09:27:23" in flags
        await pilot.press("d")
        await poll(app, pilot)
        history = text_of(app.screen.query_one("#flag-history", Static))
        assert "since 09:27:23" in history
        await pilot.press("f6")
        await settle(app, pilot)
        lines = app.screen.query_one(EventView).lines
        assert any(line.startswith("09:27:23.589  flag") for line in lines)
