"""cmis.transport.i2c on the real kernel: SMBus-only detection, block mode, errors with errno."""

from __future__ import annotations

import errno

import pytest
from smbus2 import SMBus
from smbus2.smbus2 import I2C_SMBUS_READ, I2C_SMBUS_WRITE

from cmis.errors import TransportError
from cmis.transport.i2c import I2cDevice
from cmis.transport.twi import TwiTransport
from tests.kernel.vm_tests.conftest import ABSENT, CHIP
from tests.kernel.vm_tests.framing import BLOCK_CALLS, Recorder, Unchecked


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


READS = ((0, 126), (128, 128), (200, 56), (130, 33), (255, 1))  # (offset, length), page 00h


def test_smbus_mode_never_asks_the_kernel_for_more_than_32_bytes(
    blank: SMBus, wire: list[tuple[int, int]]
) -> None:
    """Counted at the ioctl, i.e. what the kernel really receives, not what smbus2 was asked."""
    transport = TwiTransport(I2cDevice(blank, CHIP))
    for offset, length in READS:
        assert len(transport.read(0x00, offset, length)) == length
    transport.write(0x00, 128, bytes(range(100)))
    reads = [size for rw, size in wire if rw == I2C_SMBUS_READ]
    writes = [size for rw, size in wire if rw == I2C_SMBUS_WRITE]
    assert max(reads) == 32 and max(writes) <= 32
    assert sum(reads) == sum(length for _, length in READS)  # nothing read twice or extra
    assert len(reads) == sum(-(-length // 32) for _, length in READS)  # fewest transfers
    assert sum(writes) >= 100


def test_an_oversized_block_read_never_reaches_the_kernel(
    blank: SMBus, wire: list[tuple[int, int]]
) -> None:
    """The backend refuses a 33-byte SMBus block read itself, as a TransportError, before any
    ioctl: the kernel's own answer to it differs between 6.1 kernels (served or EINVAL)."""
    device = I2cDevice(blank, CHIP, mode="smbus")
    with pytest.raises(TransportError, match="longer than smbus mode allows"):
        device.twi_read(0, 33)
    assert wire == []


def test_a_kernel_refusal_is_a_clear_transport_error(blank: SMBus) -> None:
    """With the backend's own limit lifted (a misconfigured max_read), the request reaches the
    kernel: the kernels that refuse it (6.1.0-57: EINVAL) give a TransportError naming the access
    and the errno; older ones (6.1.0-50) serve it. Either is fine; a raw OSError never escapes."""
    device = I2cDevice(Unchecked(blank), CHIP, mode="smbus")
    device.max_read = 33
    try:
        data = device.twi_read(0, 33)
    except TransportError as err:
        assert err.errno == errno.EINVAL
        assert str(err) == "I2C read of 33 byte(s) at offset 0: Invalid argument"
    else:
        assert len(data) == 33
