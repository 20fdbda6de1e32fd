"""CDB framing (CMIS.md 9.2 check-code vectors), advertisement decoding, the generic client."""

from __future__ import annotations

import pytest

from cmis.cdb_errors import CdbCheckCodeError, CdbUnknownCommand, error_for
from cmis.cdb_frame import CdbAdvertisement, frame
from cmis.firmware_info import FirmwareFeatures, FirmwareInfo
from tests.cmis.fw_pair import make_pair


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
