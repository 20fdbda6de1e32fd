"""I2cDevice through a fake SMBus that forwards to an emulated module: the real framing runs."""

from __future__ import annotations

import errno
import os

import pytest

from cmis.codec.codes import DataPathState
from cmis.errors import TargetError, TransportError
from cmis.host.targets import parse_i2c
from cmis.transport.i2c import BYTE_DATA_FUNCS, I2C_FUNC, SMBUS_BLOCK_FUNCS, I2cDevice, pick_mode
from tests.cmis.fake_smbus import host


@pytest.mark.parametrize("mode", ["i2c", "smbus", "byte"])
def test_host_api_runs_in_every_framing(mode: str) -> None:
    module, bus = host(mode)
    assert module.info()["identity"]["vendor_pn"] == "OSFP-800G-DR8"
    module.apply_application(2)
    assert {lane.dp_state for lane in module.lanes()} == {DataPathState.DPActivated}
    assert [p.appsel for p in module.data_paths()] == [2, 2]
    limit = {"i2c": 129, "smbus": 32, "byte": 1}[mode]
    assert max(size for _, size in bus.calls) <= limit


def test_i2c_mode_reads_a_page_in_one_message() -> None:
    module, bus = host("i2c")
    bus.calls.clear()
    module.page(0x11)
    reads = [size for name, size in bus.calls if name == "i2c_rdwr"]
    assert 1 in reads  # the offset byte of a write-then-read pair carries one byte


@pytest.mark.parametrize(
    ("funcs", "wanted", "mode"),
    [
        (I2C_FUNC | SMBUS_BLOCK_FUNCS, "auto", "i2c"),
        (SMBUS_BLOCK_FUNCS, "auto", "smbus"),
        (BYTE_DATA_FUNCS, "auto", "byte"),
        (I2C_FUNC, "smbus", "smbus"),
    ],
)
def test_mode_detection_and_forcing(funcs: int, wanted: str, mode: str) -> None:
    assert pick_mode(funcs, wanted) == mode


def test_no_usable_functionality() -> None:
    with pytest.raises(TransportError, match="functionality 0x00000000"):
        pick_mode(0)
    with pytest.raises(TargetError):
        pick_mode(I2C_FUNC, "fast")


def test_errors_keep_their_errno() -> None:
    module, bus = host("smbus")
    bus.address = 0x51  # the module stops answering at 0x50
    device = module.transport.device  # type: ignore[attr-defined]
    with pytest.raises(TransportError) as err:
        device.twi_read(0, 1)
    assert err.value.errno == errno.ENXIO
    with pytest.raises(TransportError) as err:
        I2cDevice(bus, 0x51, mode="i2c").twi_write(0, b"\x00")
    assert err.value.errno == errno.EOPNOTSUPP


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3@0x50", ("/dev/i2c-3", 0x50)), ("/dev/i2c-12@80", ("/dev/i2c-12", 0x50))],
)
def test_parse_i2c(text: str, expected: tuple[str, int]) -> None:
    assert parse_i2c(text) == expected


@pytest.mark.parametrize("text", ["3", "x@0x50", "3@0x80", "3@0x02", "/dev/spi-1@0x50"])
def test_parse_i2c_bad(text: str) -> None:
    with pytest.raises(TargetError):
        parse_i2c(text)


@pytest.mark.hardware
@pytest.mark.skipif(not os.environ.get("CMIS_TEST_I2C"), reason="set CMIS_TEST_I2C=BUS@ADDR")
def test_real_module_reads_identity() -> None:
    import cmis

    module = cmis.open(f"i2c:{os.environ['CMIS_TEST_I2C']}")
    info = module.info()
    assert info["identity"]["identifier"] and info["status"]["module_state"]
    assert module.module_state() in range(1, 6)


@pytest.mark.parametrize(("mode", "limit"), [("smbus", 32), ("byte", 1)])
def test_a_transfer_longer_than_the_framing_is_a_transport_error(mode: str, limit: int) -> None:
    module, bus = host(mode)
    device = module.transport.device  # type: ignore[attr-defined]
    bus.calls.clear()
    with pytest.raises(TransportError, match=f"longer than {mode} mode allows"):
        device.twi_read(0, limit + 1)
    with pytest.raises(TransportError, match=f"longer than {mode} mode allows"):
        device.twi_write(0, bytes(limit + 1))
    assert bus.calls == []  # refused before the bus saw anything
