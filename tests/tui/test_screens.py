"""Every screen opens by its key and shows live module data (state assertions, no snapshots)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from tests.tui.conftest import SIZE, cell, poll, settle, text_of
from tui.screens.dom import DomScreen
from tui.screens.firmware import FirmwareScreen
from tui.screens.help import HelpScreen
from tui.screens.lanes import LanesScreen
from tui.screens.log import LogScreen
from tui.screens.overview import OverviewScreen
from tui.screens.pages import PagesScreen
from tui.widgets.line_plot import LinePlot
from tui.widgets.status_line import StatusLine

pytestmark = pytest.mark.asyncio


async def test_overview_shows_vendor_pn_and_state(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert "OSFP-800G-DR8" in text_of(app.screen.query_one("#identity", Static))
        assert app.latest.state == "ModuleReady"
        assert "Ready: high power" in text_of(app.screen.query_one("#state", Static))
        assert "ModuleReady" in text_of(app.screen.query_one(StatusLine))


async def test_keys_switch_every_screen(app):
    expected = {"p": PagesScreen, "l": LanesScreen, "d": DomScreen, "f": FirmwareScreen,
                "f6": LogScreen, "o": OverviewScreen}  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for key, screen in expected.items():
            await pilot.press(key)
            await settle(app, pilot)
            assert isinstance(app.screen, screen), key


async def test_help_describes_every_screen(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


async def test_lanes_table_has_one_row_per_lane(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await poll(app, pilot)
        table = app.screen.query_one("#lanes", DataTable)
        assert table.row_count == 8
        assert cell(app, 3, "DP state") == "DPActivated"


async def test_dom_plots_lane_3_rx_power_with_thresholds(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "right_square_bracket", "right_square_bracket")
        await poll(app, pilot, times=5)
        plot = app.screen.query_one("#lane-plot", LinePlot)
        assert plot.title == "lane 3 Rx power (dBm)"
        assert len(plot.points) >= 5
        assert plot.points[-1][1] == pytest.approx(app.latest.dom["lanes"][2]["rx_power_dbm"])
        assert {"low_warning", "high_alarm"} <= plot.thresholds.keys()
        assert plot.thresholds["low_alarm"] < 0  # dBm, converted from the module's mW limits
        grid = app.screen.query_one("#grid", DataTable)
        assert grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value == "3"


async def test_refresh_rate_cycles(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert app.poller.interval == 2.0
        assert "every 2 s" in text_of(app.screen.query_one(StatusLine))


async def test_log_shows_events_and_filters(app):
    async with app.run_test(size=SIZE) as pilot:
        await poll(app, pilot, times=2)
        await pilot.press("f6")
        await settle(app, pilot)
        screen = app.screen
        assert any(e.kind == "state" for e in app.session.log.since(0))
        await pilot.press("slash", *"module")
        await settle(app, pilot)
        lines = list(screen.query_one("#log").lines)
        assert lines and all("module" in line.lower() for line in lines)


async def test_command_palette_lists_actions(app):
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Lanes: apply application (2x400G, 8x100G, ...)" in titles
        assert "Firmware: flash a demo image" in titles
        assert "Screen: Pages" in titles


async def test_the_plot_says_how_to_see_off_scale_thresholds(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "3")
        await poll(app, pilot, times=5)
        plot = app.screen.query_one("#lane-plot", LinePlot)
        assert "z: show dim ones" in str(plot.render())
        await pilot.press("z")
        await pilot.pause()
        low, high = plot.y_range()
        assert all(low <= v <= high for v in plot.thresholds.values())
        assert "z: data only" in str(plot.render())


@pytest.mark.parametrize("key", ["o", "p", "l", "d", "f", "f6"])
async def test_every_screen_fits_80x24(app, key):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await poll(app, pilot)
        assert app.screen.has_class("-narrow")
        for widget in app.screen.query("#identity, #lanes, #lane-plot, HexView, FieldTree"):
            assert widget.size.width >= 40, widget  # squeezed to nothing before
