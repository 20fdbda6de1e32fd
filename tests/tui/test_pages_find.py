"""Pages for engineers: lanes per bitmask, find/jump, page keys, 256-byte view, verified writes."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label, OptionList, Select, Static

from tests.tui.conftest import SIZE, poll, settle, text_of
from tests.tui.test_pages import answer, open_page
from tui.goto import parse_target
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.pages import PagesScreen
from tui.widgets.field_tree import FieldTree
from tui.widgets.hex_view import HexView

pytestmark = pytest.mark.asyncio


def errors(app) -> list[str]:
    return [e.text for e in app.session.log.since(0) if e.kind == "error"]


async def test_lane_bitmasks_read_per_lane(app):
    async with app.run_test(size=SIZE) as pilot:
        app.session.module.set_tx_output([3], False)
        screen = await open_page(app, pilot, "10")
        label = str(screen.query_one(FieldTree).leaves["OutputDisableTx"].label)
        assert "OutputDisableTx = lane 3" in label
        assert "DPDeinitLane = none" in str(
            screen.query_one(FieldTree).leaves["DPDeinitLane"].label
        )


async def test_slash_finds_a_field_by_name(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "10")
        await pilot.press("slash")
        await answer(app, pilot, "outputdisabletx")
        await settle(app, pilot)
        assert screen.span.path == "OutputDisableTx"
        assert screen.query_one(HexView).span == (130, 130)


async def test_colon_jumps_to_an_address_from_any_screen(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "colon")
        await answer(app, pilot, "10h:130")
        await settle(app, pilot)
        await poll(app, pilot)
        assert isinstance(app.screen, PagesScreen)
        assert app.screen.model.page == 0x10
        assert app.screen.query_one(HexView).cursor == 130
        assert app.screen.span.path == "OutputDisableTx"


async def test_brackets_step_through_pages(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "10")
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert screen.query_one("#page", Select).value == "11"
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(app, pilot)
        assert screen.model.page == int(app.pages[app.pages.index("10h") - 1][:-1], 16)


async def test_the_256_byte_view_shows_lower_and_upper(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "11")
        await pilot.press("h")
        await poll(app, pilot)
        hexview = screen.query_one(HexView)
        assert hexview.base == 0 and len(hexview.data) == 256
        assert hexview.data[:3] == app.session.module.lower()[:3]
        assert hexview.data[128:132] == bytes.fromhex("44444444")
        hexview.cursor = 3  # lower memory, module state
        await settle(app, pilot)
        assert screen.span.path.startswith("lower.")


async def test_the_field_panel_follows_a_page_change(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "11")
        screen.query_one(HexView).cursor = 186
        await settle(app, pilot)
        assert "OpticalPowerRx" in text_of(screen.query_one("#field-info", Static))
        screen.query_one("#page", Select).value = "10"
        await settle(app, pilot)
        await poll(app, pilot)
        assert "OpticalPowerRx" not in text_of(screen.query_one("#field-info", Static))


async def test_a_bad_value_is_refused_in_words(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "10")
        screen.go(parse_target("OutputDisableTx"))
        await settle(app, pilot)
        await pilot.press("E")
        await answer(app, pilot, "lane 12")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConfirmDialog)
        said = errors(app)[-1]
        assert "outside lanes 1-8" in said and "int(" not in said and "Error" not in said


async def test_a_write_the_module_ignores_is_reported_and_force_is_for_one_write(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "11")
        screen.query_one(HexView).focus()
        screen.query_one(HexView).cursor = 132  # OutputStatusRx: the module owns it
        await pilot.press("exclamation_mark", "e")
        await answer(app, pilot, "0F")
        await pilot.press("y")
        await settle(app, pilot)
        assert any("the module ignored the write" in t for t in errors(app))
        assert not screen.force
        await pilot.press("e")
        await settle(app, pilot)
        assert app.screen is screen  # protected again: refused before asking


async def test_the_field_panel_stays_at_80x24(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_page(app, pilot, "11")
        screen.query_one(HexView).cursor = 186
        await settle(app, pilot)
        info = screen.query_one("#field-info", Static)
        assert info.display and info.size.height >= 2
        assert "OpticalPowerRx" in text_of(info)
        assert screen.query_one(FieldTree).size.height >= 3


async def test_prompt_for_a_lane_mask_offers_lanes(app):
    async with app.run_test(size=SIZE) as pilot:
        app.session.module.set_tx_output([2, 3], False)
        screen = await open_page(app, pilot, "10")
        screen.go(parse_target("OutputDisableTx"))
        await settle(app, pilot)
        await pilot.press("E")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "2-3"


def listed(app) -> list[str]:
    hits = app.screen.query_one(OptionList)
    return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]


async def test_slash_finds_a_field_on_another_page_and_goes_there(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "11")
        await pilot.press("slash", *"vendorpn")
        await pilot.pause()
        assert listed(app)[0] == "00h:148  VendorPN"
        await pilot.press("enter")
        await settle(app, pilot)
        await poll(app, pilot)
        assert screen.model.page == 0x00 and screen.span.path == "VendorPN"
        assert screen.query_one(HexView).span == (148, 163)
        assert "VendorPN" in text_of(screen.query_one("#field-info", Static))


async def test_slash_finds_lower_memory_fields_and_bits_sharing_a_byte(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "10")
        await pilot.press("slash")
        await answer(app, pilot, "InterruptDeasserted")  # byte 3 bit 0, after ModuleState
        await settle(app, pilot)
        await poll(app, pilot)
        assert screen.model.page == "lower"
        assert screen.span.path == "GlobalStatus.InterruptDeasserted"
        assert screen.query_one(HexView).cursor == 3


async def test_an_address_lists_the_fields_there_on_every_page(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_page(app, pilot, "11")
        await pilot.press("slash", *"130")
        await pilot.pause()
        shown = listed(app)
        assert "10h:130  OutputDisableTx" in shown and "02h:130  TempLowAlarmThreshold" in shown
        assert any(line.startswith("2") for line in shown)  # VDM pages are searched too


async def test_nothing_found_says_so_and_moves_nothing(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "11")
        await pilot.press("slash", *"nosuchfield", "enter")
        await pilot.pause()
        assert "no field like 'nosuchfield' on any page" in str(
            app.screen.query_one("#found", Label).content
        )
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.model.page == 0x11


async def test_a_bank_1_field_is_found_and_shown_in_bank_1(app16):
    async with app16.run_test(size=SIZE) as pilot:
        screen = await open_page(app16, pilot, "11")
        await pilot.press("slash", *"OutputDisableTx")
        await pilot.pause()
        assert listed(app16)[:2] == ["10h:130  OutputDisableTx", "1:10h:130  OutputDisableTx"]
        await pilot.press("down", "enter")
        await settle(app16, pilot)
        await poll(app16, pilot)
        assert (screen.model.page, screen.model.bank) == (0x10, 1)
        assert screen.span.path == "OutputDisableTx"
        label = str(screen.query_one(FieldTree).leaves["OutputDisableTx"].label)
        assert "OutputDisableTx = none" in label


async def test_colon_with_a_field_name_goes_to_its_page(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "colon")
        await answer(app, pilot, "TempHighAlarmThreshold")
        await settle(app, pilot)
        await poll(app, pilot)
        assert isinstance(app.screen, PagesScreen)
        assert app.screen.model.page == 0x02
        assert app.screen.span.path == "TempHighAlarmThreshold"
