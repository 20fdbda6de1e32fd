"""CDB framing (CMIS.md 9.2 check-code vectors), advertisement decoding, the generic client."""

from __future__ import annotations

import pytest

from cmis.cdb.client import PROBE_TOLERANCE
from cmis.cdb.errors import CdbCheckCodeError, CdbUnknownCommand, error_for
from cmis.cdb.frame import CdbAdvertisement, frame
from cmis.firmware.info import FirmwareFeatures, FirmwareInfo
from tests.cmis.firmware.fw_pair import make_pair


@pytest.mark.parametrize(
    ("cmd", "lpl", "check"),
    [
        (0x1234, b"", 0xB9),
        (0x1234, b"\x01\x02\x03", 0xB0),
        (0x0000, b"\x00\x10", 0xED),
        (0x0000, b"\x00\x00", 0xFD),
        (0x0040, b"", 0xBF),
        (0x0041, b"", 0xBE),
        (0x0100, b"", 0xFE),
        (0x0001, b"\x00\x00\x10\x11", 0xD9),
        (0x0107, b"", 0xF7),
        (0x0109, b"\x00\x01\x02\x00", 0xEE),
        (0x010A, b"", 0xF4),
    ],
)
def test_check_code_vectors(cmd: int, lpl: bytes, check: int) -> None:
    body = frame(cmd, lpl)
    assert body[5] == check and body[8:] == lpl and body[4] == len(lpl)


def test_lpl_longer_than_120_is_refused() -> None:
    with pytest.raises(ValueError, match="120"):
        frame(0x0103, bytes(121))


@pytest.mark.parametrize(
    ("raw", "instances", "epl_pages", "busy"),
    [
        (b"\x67\x0f\x00\x00", 1, 16, 0.080),
        (b"\xa5\xff\x00\x05", 2, 8, 0.075),
        (b"\x40\x00\x05\x80", 1, 0, 0.800),
        (b"\x40\x00\x00\x14", 1, 0, 0.060),
    ],
)
def test_advertisement(raw: bytes, instances: int, epl_pages: int, busy: float) -> None:
    adv = CdbAdvertisement.parse(raw)
    assert (adv.instances, adv.epl_pages) == (instances, epl_pages)
    assert adv.max_busy == pytest.approx(busy)


def test_error_classes_name_the_command_and_status() -> None:
    err = error_for(0x0104, 0x45)
    assert isinstance(err, CdbCheckCodeError) and "0104h" in str(err) and "0x45" in str(err)


def test_generic_command_entry_and_replies() -> None:
    pair = make_pair()
    features = FirmwareFeatures.parse(pair.client.command(0x0041))
    assert features.epl and features.lpl and features.start_payload_size == 64
    info = FirmwareInfo.parse(pair.client.command(0x0100))
    assert info.running.slot == "A" and info.running.committed and info.inactive.valid
    with pytest.raises(CdbUnknownCommand, match="0F00h"):
        pair.client.command(0x0F00)


def test_first_poll_comes_soon_and_polls_back_off() -> None:
    pair = make_pair()
    pair.client.command(0x0041)
    assert pair.client.learned[0x0041] < 0.012  # busy 10 ms; not a 100 ms poll floor
    assert pair.client.polls < 20


def test_cmdid_and_epl_length_must_fit_16_bits() -> None:
    with pytest.raises(ValueError, match="16 bits"):
        frame(0x10000)
    with pytest.raises(ValueError, match="16 bits"):
        frame(0x0104, b"", -1)


def test_a_steady_module_is_polled_once_per_command() -> None:
    pair = make_pair()  # 0041h is busy 10 ms, every time
    for _ in range(10):
        pair.client.command(0x0041)
    polls = pair.client.polls
    for _ in range(40):
        pair.client.command(0x0041)
    assert pair.client.polls - polls <= 48  # one poll, now and then a probe below the bound
    assert 0.010 <= pair.client.learned[0x0041] <= 0.010 * (1 + PROBE_TOLERANCE)


def test_polling_follows_a_module_that_gets_slower_then_faster() -> None:
    pair = make_pair()
    for _ in range(10):
        pair.client.command(0x0041)
    pair.module.cdb.busy_scale = 2.0  # 20 ms: busy at the learned time, backs off from there
    for _ in range(20):
        pair.client.command(0x0041)
    assert 0.020 <= pair.client.learned[0x0041] <= 0.020 * (1 + PROBE_TOLERANCE)
    pair.module.cdb.busy_scale = 0.5  # 5 ms: probes below the bound find it done sooner
    polls = pair.client.polls
    for _ in range(40):
        pair.client.command(0x0041)
    assert 0.005 <= pair.client.learned[0x0041] <= 0.005 * (1 + PROBE_TOLERANCE)
    assert pair.client.polls - polls <= 60


def test_guard_is_reentrant_and_idle_after() -> None:
    pair = make_pair()
    guard = pair.client.guard
    with guard.hold(), guard:
        assert guard.busy
        pair.client.command(0x0041)
        assert guard.busy
    assert not guard.busy and guard.wait_idle(0)
