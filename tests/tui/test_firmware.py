"""Firmware: demo image update to completion, the UI stays responsive meanwhile, abort, errors."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import DataTable

from emulator import make_firmware_image
from tests.tui.conftest import SIZE, flash_and_hold, settle
from tui.screens.dom import DomScreen
from tui.screens.firmware import FirmwareScreen
from tui.screens.lanes import LanesScreen

pytestmark = pytest.mark.asyncio


async def test_demo_update_completes_and_table_shows_new_version_running(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await settle(app, pilot)
        assert app.fw_info.running.label == "3.7.1204"
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")  # Enter = No: nothing is flashed
        await settle(app, pilot)
        assert app.fw_job.phase == "idle"
        await pilot.press("m", "y")
        await settle(app, pilot)
        assert app.fw_job.phase == "done" and app.fw_job.fraction == 1.0
        table = app.screen.query_one("#images", DataTable)
        assert table.get_row("B")[1:4] == ["3.8.1205", "OPENCMIS 3.8.1205", "yes"]
        assert app.fw_info.running.committed
        assert app.identity["firmware_active"] == "3.8"


async def test_ui_stays_responsive_while_the_update_runs(app):
    async with app.run_test(size=SIZE) as pilot:
        gate = await flash_and_hold(app, pilot)  # the worker blocks mid-download
        for key, screen in (("l", LanesScreen), ("d", DomScreen), ("f", FirmwareScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen)
        assert app.fw_job.running and "download" in app.fw_job.line()
        gate.set()
        await settle(app, pilot)
        assert app.fw_job.phase == "done"


async def test_abort_during_download_sends_abort_and_keeps_old_image(app):
    reached = threading.Event()
    progress = app.fw_job.progress

    def watch(phase, done, total):
        if phase == "download" and done > 64 * 1024 and not app.fw_job.cancel:
            app.fw_job.cancel = True  # what the 'a' key does, at a known point
            reached.set()
        progress(phase, done, total)

    app.fw_job.progress = watch
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "m", "y")
        await settle(app, pilot)
        assert app.fw_job.phase == "aborted"
        assert "aborted by the user" in app.fw_job.error
        assert any("AbortDownload" in e.text for e in app.session.log.since(0))
        assert app.fw_info.running.label == "3.7.1204"


async def test_a_broken_image_fails_in_plain_words(app, tmp_path):
    path = tmp_path / "bad.bin"
    path.write_bytes(make_firmware_image((3, 9, 0), 8192, defect="magic"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await settle(app, pilot)
        app.screen._file(str(path))
        await pilot.pause()
        await pilot.press("enter")  # no expected version
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert app.fw_job.phase == "failed"
        assert app.fw_job.error
        assert app.fw_info.running.label == "3.7.1204"


async def test_run_and_commit_buttons(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await settle(app, pilot)
        await pilot.press("r", "y")  # run the inactive image (3.5.1102), not committed
        await settle(app, pilot)
        assert app.fw_info.running.label == "3.5.1102"
        assert not app.fw_info.running.committed
        await pilot.press("c", "y")
        await settle(app, pilot)
        assert app.fw_info.running.committed


async def test_the_rate_stays_put_after_the_update(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "m", "y")
        await settle(app, pilot)
        line = app.fw_job.line()
        app.session.tick(60.0)  # a minute later the download rate is what it was
        assert app.fw_job.line() == line
        assert "ETA" not in line and "running 3.8.1205" in line
