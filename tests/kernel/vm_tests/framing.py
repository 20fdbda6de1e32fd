"""Test helpers: a byte-data SMBus TwiDevice (what i2c-stub banks) and a recording bus proxy."""

from __future__ import annotations

from typing import Any

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
