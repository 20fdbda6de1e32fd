"""What the real kernel stack does (plain smbus2): the facts the backend must cope with."""

from __future__ import annotations

import errno

import pytest
from smbus2 import I2cFunc, SMBus, i2c_msg

from tests.kernel.vm_tests.conftest import ABSENT, CHIP
from tests.kernel.vm_tests.framing import raw_block_read

SMBUS_ONLY = (
    I2cFunc.SMBUS_READ_BYTE_DATA
    | I2cFunc.SMBUS_WRITE_BYTE_DATA
    | I2cFunc.SMBUS_READ_WORD_DATA
    | I2cFunc.SMBUS_WRITE_WORD_DATA
    | I2cFunc.SMBUS_READ_I2C_BLOCK
    | I2cFunc.SMBUS_WRITE_I2C_BLOCK
)


def test_functionality_is_smbus_only(bus: SMBus) -> None:
    assert bus.funcs & SMBUS_ONLY == SMBUS_ONLY
    assert not bus.funcs & I2cFunc.I2C


def test_i2c_rdwr_is_refused_with_eopnotsupp(bus: SMBus) -> None:
    with pytest.raises(OSError) as caught:
        bus.i2c_rdwr(i2c_msg.write(CHIP, [0]), i2c_msg.read(CHIP, 1))
    assert caught.value.errno == errno.EOPNOTSUPP


def test_absent_chip_fails_with_enodev(bus: SMBus) -> None:
    """i2c-stub says ENODEV; real controllers say ENXIO, EREMOTEIO or EIO for the same NACK."""
    for access in (bus.read_byte_data, bus.read_word_data):
        with pytest.raises(OSError) as caught:
            access(ABSENT, 0)
        assert caught.value.errno == errno.ENODEV


def test_page_select_is_a_byte_write_to_127(blank: SMBus) -> None:
    for page in (0x01, 0x02):
        blank.write_byte_data(CHIP, 127, page)
        blank.write_byte_data(CHIP, 128, page)
    blank.write_byte_data(CHIP, 127, 0x01)
    assert blank.read_byte_data(CHIP, 128) == 0x01
    blank.write_word_data(CHIP, 127, 0x0002)  # a word write to 127 does not switch
    assert blank.read_byte_data(CHIP, 128) == 0x01
    blank.write_i2c_block_data(CHIP, 126, [0, 0x02])  # nor does a block write (BankSelect+Page)
    assert blank.read_byte_data(CHIP, 128) == 0x01


def test_words_are_16_bit_registers_not_byte_pairs(blank: SMBus) -> None:
    """Why byte mode: the stub keeps a word per offset, so a word read is not bytes N and N+1."""
    blank.write_byte_data(CHIP, 130, 0x11)
    blank.write_byte_data(CHIP, 131, 0x22)
    assert blank.read_word_data(CHIP, 130) == 0x0011
    blank.write_word_data(CHIP, 130, 0x3344)
    assert blank.read_byte_data(CHIP, 130) == 0x44
    assert blank.read_byte_data(CHIP, 131) == 0x22


def test_i2c_block_reads_are_not_banked(blank: SMBus) -> None:
    """The stub's limit (not the kernel's): block transfers always see bank 0 at 128-255."""
    blank.write_byte_data(CHIP, 128, 0xA0)  # page 00h
    blank.write_byte_data(CHIP, 127, 0x01)
    blank.write_byte_data(CHIP, 128, 0xA1)
    assert blank.read_byte_data(CHIP, 128) == 0xA1
    assert blank.read_i2c_block_data(CHIP, 128, 1) == [0xA0]


def test_smbus2_keeps_the_32_byte_block_limit(blank: SMBus) -> None:
    assert len(blank.read_i2c_block_data(CHIP, 0, 32)) == 32
    with pytest.raises(ValueError):
        blank.read_i2c_block_data(CHIP, 0, 33)  # refused before the kernel sees it
    with pytest.raises(ValueError):
        blank.write_i2c_block_data(CHIP, 0, [0] * 33)


def test_a_33_byte_block_read_ioctl_is_served_or_refused_with_einval(blank: SMBus) -> None:
    """Kernels differ here, and it is not ours to decide: older 6.1 kernels (6.1.0-50) hand the
    33-byte request to the stub, which serves it (the 34-byte buffer has room); newer ones
    (6.1.0-57) refuse it with EINVAL. Both are accepted; the backend never asks (test_backend)."""
    blank.write_i2c_block_data(CHIP, 0, list(range(1, 33)))
    blank.write_byte_data(CHIP, 32, 0x77)
    try:
        data = raw_block_read(blank, CHIP, 0, 33)
    except OSError as err:
        assert err.errno == errno.EINVAL
    else:
        assert data == [*range(1, 33), 0x77]


def test_block_read_at_the_end_is_clamped(blank: SMBus) -> None:
    blank.write_i2c_block_data(CHIP, 224, list(range(1, 33)))
    data = blank.read_i2c_block_data(CHIP, 240, 32)
    assert data[:16] == list(range(17, 33))
    assert data[16:] == [0] * 16  # smbus2 pads what the kernel clamped to 256 - offset
