"""VDM screen: the lane grid coloured by threshold state, the BER plot, a module without VDM."""

from __future__ import annotations

import pytest

from tests.tui.conftest import SIZE, edited_session, poll, settle, text_of
from tui.app import CmisApp
from tui.render import LEVEL_STYLES
from tui.screens.vdm import NO_VDM, VdmScreen
from tui.widgets.line_plot import LinePlot
from tui.widgets.vdm_grid import VdmGrid

pytestmark = pytest.mark.asyncio


def style(grid: VdmGrid, lane: int, name: str) -> str:
    return str(grid.get_cell(str(lane), name).style)


async def test_f7_shows_every_lane_and_colours_the_degraded_one(app):
    app.session.device.faults.snr_degrade_db = {3: 6.0}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await poll(app, pilot, 2)
        assert isinstance(app.screen, VdmScreen)
        grid = app.screen.query_one(VdmGrid)
        assert grid.row_count == 8
        assert "Esnr" in [str(c.label) for c in grid.columns.values()]
        assert style(grid, 3, "EsnrMediaInput") == LEVEL_STYLES["alarm"]
        assert style(grid, 3, "PreFecBerCurMedia") == LEVEL_STYLES["alarm"]
        assert style(grid, 1, "EsnrMediaInput") == LEVEL_STYLES["ok"]
        assert "e-0" in grid.get_cell("1", "PreFecBerCurMedia").plain  # BER in exponent form
        assert app.session.module.read(0x2F, 144, 1)[0] & 0x80 == 0  # never left frozen


async def test_the_ber_plot_follows_the_lane_under_the_cursor(app):
    app.session.device.faults.snr_degrade_db = {2: 6.0}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await poll(app, pilot, 3)
        plot = app.screen.query_one("#ber-plot", LinePlot)
        assert plot.title.startswith("lane 1 ") and len(plot.points) >= 3
        assert all(-12 < v < -6 for _, v in plot.points)  # log10 of a clean lane's ~1e-9
        times = [t for t, _ in plot.points]  # module time, one poll (1 s) apart
        assert times[-1] == pytest.approx(app.session.clock.now(), abs=0.1)
        assert times[-1] - times[-2] == pytest.approx(1.0, abs=0.1)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert plot.title.startswith("lane 2 ")
        assert all(v > -4 for _, v in plot.points)  # the degraded lane: above 1e-4
        assert plot.thresholds["high_alarm"] == pytest.approx(-3.62, abs=0.01)  # 2.4e-4


async def test_goto_vdm_and_sixteen_lanes(app16):
    async with app16.run_test(size=SIZE) as pilot:
        await settle(app16, pilot)
        await pilot.press("colon")
        await pilot.press(*"vdm", "enter")
        await poll(app16, pilot)
        assert isinstance(app16.screen, VdmScreen)
        grid = app16.screen.query_one(VdmGrid)
        assert grid.row_count == 16 and grid.get_cell("16", "lane") == "16"


async def test_a_module_without_vdm_says_so_in_one_line():
    without_vdm = edited_session("osfp-800g-dr8", lambda text: text.split("\n[vdm]")[0])
    app = CmisApp(without_vdm, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await poll(app, pilot)
        assert text_of(app.screen.query_one("#vdm-line")).strip() == NO_VDM
        assert not app.screen.query_one(VdmGrid).display
