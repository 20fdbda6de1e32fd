"""Keys that change the module ask first and say what really happens; Enter means No."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.tui.conftest import SIZE, flash_and_hold, poll, settle, text_of
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.firmware import FirmwareScreen
from tui.screens.overview import OverviewScreen
from tui.widgets.status_line import StatusLine

pytestmark = pytest.mark.asyncio


def said(app) -> str:
    return text_of(app.screen.query_one("#details", Static))


async def test_power_key_asks_and_enter_keeps_high_power(app):
    async with app.run_test(size=SIZE) as pilot:
        await poll(app, pilot)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "every data path goes down" in said(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.session.module.module_state().name == "ModuleReady"
        await pilot.press("w", "y")
        await settle(app, pilot)
        assert app.session.module.module_state().name == "ModuleLowPwr"


async def test_reset_key_asks_and_other_keys_do_not_confirm(app, monkeypatch):
    calls: list[object] = []
    monkeypatch.setattr(app.session.module, "reset", lambda **kw: calls.append(kw))
    async with app.run_test(size=SIZE) as pilot:
        await poll(app, pilot)
        await pilot.press("R")
        await pilot.pause()
        assert "Every lane goes down" in said(app)
        await pilot.press("t", "x", "w", "space", "enter")  # only y says yes
        await settle(app, pilot)
        assert isinstance(app.screen, OverviewScreen) and calls == []
        await pilot.press("R", "y")
        await settle(app, pilot)
        assert len(calls) == 1


async def test_quit_while_flashing_asks_and_no_keeps_the_download(app):
    async with app.run_test(size=SIZE) as pilot:
        gate = await flash_and_hold(app, pilot)
        app.show_status()
        await pilot.pause()
        assert "FW " in text_of(app.screen.query_one(StatusLine))  # "FW 6%" on every screen
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "quitting aborts it" in said(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FirmwareScreen) and app.fw_job.running
        gate.set()
        await settle(app, pilot)
        assert app.fw_job.phase == "done"
