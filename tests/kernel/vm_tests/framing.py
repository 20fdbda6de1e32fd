"""Test helpers: a byte-data SMBus TwiDevice (what i2c-stub banks), recording and raw bus access."""

from __future__ import annotations

import fcntl
from typing import Any

from smbus2.smbus2 import (
    I2C_SMBUS,
    I2C_SMBUS_I2C_BLOCK_DATA,
    I2C_SMBUS_READ,
    i2c_smbus_ioctl_data,
)

from cmis.errors import TransportError

BLOCK_CALLS = ("read_i2c_block_data", "write_i2c_block_data")


class Recorder:
    """An smbus2 bus that records ``(method, offset, length)`` of every transfer it passes on."""

    def __init__(self, bus: Any) -> None:
        self.bus = bus
        self.calls: list[tuple[str, int, int]] = []

    def __getattr__(self, name: str) -> Any:
        target = getattr(self.bus, name)
        if not callable(target) or not name.startswith(("read_", "write_")):
            return target

        def call(address: int, offset: int, *rest: Any) -> Any:
            size = len(rest[0]) if rest and isinstance(rest[0], list) else (rest or [1])[0]
            if name.endswith("word_data"):
                size = 2
            elif name.endswith("byte_data"):
                size = 1
            self.calls.append((name, offset, size))
            return target(address, offset, *rest)

        return call


def raw_block_read(bus: Any, address: int, offset: int, length: int) -> list[int]:
    """An SMBus I2C-block read ioctl of ``length`` bytes without smbus2's 32-byte check.

    Only up to 33: the kernel's buffer (union i2c_smbus_data) holds the length byte + 33."""
    assert length <= 33, "more would overrun the kernel's 34-byte buffer on kernels that serve it"
    msg = i2c_smbus_ioctl_data.create(I2C_SMBUS_READ, offset, I2C_SMBUS_I2C_BLOCK_DATA)
    msg.data.contents.byte = length  # block[0] = length, as the kernel reads it
    bus._set_address(address)
    fcntl.ioctl(bus.fd, I2C_SMBUS, msg)
    return list(msg.data.contents.block[1 : length + 1])


class Unchecked:
    """An smbus2 bus whose block reads skip smbus2's limit: what a careless library would send."""

    def __init__(self, bus: Any) -> None:
        self.bus = bus

    def __getattr__(self, name: str) -> Any:
        return getattr(self.bus, name)

    def read_i2c_block_data(self, address: int, offset: int, length: int) -> list[int]:
        return raw_block_read(self.bus, address, offset, length)


class ByteDevice:
    """Reference TwiDevice on SMBus byte-data transfers: the one framing i2c-stub both banks and
    maps onto byte-addressed memory (its word transfers reach 16-bit registers, not bytes N, N+1).
    Writes are byte writes, so PageSelect at 127 is a ``write_byte_data``, the select it honours.
    """

    max_read = 32
    max_write = 8

    def __init__(self, bus: Any, address: int) -> None:
        self.bus, self.address = bus, address

    def twi_read(self, offset: int, length: int) -> bytes:
        out = bytearray()
        try:
            for at in range(offset, offset + length):
                out.append(self.bus.read_byte_data(self.address, at))
        except OSError as err:
            raise TransportError(f"read at {offset}: {err.strerror}", errno=err.errno) from err
        return bytes(out)

    def twi_write(self, offset: int, data: bytes) -> None:
        try:
            for i, value in enumerate(data):
                self.bus.write_byte_data(self.address, offset + i, value)
        except OSError as err:
            raise TransportError(f"write at {offset}: {err.strerror}", errno=err.errno) from err
