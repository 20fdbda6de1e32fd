"""Keys: F-keys and ':' switch screens, j/k/g/G stay vim's, '?' opens at the screen, footer."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from tests.tui.conftest import SIZE, poll, settle
from tests.tui.test_faults import palette
from tui.screens.dom import DomScreen
from tui.screens.help import HelpScreen
from tui.screens.lanes import LanesScreen
from tui.screens.log import LogScreen
from tui.screens.overview import OverviewScreen

pytestmark = pytest.mark.asyncio


async def go(app, pilot, text: str) -> None:
    await pilot.press("colon")
    await pilot.pause()
    app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await settle(app, pilot)


async def test_f_keys_and_colon_switch_screens(app):
    async with app.run_test(size=SIZE) as pilot:
        for key, screen in (("f3", LanesScreen), ("f6", LogScreen), ("f1", OverviewScreen)):
            await pilot.press(key)
            await settle(app, pilot)
            assert isinstance(app.screen, screen), key
        await go(app, pilot, "dom")
        assert isinstance(app.screen, DomScreen)
        await go(app, pilot, "no such place")
        assert isinstance(app.screen, DomScreen)  # refused, nothing moved


async def test_j_k_g_G_move_like_vim_not_switch_screens(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await poll(app, pilot)
        table = app.screen.query_one("#lanes")
        table.focus()
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0 and isinstance(app.screen, LanesScreen)


@pytest.mark.parametrize("key, heading", [("f6", "Log (F6)"), ("f", "Firmware (f, F5)")])
async def test_help_opens_at_the_current_screen(app, key, heading):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        scroller = app.screen.query_one("#help", VerticalScroll)
        assert scroller.scroll_y > 0
        top = [w for w in app.screen.query("MarkdownH2") if heading in str(w._content)]
        assert (
            top
            and abs(min(top[0].virtual_region.y, scroller.max_scroll_y) - scroller.scroll_y) <= 1
        )


@pytest.mark.parametrize("key", ["o", "p", "l", "d", "f", "f6"])
async def test_footer_starts_with_help_and_quit_at_80x24(app, key):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await poll(app, pilot)
        keys = [k.key for k in app.screen.query(FooterKey)]
        assert keys[:2] == ["question_mark", "q"], keys


async def test_help_reflows_at_80_columns(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert app.screen.query_one("#help").size.width <= 80


async def test_a_lane_fault_from_the_palette_asks_which_lanes(app):
    async with app.run_test(size=SIZE) as pilot:
        await palette(app, pilot, "Emulator: Tx fault on lanes ...", "2,5")
        assert app.session.device.faults.tx_fault == {2, 5}
        await palette(app, pilot, "Emulator: Tx fault on lanes ...", "9")
        assert app.session.device.faults.tx_fault == {2, 5}  # lane 9 refused: 8-lane module
        await palette(app, pilot, "Emulator: over-temperature ...", "90")
        assert app.session.device.faults.over_temperature_c == 90.0


async def test_every_action_is_in_the_palette(app):
    async with app.run_test(size=SIZE):
        titles = " | ".join(c.title for c in app.get_system_commands(app.screen))
        for wanted in ("Tx on/off", "DPDeinit", "edit the selected field", "next page",
                       "force the next write", "run the inactive image", "commit", "abort",
                       "Rx LOS on lanes", "Go to"):  # fmt: skip
            assert wanted in titles, wanted
