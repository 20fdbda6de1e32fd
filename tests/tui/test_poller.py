"""Polling: pauses while CDB is busy, reports a lost target and recovers, runs in a thread."""

from __future__ import annotations

import pytest

from tests.tui.conftest import SIZE, poll, settle, text_of
from tui.app import CmisApp
from tui.widgets.status_line import StatusLine

pytestmark = pytest.mark.asyncio


def bus_reads(app) -> int:
    return sum(1 for e in app.session.log.since(0) if e.kind == "bus")


async def test_poller_pauses_while_cdb_is_busy(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        with app.session.guard.hold():
            before = bus_reads(app)
            assert app.poller.poll_once() is False
            await pilot.pause()
            assert bus_reads(app) == before  # not one byte read while CDB runs
            assert "paused: CDB command running" in text_of(app.screen.query_one(StatusLine))
        await poll(app, pilot)
        assert "live" in text_of(app.screen.query_one(StatusLine))


async def test_target_removal_is_shown_and_recovers_after_insert(app):
    device = app.session.device
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        device.remove()
        await poll(app, pilot)
        status = text_of(app.screen.query_one(StatusLine))
        assert app.lost and "NOT ANSWERING" in status
        assert app.screen.query_one(StatusLine).has_class("-lost")
        device.insert()
        await poll(app, pilot, times=3, step=20.0)  # MgmtInit, power-up, data paths
        assert not app.lost
        assert app.latest.state == "ModuleReady"
        assert "answers again" in text_of(app.screen.query_one(StatusLine)) or "live" in text_of(
            app.screen.query_one(StatusLine)
        )


async def test_the_poll_loop_runs_in_a_thread_and_stops_on_quit(session):
    app = CmisApp(session, poll_interval=0.25)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            if len(app.history.series("temperature_c")) >= 3:
                break
            await pilot.pause(0.02)
        assert len(app.history.series("temperature_c")) >= 3  # virtual time ticks per poll
        await pilot.press("q")
    assert app.poller._stop.is_set()
