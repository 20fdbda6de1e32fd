"""CMD Abort (0004h), host and emulated module: stops a slow command, or says why not."""

from __future__ import annotations

import pytest

from cmis.cdb.abort import abort_running
from cmis.cdb.errors import CdbAborted, CdbUnsupported
from cmis.cdb.replies import CdbCommand as C
from emulator import make_firmware_image
from tests.cmis.firmware.fw_pair import committed_image_ok, make_pair, profile_variant

SIZE = 8 * 1024


def _status(pair) -> int:
    return pair.module.twi_read(37, 1)[0]


def test_abort_stops_a_slow_command_with_status_03():
    pair = make_pair()
    pair.updater.features()
    pair.module.cdb.busy_scale = 200.0  # Complete would take 10 s
    pair.client.send(C.GetFirmwareInfo)
    outcome = abort_running(pair.client)
    assert (outcome.running, outcome.stopped, _status(pair)) == (C.GetFirmwareInfo, True, 0x03)
    assert "0100h stopped" in outcome.line()


def test_other_triggers_while_busy_are_still_ignored():
    pair = make_pair()
    pair.module.cdb.busy_scale = 200.0
    pair.client.send(C.GetFirmwareInfo)
    pair.client.send(C.FirmwareFeatures)
    assert pair.module.cdb.requests[0].cmd == C.GetFirmwareInfo
    assert _status(pair) & 0x80


def test_abort_during_a_download_keeps_the_committed_image_and_a_clean_state():
    pair = make_pair()
    pair.updater.features()
    pair.bus.cmd, pair.bus.nth, pair.bus.before = C.WriteBlockEpl, 2, True

    def stuck_block_and_user_abort(m) -> None:
        m.cdb.busy_scale = 50.0
        pair.client.abort_requested = True  # what the TUI's abort key does from its thread

    pair.bus.action = stuck_block_and_user_abort
    with pytest.raises(CdbAborted, match="0104h"):
        pair.updater.update(make_firmware_image((6, 0, 0), SIZE))
    pair.clock.advance(1.0)  # the 0102h that followed is slow too
    fw = pair.module.cdb.firmware
    assert fw.download is None and not fw.images[fw.inactive].valid
    assert pair.bus.seen[C.AbortDownload] == 1 and _status(pair) == 0x01
    pair.module.cdb.busy_scale = 1.0
    assert committed_image_ok(pair.module)
    pair.bus.action = None
    info = pair.updater.update(make_firmware_image((6, 0, 0), SIZE))
    assert info.running.version == (6, 0, 0)


def test_idle_module_has_nothing_to_abort():
    pair = make_pair()
    outcome = abort_running(pair.client)
    assert outcome.running is None and outcome.line() == "no CDB command was running"


def test_module_without_abort_says_so_and_the_command_runs_to_its_end():
    pair = make_pair(profile_variant("osfp-800g-dr8", abort_command="false"))
    pair.module.cdb.busy_scale = 4.0  # slow, but within the longest duration it advertises
    pair.client.send(C.GetFirmwareInfo)
    with pytest.raises(CdbUnsupported, match="does not support CMD Abort; 0100h ran"):
        abort_running(pair.client)
    assert pair.module.cdb.firmware.download is None and _status(pair) == 0x41  # the probe


def test_abort_while_idle_where_unsupported_is_unknown_command():
    pair = make_pair(profile_variant("osfp-800g-dr8", abort_command="false"))
    pair.client.send(C.AbortCommand)
    pair.clock.advance(1.0)
    assert _status(pair) == 0x41
