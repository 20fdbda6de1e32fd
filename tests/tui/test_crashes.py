"""Crash repros from issue 15: each of these killed the app before it was fixed."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Select

import cmis
from tests.tui.conftest import SIZE, settle
from tui.app import CmisApp
from tui.main import main
from tui.screens.dom import DomScreen
from tui.session import Session


@pytest.mark.asyncio
async def test_dom_opens_with_a_rate_not_in_its_list():
    app = CmisApp(Session(cmis.open("emu:osfp-800g-dr8")), poll_interval=3.0)
    app.autopoll = False  # the rate is what matters; no poll thread in a test
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, DomScreen)
        assert app.screen.query_one("#rate", Select).value == 3.0


@pytest.mark.asyncio
async def test_page_down_before_the_option_list_is_laid_out(app):
    """ctrl+p then PageDown in one burst: the palette's list has options but no line map yet."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        options = app.screen.query_one(OptionList)
        options.display = False  # height 0: Textual never builds its line map
        await pilot.pause()
        options.clear_options()
        options.add_options([f"command {n}" for n in range(5)])
        options.highlighted = 0
        options.action_page_down()  # KeyError: 0 inside Textual without the guard
        await pilot.press("pagedown", "pageup")
        assert app.return_code is None


def test_unhandled_exception_exits_non_zero(monkeypatch, session):
    def boom(self, *args):
        raise RuntimeError("a bug in a screen")

    headless = CmisApp.run
    monkeypatch.setattr(CmisApp, "on_mount", boom)
    monkeypatch.setattr(CmisApp, "run", lambda self: headless(self, headless=True))
    monkeypatch.setattr("tui.main.open_session", lambda target: session)
    assert main([]) == 1


def test_help_is_for_users(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert "watch and control one CMIS optical module" in shown
    assert "emu:osfp-xd-1.6t-dr16" in shown  # an example to copy
    assert "AppState" not in shown and "Textual" not in shown
