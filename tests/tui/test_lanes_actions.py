"""Lanes actions: apply an application through the dialog, Tx on/off, DPDeinit/re-init."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.tui.conftest import SIZE, cell, poll, settle, text_of
from tui.messages import LaneProgress
from tui.screens.apply_dialog import ApplyDialog
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.lanes import LanesScreen

pytestmark = pytest.mark.asyncio


async def test_apply_2x400g_dr4_through_the_dialog(app, monkeypatch):
    seen: list[list[str]] = []  # every LaneProgress posted (bursts collapse before drawing)
    post = app.post_message

    def spy(message):
        if isinstance(message, LaneProgress):
            seen.append(message.states)
        return post(message)

    monkeypatch.setattr(app, "post_message", spy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ApplyDialog)
        assert [a.appsel for a in dialog.applications] == [1, 2, 3]
        await pilot.press("down", "enter", "enter")  # AppSel 2, lanes blank = 1-4 and 5-8
        await settle(app, pilot)
        await poll(app, pilot)
        paths = app.session.module.data_paths()
        assert [(p.appsel, p.lanes) for p in paths] == [(2, (1, 2, 3, 4)), (2, (5, 6, 7, 8))]
        assert {cell(app, n, "DP state") for n in range(1, 9)} == {"DPActivated"}
        assert cell(app, 5, "data path") == "5-8"
        states = {state for step in seen for state in step}
        assert {"DPDeactivated", "DPInit", "DPActivated"} <= states  # the DPSM moved through them


async def test_apply_dialog_cancel_changes_nothing(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "a")
        await pilot.pause()
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, LanesScreen)
        assert [p.appsel for p in app.session.module.data_paths()] == [1]


async def test_toggle_tx_on_lane_3_says_the_whole_link_goes_down_and_defaults_to_no(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await poll(app, pilot)
        await pilot.press("down", "down", "t")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        said = text_of(app.screen.query_one("#details", Static))
        assert "lane 3 is in data path 1-8: all 8 lanes (the whole link) go down" in said
        await pilot.press("enter")  # Enter = No
        await settle(app, pilot)
        assert not app.session.module.lanes()[2].tx_disabled
        await pilot.press("t", "y")
        await settle(app, pilot)
        assert app.session.module.lanes()[2].tx_disabled
        await poll(app, pilot)
        assert cell(app, 3, "Tx") == "off"
        await pilot.press("t", "y")
        await settle(app, pilot)
        assert not app.session.module.lanes()[2].tx_disabled


async def test_dpdeinit_and_reinit_the_data_path(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await poll(app, pilot)
        await pilot.press("x", "n")
        await settle(app, pilot)
        assert {lane.dp_state.name for lane in app.session.module.lanes()} == {"DPActivated"}
        await pilot.press("x", "y")
        await settle(app, pilot)
        await poll(app, pilot, times=2)
        assert {lane.dp_state.name for lane in app.session.module.lanes()} == {"DPDeactivated"}
        assert cell(app, 1, "DP state") == "DPDeactivated"  # never cut short
        await pilot.press("x", "y")
        await settle(app, pilot)
        await poll(app, pilot, times=5)
        assert {lane.dp_state.name for lane in app.session.module.lanes()} == {"DPActivated"}


async def test_apply_dialog_refuses_lanes_that_do_not_fit_and_says_why(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "a")
        await pilot.pause()
        await pilot.press("down", "enter", *"1-3", "enter")  # AppSel 2 needs 4 lanes
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ApplyDialog)  # still open, nothing sent
        assert "groups of 4" in str(dialog.query_one("#plan").content)
        await pilot.press("backspace", "4")
        await pilot.pause()
        assert "Enter applies: data paths on lanes 1-4" in str(dialog.query_one("#plan").content)
        await pilot.press("enter")
        await settle(app, pilot)
        paths = app.session.module.data_paths()
        assert (2, (1, 2, 3, 4)) in [(p.appsel, p.lanes) for p in paths]


async def test_apply_2x400g_with_the_keyboard_at_80x24(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "a", "down", "enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LanesScreen)
        assert [p.appsel for p in app.session.module.data_paths()] == [2, 2]
