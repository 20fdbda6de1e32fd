"""Pages: page 11h as hex and fields, linked selection, edits with confirmation, RO refused."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from tests.tui.conftest import SIZE, poll, settle
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.pages import PagesScreen
from tui.widgets.field_tree import FieldTree
from tui.widgets.hex_view import HexView

pytestmark = pytest.mark.asyncio


async def open_page(app, pilot, page: str) -> PagesScreen:
    await pilot.press("p")
    await settle(app, pilot)
    screen = app.screen
    screen.query_one("#page", Select).value = page
    await settle(app, pilot)
    await poll(app, pilot)
    return screen


async def answer(app, pilot, text: str) -> None:
    """Type ``text`` into the open prompt and submit it."""
    await pilot.pause()
    app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_page_11h_as_hex_and_fields(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "11")
        hexview = screen.query_one(HexView)
        assert hexview.base == 128 and len(hexview.data) == 128
        assert hexview.data[:4] == bytes.fromhex("44444444")  # DPActivated on lanes 1-8
        assert hexview.data[: 0xC0 - 128] == app.session.module.page(0x11)[: 0xC0 - 128][:64]
        tree = screen.query_one(FieldTree)
        assert "DPStateHostLane" in str(tree.leaves["DPStateHostLane"].label)
        assert "DPActivated" in str(tree.leaves["DPStateHostLane"].label)


async def test_selecting_a_field_highlights_its_bytes(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "11")
        tree, hexview = screen.query_one(FieldTree), screen.query_one(HexView)
        tree.focus()
        tree.reveal("OpticalPowerRx")
        await settle(app, pilot)
        assert hexview.span == (186, 201)  # 8 lanes x 2 bytes, page 11h bytes 186-201
        assert "OpticalPowerRx" in str(screen.query_one("#field-info").content)


async def test_moving_in_the_hex_selects_the_field(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "11")
        tree, hexview = screen.query_one(FieldTree), screen.query_one(HexView)
        hexview.focus()
        hexview.cursor = 170  # LaserBiasTx, lane 1
        await settle(app, pilot)
        assert tree.cursor_node.data.path == "LaserBiasTx"
        assert hexview.span == (170, 185)


async def test_diff_highlight_marks_bytes_that_changed(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "11")
        await poll(app, pilot, step=5.0)  # DOM noise moves the monitors
        changed = screen.query_one(HexView).changed
        assert changed and changed <= set(range(154, 202))


async def test_editing_a_read_only_byte_is_refused(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "11")
        before = app.session.module.page(0x11)[4]
        screen.query_one(HexView).focus()
        screen.query_one(HexView).cursor = 132  # OutputStatusRx: read-only
        await pilot.press("e")
        await settle(app, pilot)
        assert app.screen is screen  # refused before asking for a value
        assert app.session.module.page(0x11)[4] == before
        assert any("is read-only" in e.text for e in app.session.log.since(0) if e.kind == "error")


async def test_edit_a_field_with_confirmation(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "10")
        tree = screen.query_one(FieldTree)
        tree.focus()
        tree.reveal("OutputDisableTx")
        await settle(app, pilot)
        await pilot.press("E")
        await answer(app, pilot, "3")  # a lane bitmask is typed as lanes
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "OutputDisableTx: none -> lane 3" in str(dialog.details)
        assert "byte 130: 00 -> 04" in str(dialog.details)
        await pilot.press("y")
        await settle(app, pilot)
        assert app.session.module.read(0x10, 130, 1) == b"\x04"
        assert app.session.module.lanes()[2].tx_disabled


async def test_forced_write_to_read_only_byte_asks_first(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_page(app, pilot, "11")
        screen.query_one(HexView).focus()
        screen.query_one(HexView).cursor = 132
        await pilot.press("exclamation_mark", "e")
        await answer(app, pilot, "0F")
        assert isinstance(app.screen, ConfirmDialog)
        assert "FORCED" in str(app.screen.details)
        await pilot.press("n")
        await settle(app, pilot)
        assert screen.force
