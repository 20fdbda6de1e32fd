"""Firmware screen with any file: a vendor's opaque image flashes, a refused one shows the
module's status, and abort stops even a slow block write (CMD Abort 0004h, then 0102h)."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from cmis.cdb.replies import CdbCommand as C
from cmis.clock import VirtualClock
from cmis.host.module import Module
from cmis.transport.twi import TwiTransport
from emulator import EmulatedModule
from emulator.firmware_vendor import make_vendor_image
from tests.cmis.firmware.fw_pair import profile_variant
from tests.tui.conftest import SIZE, settle, text_of
from tui.app import CmisApp
from tui.session import Session

pytestmark = pytest.mark.asyncio
VENDOR = profile_variant("osfp-800g-dr8", hitless_restart='false\nimage_format = "vendor"')


def _vendor_app() -> CmisApp:
    clock = VirtualClock()
    device = EmulatedModule(VENDOR, clock, lpmode=False)
    clock.advance(60.0)
    device.update()
    module = Module(TwiTransport(device, clock=clock), clock=clock, name="emu:vendor")
    module.device = device
    return CmisApp(Session(module), poll_interval=None)


async def _flash(app: CmisApp, pilot, path, version: str) -> None:
    await pilot.press("f")
    await settle(app, pilot)
    await pilot.press("u")
    await pilot.pause()
    await pilot.press(*str(path), "enter")
    await pilot.pause()
    await pilot.press(*version, "enter")
    await pilot.pause()
    await pilot.press("y")
    await settle(app, pilot)


async def test_an_opaque_vendor_file_flashes_and_runs_the_expected_version(tmp_path):
    path = tmp_path / "vendor.img"
    path.write_bytes(make_vendor_image((7, 2, 15), 20_000))
    app = _vendor_app()
    async with app.run_test(size=SIZE) as pilot:
        await _flash(app, pilot, path, "7.2.15")
        assert app.fw_job.phase == "done", app.fw_job.error
        assert app.fw_info.running.label == "7.2.15" and app.fw_info.running.committed


async def test_a_file_the_module_refuses_shows_its_status(tmp_path):
    path = tmp_path / "vendor.img"
    path.write_bytes(make_vendor_image((7, 2, 15), 20_000, defect="crc"))
    app = _vendor_app()
    async with app.run_test(size=SIZE) as pilot:
        await _flash(app, pilot, path, "")
        assert app.fw_job.phase == "failed"
        shown = text_of(app.screen.query_one("#job", Static))
        assert "0107h failed (status 0x40" in shown
        assert app.fw_info.running.label == "3.7.1204"


async def test_a_bad_expected_version_is_refused_before_anything_is_sent(tmp_path):
    path = tmp_path / "vendor.img"
    path.write_bytes(make_vendor_image((7, 2, 15), 5000))
    app = _vendor_app()
    async with app.run_test(size=SIZE) as pilot:
        await _flash(app, pilot, path, "7.2")
        assert app.fw_job.phase == "idle"
        assert not any("StartDownload" in e.text for e in app.session.log.since(0))


async def test_abort_stops_a_slow_block_write_with_cmd_abort_then_aborts_the_download(app):
    device = app.session.module.device
    write, blocks = device.twi_write, []

    def slow_third_block(offset: int, data: bytes) -> None:
        write(offset, data)
        if offset == 128 and data == C.WriteBlockEpl.to_bytes(2) and len(blocks) < 3:
            blocks.append(offset)
            if len(blocks) == 3:  # the block is stuck; the user presses a, y now
                device.cdb.busy_scale = 1000.0
                app.fw_job.abort()

    device.twi_write = slow_third_block
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "m", "y")
        await settle(app, pilot)
        assert app.fw_job.phase == "aborted"
        sent = [e.text for e in app.session.log.since(0)]
        stop = next(i for i, t in enumerate(sent) if "AbortCommand" in t)
        assert any("AbortDownload" in t for t in sent[stop:])
        assert app.fw_info.running.label == "3.7.1204"
