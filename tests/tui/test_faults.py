"""Palette faults: Rx LOS on lane 3 explained on Overview, Lanes and DOM; pull and insert."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from tests.tui.conftest import SIZE, cell, poll, settle, text_of
from tui.screens.overview import OverviewScreen

pytestmark = pytest.mark.asyncio


async def palette(app, pilot, title: str, answer: str | None = None) -> None:
    """Run the command palette entry ``title`` (its callback, as Enter on it would)."""
    command = next(c for c in app.get_system_commands(app.screen) if c.title == title)
    command.callback()
    await settle(app, pilot)
    if answer is not None:  # the entry asks (which lanes, how much): type the answer
        app.screen.query_one(Input).value = answer
        await pilot.press("enter")
        await settle(app, pilot)


async def test_rx_los_on_lane_3_says_what_is_wrong_and_what_to_do(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await palette(app, pilot, "Emulator: Rx LOS on lanes ...", "3")
        await poll(app, pilot, times=3)
        state = text_of(app.screen.query_one("#state", Static))
        assert "Rx LOS" in state and "on lane 3" in state and "check the fiber" in state
        tally = app.history.flags[("LOSFlagRx", (3,))]
        assert tally.polls >= 3  # once per poll, however often a poll reads page 11h
        await pilot.press("l")
        await poll(app, pilot)
        assert "Rx LOS" in cell(app, 3, "problems now")
        assert cell(app, 2, "problems now") == "-"
        assert cell(app, 3, "Rx dBm") == "-∞"
        await pilot.press("down", "down")
        await pilot.pause()
        assert "no light at the receiver" in text_of(app.screen.query_one("#lane-help", Static))
        await palette(app, pilot, "Emulator: clear faults")
        await poll(app, pilot, times=2)
        assert "Rx LOS" not in cell(app, 3, "problems now")


async def test_flags_keep_coming_once_the_module_flag_history_is_full(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.session.device.faults.set_lanes("rx_los", {3})
        flags = app.session.module.flags
        flags.limit = 20
        for _ in range(30):  # fill the bounded history past its limit
            app.session.module.read(0x11, 147, 1)
        assert len(flags) == flags.limit
        await poll(app, pilot)
        assert any(e.name == "LOSFlagRx" for e in app.latest.new_flags)


async def test_a_pulled_module_is_said_on_overview_and_identity_reloads_on_insert(app):
    async with app.run_test(size=SIZE) as pilot:
        await poll(app, pilot)
        await palette(app, pilot, "Emulator: pull the module out")
        assert app.lost and isinstance(app.screen, OverviewScreen)
        assert "NOT ANSWERING" in text_of(app.screen.query_one("#state", Static))
        app.identity = {}
        await palette(app, pilot, "Emulator: insert the module")
        await poll(app, pilot, times=3, step=20.0)
        assert not app.lost and app.identity.get("vendor_pn") == "OSFP-800G-DR8"
        assert "ModuleReady" in text_of(app.screen.query_one("#state", Static))
