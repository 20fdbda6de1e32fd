"""A wire-time model of the I2C bus in front of a TwiDevice: each transaction costs its bits.

A write is START, device address, offset, data, STOP; a read is START, address, offset,
repeated START, address, data, STOP (CMIS random read). Every byte is 9 SCL clocks (8 bits +
ACK) and START/STOP/repeated START one clock each. The time is charged to the clock before the
device sees the transaction (a NACKed one costs the same), so a module on the same VirtualClock
ages by the bus time.
"""

from __future__ import annotations

from dataclasses import dataclass

from cmis.clock import Clock
from cmis.transport.base import TwiDevice

CLOCKS_PER_BYTE = 9


@dataclass(eq=False)
class WireBus:
    """A TwiDevice wrapper that charges wire time at ``scl_hz`` and counts what crossed it."""

    device: TwiDevice
    clock: Clock
    scl_hz: float = 400_000.0
    transactions: int = 0
    bus_bytes: int = 0  # address, offset and data bytes, both directions
    bus_time: float = 0.0

    @property
    def max_read(self) -> int:
        return int(getattr(self.device, "max_read", 128))

    @property
    def max_write(self) -> int:
        return int(getattr(self.device, "max_write", 8))

    def twi_read(self, offset: int, length: int) -> bytes:
        self._charge(3 + length, 3)
        return self.device.twi_read(offset, length)

    def twi_write(self, offset: int, data: bytes) -> None:
        self._charge(2 + len(data), 2)
        self.device.twi_write(offset, data)

    def _charge(self, nbytes: int, conditions: int) -> None:
        seconds = (nbytes * CLOCKS_PER_BYTE + conditions) / self.scl_hz
        self.transactions += 1
        self.bus_bytes += nbytes
        self.bus_time += seconds
        self.clock.sleep(seconds)
