"""Log: events outlive bus traffic, wall-clock times, repeats collapsed, filter, save, apply."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from textual.widgets import Input

from tests.tui.conftest import SIZE, poll, settle
from tui.eventlog import BUS_LIMIT, EventLog
from tui.logfilter import Query
from tui.messages import ApplyApplication
from tui.wallclock import WallClock
from tui.widgets.event_view import EventView

WALL = datetime(2025, 3, 14, 9, 26, 53, 589000).timestamp()


def test_events_outlive_an_hour_of_bus_traffic():
    log = EventLog(lambda: 0.0)
    log.add("flag", "LOSFlagRx lanes 3")
    for n in range(3600 * 10):  # ten bus lines a second for an hour
        log.add("bus", f"read 0:11h byte {n}")
    entries = log.since(0)
    assert entries[0].text == "LOSFlagRx lanes 3"
    assert sum(e.kind == "bus" for e in entries) == BUS_LIMIT


def test_lines_carry_the_wall_clock_at_their_own_module_time():
    module = [1234.5]
    log = EventLog(lambda: module[0], WallClock(lambda: 1234.5, lambda: WALL))
    log.add("state", "module ModuleLowPwr -> ModuleReady")
    module[0] += 7.0  # a poll 7 s later reports a flag its module time says came at +2 s
    log.add("flag", "LOSFlagRx lanes 3", time=1236.5)
    first, second = log.since(0)
    assert first.line().startswith("09:26:53.589  state")
    assert second.line().startswith("09:26:55.589  flag")
    saved = datetime.fromisoformat(first.line(date=True).split("  ")[0])
    assert saved.tzinfo is not None and saved.timestamp() == WALL  # ISO 8601 with its zone
    assert first.record()["time"] == first.stamp(date=True)
    assert first.time == 1234.5  # the module's clock is kept for the JSON record


def test_repeated_lines_collapse_with_a_count():
    log = EventLog(lambda: 0.0)
    for _ in range(60):
        log.add("error", "read 0:00h byte 3 +1: no module present")
    log.add("state", "module lost")
    entries = log.since(0)
    assert [e.count for e in entries] == [60, 1]
    assert entries[0].line().endswith("no module present  x60")


def test_lane_3_matches_a_range_that_holds_it():
    log = EventLog(lambda: 0.0)
    for text in ("lanes 1-8: DPActivated -> DPDeactivated", "LOSFlagRx lanes 4,5", "lane 3 ok"):
        log.add("state", text)
    found = [e.text for e in log.since(0) if Query("lane 3").matches(e)]
    assert found == ["lanes 1-8: DPActivated -> DPDeactivated", "lane 3 ok"]
    assert [e.text for e in log.since(0) if Query("lane 3 dpact").matches(e)] == [found[0]]


@pytest.mark.asyncio
async def test_a_repeated_event_is_one_line_on_screen(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await settle(app, pilot)
        for _ in range(5):
            app.session.log.add("flag", "LOSFlagRx lanes 3")
            await poll(app, pilot)
        view = app.screen.query_one(EventView)
        shown = [line for line in view.lines if "LOSFlagRx" in line]
        assert len(shown) == 1 and shown[0].endswith("x5")


@pytest.mark.asyncio
async def test_escape_leaves_the_filter_and_keys_work_again(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await settle(app, pilot)
        await pilot.press("slash", *"lane 3")
        box = app.screen.query_one("#filter", Input)
        assert box.has_focus and box.value == "lane 3"
        await pilot.press("escape")
        assert app.screen.query_one(EventView).has_focus
        assert box.value == "lane 3"  # still filtering
        await pilot.press("escape")
        assert box.value == ""


@pytest.mark.asyncio
async def test_save_the_log_as_text_and_json_lines(app, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await poll(app, pilot)
        app.session.log.add("flag", "LOSFlagRx lanes 3")
        for name in ("case.txt", "case.jsonl"):
            await pilot.press("S")
            await pilot.pause()
            app.screen.query_one(Input).value = str(tmp_path / name)
            await pilot.press("enter")
            await settle(app, pilot)
        text = (tmp_path / "case.txt").read_text().splitlines()
        assert any(line.endswith("flag    LOSFlagRx lanes 3") for line in text)
        assert text[0][:4].isdigit()  # dated: 2025-...
        records = [json.loads(line) for line in (tmp_path / "case.jsonl").read_text().splitlines()]
        assert {"time", "module_time", "kind", "text", "count"} <= set(records[0])
        assert any(r["text"] == "LOSFlagRx lanes 3" for r in records)
        assert len(records) == len(text)


@pytest.mark.asyncio
async def test_saving_to_a_missing_directory_says_so_and_writes_nothing(app, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6", "S")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "nope" / "case.txt")
        await pilot.press("enter")
        await settle(app, pilot)
        errors = [e.text for e in app.session.log.since(0) if e.kind == "error"]
        assert any("log not saved" in t and "does not exist" in t for t in errors)
        assert not (tmp_path / "nope").exists()


@pytest.mark.asyncio
async def test_an_apply_logs_every_transition_it_saw(app):
    async with app.run_test(size=SIZE) as pilot:
        await poll(app, pilot)
        app.post_message(ApplyApplication(2, None))
        await settle(app, pilot)
        texts = [e.text for e in app.session.log.since(0) if e.kind == "state"]
        for move in ("DPActivated -> DPTxTurnOff", "-> DPDeactivated", "DPDeactivated -> DPInit"):
            assert any(t.startswith("apply: lanes 1-8: ") and move in t for t in texts), move
        assert "apply: lanes 1-8: AppSel 1 -> AppSel 2" in texts
