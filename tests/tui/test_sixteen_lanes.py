"""Two banks (emu:osfp-xd-1.6t-dr16): every screen shows and acts on lanes 1-16."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Select

from tests.tui.conftest import SIZE, cell, poll, settle
from tui.messages import ApplyApplication
from tui.screens.apply_dialog import ApplyDialog

pytestmark = pytest.mark.asyncio


async def test_lanes_table_shows_all_16_lanes_with_their_bank(app16):
    async with app16.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await poll(app16, pilot)
        table = app16.screen.query_one("#lanes", DataTable)
        assert table.row_count == 16
        assert cell(app16, 12, "bank") == "1"
        assert cell(app16, 12, "data path") == "9-16"
        assert cell(app16, 12, "DP state") == "DPActivated"
        assert table.size.height >= 17  # header + 16 rows: the table fills the screen


async def test_apply_on_lanes_9_to_12(app16):
    async with app16.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await poll(app16, pilot)
        await pilot.press("a", "down", "enter", *"9-12")
        await pilot.pause()
        dialog = app16.screen
        assert isinstance(dialog, ApplyDialog)
        assert "data paths on lanes 9-12" in str(dialog.query_one("#plan").content)
        await pilot.press("enter")
        await settle(app16, pilot)
        await poll(app16, pilot)
        module = app16.session.module
        assert [(p.appsel, p.lanes) for p in module.data_paths(1)][0] == (2, (1, 2, 3, 4))
        assert cell(app16, 10, "data path") == "9-12"
        assert "apply AppSel 2 on lanes 9-12: done" in str(
            app16.screen.query_one("#apply-step").content
        )


async def test_dom_offers_and_plots_every_lane(app16):
    async with app16.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await poll(app16, pilot, times=3)
        select = app16.screen.query_one("#lane", Select)
        assert [value for _, value in select._options] == list(range(1, 17))
        assert app16.screen.query_one("#grid", DataTable).row_count == 16
        await pilot.press("left_square_bracket")  # from lane 1 back round to lane 16
        await poll(app16, pilot)
        assert app16.screen.query_one("#lane-plot").title == "lane 16 Rx power (dBm)"
        assert len(app16.screen.query_one("#lane-plot").points) >= 1


async def test_an_apply_on_lanes_9_to_12_logs_lanes_9_to_12(app16):
    async with app16.run_test(size=SIZE) as pilot:
        await poll(app16, pilot)
        app16.post_message(ApplyApplication(2, [9, 10, 11, 12]))
        await settle(app16, pilot)
        texts = [e.text for e in app16.session.log.since(0) if e.kind == "state"]
        assert "apply: lanes 9-12: AppSel 1 -> AppSel 2" in texts
        assert any(t.startswith("apply: lanes 9-16: DPActivated -> ") for t in texts)
        assert not any(t.startswith("apply: lanes 1-") for t in texts)


async def test_the_apply_dialog_names_a_bad_bank_1_group_by_lanes_9_to_16(app16):
    async with app16.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await poll(app16, pilot)
        await pilot.press("a", "down", "enter", *"10-13")
        await pilot.pause()
        plan = str(app16.screen.query_one("#plan").content)
        assert "must start on lane 9 or 13" in plan and "lane 1 " not in plan
