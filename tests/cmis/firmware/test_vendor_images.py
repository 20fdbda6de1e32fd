"""Opaque vendor images: the host flashes any file, the module (emulator) is the judge."""

from __future__ import annotations

import pytest

from cmis.cdb.errors import CdbFailed, CdbParameterError, CdbUnsupported
from cmis.cdb.replies import CdbCommand as C
from cmis.firmware.image import FirmwareImageError
from cmis.firmware.updater import FirmwareError
from emulator import make_firmware_image
from emulator.firmware_vendor import make_vendor_image
from tests.cmis.firmware.fw_pair import committed_image_ok, make_pair, profile_variant

VENDOR = profile_variant(  # a module that takes only its vendor's files and offers read-back
    "osfp-800g-dr8", read_mechanism="0x01", hitless_restart='false\nimage_format = "vendor"'
)


def test_opaque_vendor_file_flashes_and_runs_its_version():
    pair = make_pair(VENDOR)
    info = pair.updater.update(make_vendor_image((7, 2, 15), 20_000), expect=(7, 2, 15))
    assert info.running.version == (7, 2, 15) and info.running.committed
    assert committed_image_ok(pair.module)


def test_opaque_file_without_expectation_only_needs_the_new_image_to_run():
    pair = make_pair(VENDOR)
    assert pair.updater.update(make_vendor_image((9, 0, 1), 5000)).running.version == (9, 0, 1)


def test_wrong_version_after_run_is_a_failure_with_the_next_step():
    pair = make_pair(VENDOR)
    with pytest.raises(FirmwareError, match=r"runs 7\.2\.15 after Run, expected 7\.3\.0.*fw run"):
        pair.updater.update(make_vendor_image((7, 2, 15), 5000), expect=(7, 3, 0))
    fw = pair.module.cdb.firmware
    assert fw.committed == 0 and committed_image_ok(pair.module)  # nothing committed


@pytest.mark.parametrize(("defect", "error"), [("magic", CdbParameterError),
                                               ("header", CdbParameterError),
                                               ("crc", CdbFailed)])  # fmt: skip
def test_module_refuses_a_bad_vendor_file_with_its_status(defect, error):
    pair = make_pair(VENDOR)
    with pytest.raises(error):
        pair.updater.update(make_vendor_image(size=5000, defect=defect))
    assert committed_image_ok(pair.module)


def test_vendor_module_refuses_our_own_format():
    pair = make_pair(VENDOR)
    with pytest.raises(CdbParameterError):
        pair.updater.update(make_firmware_image((4, 0, 0), 5000))


def test_verify_reads_back_what_was_written():
    pair = make_pair(VENDOR)
    pair.updater.update(make_vendor_image(size=3000, seed=4), verify=True)
    assert pair.bus.seen[C.ReadBlockLpl] == -(-3000 // 116)


def test_verify_catches_a_module_copy_that_differs(monkeypatch):
    pair = make_pair(VENDOR)
    store = pair.module.cdb.firmware
    real_read = store.read

    def flipped(address, length):  # what a flash with a stuck bit at payload offset 300 returns
        data = bytearray(real_read(address, length))
        if address <= 300 < address + length:
            data[300 - address] ^= 0x04
        return bytes(data)

    monkeypatch.setattr(store, "read", flipped)
    with pytest.raises(FirmwareError, match="differs from the file at payload offset 300"):
        pair.updater.update(make_vendor_image(size=3000, seed=5), verify=True)
    assert C.RunImage not in pair.bus.seen and committed_image_ok(pair.module)


def test_verify_on_a_module_without_read_back_is_refused():
    pair = make_pair()
    with pytest.raises(CdbUnsupported, match="read-back"):
        pair.updater.update(make_firmware_image((4, 0, 0), 5000), verify=True)


def test_file_no_longer_than_the_start_header_is_refused_before_the_module():
    pair = make_pair(VENDOR)
    with pytest.raises(FirmwareImageError, match="first 64 bytes"):
        pair.updater.update(bytes(64))
    assert C.StartDownload not in pair.bus.seen


def test_expectation_that_contradicts_an_ocfw_header_is_bad_input():
    pair = make_pair()
    with pytest.raises(FirmwareImageError, match="OCFW image of version 4.0.0"):
        pair.updater.update(make_firmware_image((4, 0, 0), 5000), expect=(4, 0, 1))
    assert C.StartDownload not in pair.bus.seen
