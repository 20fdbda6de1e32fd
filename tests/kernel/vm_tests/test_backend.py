"""cmis.transport.i2c on the real kernel: SMBus-only detection, block mode, errors with errno."""

from __future__ import annotations

import errno

import pytest
from smbus2 import SMBus

from cmis.errors import TransportError
from cmis.transport.i2c import I2cDevice
from cmis.transport.twi import TwiTransport
from tests.kernel.vm_tests.conftest import ABSENT, CHIP
from tests.kernel.vm_tests.framing import BLOCK_CALLS, Recorder


def test_auto_mode_detects_an_smbus_only_adapter(bus: SMBus) -> None:
    device = I2cDevice(bus, CHIP)
    assert device.mode == "smbus"
    assert device.max_read <= 32 and device.max_write <= 32


def test_forced_i2c_mode_reports_eopnotsupp(bus: SMBus) -> None:
    device = I2cDevice(bus, CHIP, mode="i2c")
    with pytest.raises(TransportError) as direct:
        device.twi_read(0, 1)
    assert direct.value.errno == errno.EOPNOTSUPP
    with pytest.raises(TransportError) as through:
        TwiTransport(device, retries=0).read(0, 0, 1)
    assert through.value.errno == errno.EOPNOTSUPP
    assert "read of 1 byte(s)" in str(through.value)


def test_absent_chip_is_a_clear_transport_error(bus: SMBus) -> None:
    device = I2cDevice(bus, ABSENT)
    with pytest.raises(TransportError) as direct:
        device.twi_read(0, 1)
    assert direct.value.errno == errno.ENODEV  # i2c-stub's NACK; hardware says ENXIO/EREMOTEIO
    transport = TwiTransport(device, retries=2, retry_delay=0)
    with pytest.raises(TransportError) as through:
        transport.read(0x01, 128, 4)
    assert through.value.errno == errno.ENODEV
    assert "after 3 attempt(s)" in str(through.value)
    with pytest.raises(TransportError):
        transport.write(0, 26, b"\x00")


def test_block_mode_round_trips_lower_memory_and_page_00h(blank: SMBus, image) -> None:
    recorder = Recorder(blank)
    transport = TwiTransport(I2cDevice(recorder, CHIP))
    lower, page00 = image.read(0, 0, 126), image.page(0x00)
    transport.write(0, 0, lower)
    transport.write(0x00, 128, page00)
    assert transport.read(0, 0, 126) == lower
    assert transport.read(0x00, 128, 128) == page00
    blocks = [size for name, _, size in recorder.calls if name in BLOCK_CALLS]
    assert blocks and max(blocks) <= 32  # the 32-byte SMBus limit held
    assert max(size for name, _, size in recorder.calls if name == "read_i2c_block_data") == 32
