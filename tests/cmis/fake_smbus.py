"""A fake smbus2.SMBus answering from an EmulatedModule, shared by the transport and host tests.

The real I2cDevice framing code runs against it in plain-I2C, SMBus-block and byte-data modes.
"""

from __future__ import annotations

import ctypes
import errno
import os

from cmis.clock import VirtualClock
from cmis.host.module import Module
from cmis.transport.i2c import BYTE_DATA_FUNCS, I2C_FUNC, SMBUS_BLOCK_FUNCS, I2cDevice
from cmis.transport.twi import TwiTransport
from emulator import EmulatedModule

FUNCS = {"i2c": I2C_FUNC | SMBUS_BLOCK_FUNCS, "smbus": SMBUS_BLOCK_FUNCS, "byte": BYTE_DATA_FUNCS}


class FakeSMBus:
    """What smbus2.SMBus offers, answering from an EmulatedModule; refuses what ``funcs`` lacks."""

    def __init__(self, module: EmulatedModule, funcs: int, address: int = 0x50) -> None:
        self.module, self.funcs, self.address = module, funcs, address
        self.calls: list[tuple[str, int]] = []

    def _check(self, address: int, bits: int, name: str, size: int) -> None:
        if not self.funcs & bits:
            raise OSError(errno.EOPNOTSUPP, os.strerror(errno.EOPNOTSUPP))
        if address != self.address:
            raise OSError(errno.ENXIO, os.strerror(errno.ENXIO))
        self.calls.append((name, size))

    def i2c_rdwr(self, *msgs: object) -> None:
        first = msgs[0]
        self._check(first.addr, I2C_FUNC, "i2c_rdwr", len(first))  # type: ignore[attr-defined]
        payload = bytes(first)  # type: ignore[call-overload]
        if len(msgs) == 1:
            self.module.twi_write(payload[0], payload[1:])
            return
        reply = msgs[1]
        data = self.module.twi_read(payload[0], len(reply))  # type: ignore[arg-type]
        ctypes.memmove(reply.buf, data, len(data))  # type: ignore[attr-defined]

    def read_i2c_block_data(self, address: int, register: int, length: int) -> list[int]:
        self._check(address, SMBUS_BLOCK_FUNCS, "read_block", length)
        assert length <= 32, "SMBus block transfers carry at most 32 bytes"
        return list(self.module.twi_read(register, length))

    def write_i2c_block_data(self, address: int, register: int, data: list[int]) -> None:
        self._check(address, SMBUS_BLOCK_FUNCS, "write_block", len(data))
        assert len(data) <= 32
        self.module.twi_write(register, bytes(data))

    def read_byte_data(self, address: int, register: int) -> int:
        self._check(address, BYTE_DATA_FUNCS, "read_byte", 1)
        return self.module.twi_read(register, 1)[0]

    def write_byte_data(self, address: int, register: int, value: int) -> None:
        self._check(address, BYTE_DATA_FUNCS, "write_byte", 1)
        self.module.twi_write(register, bytes((value,)))


def host(mode: str) -> tuple[Module, FakeSMBus]:
    clock = VirtualClock()
    emulated = EmulatedModule("osfp-800g-dr8", clock, lpmode=False)
    clock.advance(60)
    bus = FakeSMBus(emulated, FUNCS[mode])
    device = I2cDevice(bus, 0x50)
    assert device.mode == mode
    module = Module(TwiTransport(device, clock=clock), clock=clock, name=f"fake-{mode}")
    module.device = emulated  # like emu: targets, tests reach the emulated module's knobs here
    return module, bus
