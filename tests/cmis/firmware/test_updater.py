"""Firmware update end to end against the emulator on a VirtualClock: happy paths and refusals."""

from __future__ import annotations

import itertools
import time

import pytest

from cmis.cdb.errors import (
    CdbFailed,
    CdbParameterError,
    CdbPasswordError,
    CdbTimeout,
    CdbWrongState,
)
from cmis.cdb.replies import CdbCommand as C
from cmis.firmware.image import FirmwareImageError, check_image
from cmis.firmware.updater import PROGRESS_STEPS, FirmwareError
from emulator import make_firmware_image
from tests.cmis.firmware.fw_pair import committed_image_ok, make_pair, profile_variant

SMALL = 8 * 1024


@pytest.mark.parametrize("profile", ["osfp-800g-dr8", "osfp-xd-1.6t-dr16", "qsfpdd-800g-2xfr4"])
def test_update_runs_and_commits_the_new_image(profile):
    pair = make_pair(profile, password=0x1011)
    info = pair.updater.update(make_firmware_image((4, 1, 9), SMALL))
    assert info.running.version == (4, 1, 9) and info.running.committed
    assert pair.module.twi_read(39, 2) == bytes((4, 1))
    assert committed_image_ok(pair.module)
    assert pair.module.cdb.firmware.images[pair.module.cdb.firmware.running].version == (4, 1, 9)
    phases = [p[0] for p in pair.phases]
    assert phases[0] == "start" and phases[-1] == "done" and "download" in phases


def test_one_mebibyte_flashes_in_wall_milliseconds():
    pair = make_pair()
    image = make_firmware_image((4, 0, 1), 1 << 20)
    began = time.perf_counter()
    pair.updater.update(image)
    assert time.perf_counter() - began < 5.0  # virtual time; generous for slow CI machines
    assert pair.client.polls < 4 * 530  # ~512 blocks + a few commands: no busy-spinning


def test_lpl_when_epl_is_not_offered_and_skip_erased_blocks():
    pair = make_pair("qsfpdd-800g-2xfr4", password=0x1011)
    image = make_firmware_image((4, 0, 2), 20_000, erased_fraction=0.5, seed=3)
    pair.updater.update(image)
    assert pair.bus.seen.get(C.WriteBlockEpl) is None
    blocks = pair.bus.seen[C.WriteBlockLpl]
    assert blocks < -(-20_000 // 116)  # some erased blocks were skipped


def test_password_required_and_not_given():
    pair = make_pair("qsfpdd-800g-2xfr4")
    with pytest.raises(CdbPasswordError, match="password"):
        pair.updater.update(make_firmware_image((4, 0, 0), SMALL))


def test_wrong_password():
    pair = make_pair("qsfpdd-800g-2xfr4", password=0xDEAD)
    with pytest.raises(CdbPasswordError):
        pair.updater.update(make_firmware_image((4, 0, 0), SMALL))
    assert committed_image_ok(pair.module)


@pytest.mark.parametrize("defect", ["header", "truncated", "crc", "length"])
def test_broken_images_are_refused_before_touching_the_module(defect):
    pair = make_pair()
    with pytest.raises(FirmwareImageError):
        pair.updater.update(make_firmware_image((4, 0, 0), SMALL, defect=defect))
    assert C.StartDownload not in pair.bus.seen


def test_a_file_of_unknown_format_goes_to_the_module_which_refuses_it():
    pair = make_pair()  # the emulator takes OCFW only: a foreign header fails Start with 0x42
    with pytest.raises(CdbParameterError, match="0x42"):
        pair.updater.update(make_firmware_image((4, 0, 0), SMALL, defect="magic"))
    assert pair.bus.seen[C.StartDownload] == 1 and C.WriteBlockEpl not in pair.bus.seen
    assert committed_image_ok(pair.module)


@pytest.mark.parametrize(("defect", "error"), [("crc", CdbFailed), ("truncated", CdbFailed)])
def test_module_rejects_broken_images_at_complete(defect, error, monkeypatch):
    pair = make_pair()
    monkeypatch.setattr("cmis.firmware.plan.check_image", lambda data: check_image(good))
    good = make_firmware_image((4, 0, 0), SMALL)
    bad = make_firmware_image((4, 0, 0), SMALL, defect=defect)
    if defect == "truncated":  # keep the length the module expects, lose the tail
        bad = bad + bytes([0xFF]) * 100
    with pytest.raises(error):
        pair.updater.update(bad)
    fw = pair.module.cdb.firmware
    assert not fw.images[1].valid and fw.images[fw.committed].valid
    assert pair.bus.seen[C.AbortDownload] == 1


def test_header_size_must_match_the_module():
    pair = make_pair()
    with pytest.raises(FirmwareImageError, match="StartCmdPayloadSize|takes"):
        pair.updater.update(make_firmware_image((4, 0, 0), SMALL, header_size=96))


def test_uncommitted_running_image_goes_back_to_the_committed_one_first():
    pair = make_pair()
    pair.updater.update(make_firmware_image((4, 0, 0), SMALL), commit=False)
    fw = pair.module.cdb.firmware
    assert fw.running != fw.committed
    info = pair.updater.update(make_firmware_image((4, 0, 1), SMALL))
    assert info.running.version == (4, 0, 1) and info.running.committed


def test_reset_before_commit_boots_the_committed_image():
    pair = make_pair()
    pair.updater.update(make_firmware_image((4, 0, 0), SMALL), commit=False)
    pair.module.assert_reset()
    pair.module.release_reset()
    pair.clock.advance(1)
    assert pair.module.twi_read(39, 2) == bytes((3, 7))
    assert pair.updater.info().running.version == (3, 7, 1204)


def test_start_refuses_to_overwrite_the_committed_image():
    pair = make_pair()
    pair.updater.update(make_firmware_image((4, 0, 0), SMALL), commit=False)
    with pytest.raises(CdbWrongState):
        pair.updater.download(make_firmware_image((4, 0, 1), SMALL))


def test_hitless_run_keeps_the_module_ready():
    pair = make_pair("osfp-xd-1.6t-dr16")
    pair.clock.advance(10)
    info = pair.updater.update(make_firmware_image((4, 2, 0), SMALL))
    assert info.running.version == (4, 2, 0)
    assert pair.bus.seen.get(C.RunImage) == 1


def test_foreground_module_is_flashed_through_nacks():
    profile = profile_variant("osfp-800g-dr8", advertisement="[0x47, 0x0F, 0x00, 0x00]")
    pair = make_pair(profile)
    info = pair.updater.update(make_firmware_image((4, 3, 0), SMALL))
    assert info.running.committed and info.running.version == (4, 3, 0)


def test_slow_module_times_out_with_a_clear_error():
    pair = make_pair()
    pair.module.cdb.busy_scale = 5.0
    with pytest.raises(CdbTimeout, match="advertised maximum"):
        pair.updater.update(make_firmware_image((4, 0, 0), SMALL))
    pair.module.cdb.busy_scale = 1.0
    assert committed_image_ok(pair.module)


def test_guard_is_busy_during_an_update():
    pair = make_pair()
    seen = []
    pair.updater.progress = lambda *p: seen.append(pair.client.guard.busy)
    pair.updater.update(make_firmware_image((4, 0, 0), SMALL))
    assert all(seen) and not pair.client.guard.busy
    assert pair.client.guard.wait_idle(0)


def test_no_committed_image_reported_is_refused(monkeypatch):
    pair = make_pair()
    pair.module.cdb.firmware.committed = 0
    monkeypatch.setattr(
        "cmis.firmware.updater.FirmwareInfo.inactive", property(lambda self: self.images[1])
    )
    pair.updater.info()  # sanity: the module answers
    with pytest.raises((FirmwareError, CdbWrongState)):
        pair.module.cdb.firmware.committed = 1  # inactive committed, running not: recovered
        pair.module.cdb.firmware.images[1].valid = False
        pair.updater.update(make_firmware_image((4, 0, 0), SMALL))


def test_lpl_update_polls_about_once_per_block_and_throttles_progress():
    pair = make_pair(profile_variant("osfp-800g-dr8", write_mechanism="0x01"))
    info = pair.updater.update(make_firmware_image((4, 0, 3), 256 * 1024))
    assert info.running.version == (4, 0, 3) and info.running.committed
    blocks = pair.bus.seen[C.WriteBlockLpl]
    assert blocks > 2000 and pair.client.polls < 1.2 * blocks + 100
    downloads = [p for p in pair.phases if p[0] == "download"]
    assert 100 < len(downloads) <= PROGRESS_STEPS + 1
    assert downloads[-1][1] == downloads[-1][2]
    assert all(a[1] < b[1] for a, b in itertools.pairwise(downloads))


def test_run_false_stops_after_the_download_and_keeps_the_running_image():
    pair = make_pair()
    before = pair.updater.info().running
    info = pair.updater.update(make_firmware_image((4, 2, 0), SMALL), run=False, commit=False)
    assert info.running.slot == before.slot and info.running.version == before.version
    assert info.inactive.version == (4, 2, 0) and not info.inactive.committed
    with pytest.raises(ValueError, match="commit needs run"):
        pair.updater.update(make_firmware_image((4, 2, 0), SMALL), run=False)
