"""Diagnostics screen: PRBS start asks y/N and counts, loopbacks on/off, refusals in one line."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from tests.tui.conftest import SIZE, edited_session, poll, settle, text_of
from tui.app import CmisApp
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.diag import DiagScreen
from tui.widgets.prbs_table import PrbsTable

pytestmark = pytest.mark.asyncio
GENERATORS_CHECKERS = (144, 152, 160, 168)  # 13h enables: host/media generator, checker
MEDIA_OUT, HOST_OUT = 180, 182


async def open_diag(app, pilot) -> DiagScreen:
    await pilot.press("f8")
    await poll(app, pilot, 2)  # the capabilities, then the counters
    assert isinstance(app.screen, DiagScreen)
    return app.screen


def enables(app) -> list[int]:
    return [app.session.module.read(0x13, at, 1)[0] for at in GENERATORS_CHECKERS]


def line(screen: DiagScreen) -> str:
    return text_of(screen.query_one("#diag-line")).strip()


async def answer(app, pilot, key: str) -> None:
    assert isinstance(app.screen, ConfirmDialog)
    await pilot.press(key)
    await settle(app, pilot)


async def ask(app, pilot, key: str, reply: str) -> str:
    """Press ``key``, answer its question with ``reply``; what the question said."""
    await pilot.press(key)
    await pilot.pause()
    details = text_of(app.screen.query_one("#details"))
    await answer(app, pilot, reply)
    return details


async def test_start_asks_first_and_no_writes_nothing(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_diag(app, pilot)
        screen.query_one("#diag-lanes", Input).value = "1-4"
        details = await ask(app, pilot, "t", "n")
        assert "media-side generator and checker PRBS31Q" in details
        assert "traffic on lanes 1-4 goes down" in details
        assert enables(app) == [0, 0, 0, 0]
        await ask(app, pilot, "t", "enter")  # the default is No
        assert enables(app) == [0, 0, 0, 0] and app.screen is screen


async def test_yes_starts_and_a_standalone_checker_sees_no_lock(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_diag(app, pilot)
        await ask(app, pilot, "t", "y")
        await poll(app, pilot)
        assert enables(app) == [0, 0xFF, 0, 0xFF]  # media generator and checker, lanes 1-8
        table = screen.query_one(PrbsTable)
        assert table.row_count == 8
        assert table.get_cell("media-3", "lock").plain.startswith("no lock")
        await pilot.press("x")
        await settle(app, pilot)
        assert enables(app) == [0, 0, 0, 0] and table.row_count == 0


async def test_media_output_loopback_lets_the_module_check_its_own_pattern(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_diag(app, pilot)
        screen.query_one("#loop-type", Select).value = "media-side-output"
        details = await ask(app, pilot, "L", "y")
        assert "media-side-output loopback on lanes 1-8" in details
        assert app.session.module.read(0x13, MEDIA_OUT, 1)[0] == 0xFF
        await ask(app, pilot, "t", "y")
        await poll(app, pilot, 3)
        table = screen.query_one(PrbsTable)
        assert table.get_cell("media-1", "lock").plain == "locked"
        assert float(table.get_cell("media-1", "bits")) > 1e11  # 100 Gb/s for seconds
        assert table.get_cell("media-1", "errors") == "0"
        progress = text_of(screen.query_one("#prbs-progress"))
        assert "8/8 checker lanes locked" in progress and "counting until stopped" in progress
        assert "PRBS running 3 s" in progress  # module time: three polls 1 s apart
        await pilot.press("O")  # off gives the lanes back: no question
        await settle(app, pilot)
        assert app.session.module.read(0x13, MEDIA_OUT, 1)[0] == 0
        assert "media-side-output loopback off: done" in line(screen)


async def test_refusals_are_one_line_and_write_nothing(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_diag(app, pilot)
        screen.query_one("#diag-lanes", Input).value = "9"
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is screen and "outside lanes 1-8" in line(screen)
        screen.query_one("#diag-lanes", Input).value = "all"
        screen.query_one("#loop-type", Select).value = "media-side-output"
        await ask(app, pilot, "L", "y")
        screen.query_one("#loop-type", Select).value = "host-side-output"
        await ask(app, pilot, "L", "y")  # the host API refuses host and media loopbacks at once
        assert "cannot loop host and media sides at once" in line(screen)
        assert "\n" not in line(screen)
        assert app.session.module.read(0x13, HOST_OUT, 1)[0] == 0


async def test_only_advertised_choices_are_offered():
    def fewer(text: str) -> str:
        text = text.replace(
            'media_patterns = ["PRBS31Q", "PRBS23Q", "PRBS15Q", "PRBS13Q", '
            '"PRBS9Q", "PRBS7Q", "SSPRQ"]',
            'media_patterns = ["PRBS13Q", "SSPRQ"]',
        )
        return text.replace('"media-side-input", ', "")  # fmt: skip

    app = CmisApp(edited_session("osfp-800g-dr8", fewer), poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_diag(app, pilot)
        assert options(screen, "pattern") == ["PRBS13Q", "SSPRQ"]  # media side first
        screen.query_one("#side", Select).value = "host"
        await pilot.pause()
        assert options(screen, "pattern")[0] == "PRBS31Q" and len(options(screen, "pattern")) == 7
        loops = ["media-side-output", "host-side-output", "host-side-input"]
        assert options(screen, "loop-type") == loops


async def test_typing_into_the_lanes_box_is_not_a_key(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_diag(app, pilot)
        screen.query_one("#diag-lanes", Input).focus()
        await pilot.press("end", "backspace", "backspace", "backspace", "t", "L")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#diag-lanes", Input).value == "tL"
        assert enables(app) == [0, 0, 0, 0]


def options(screen: DiagScreen, name: str) -> list[str]:
    return [str(value) for _, value in screen.query_one(f"#{name}", Select)._options]
