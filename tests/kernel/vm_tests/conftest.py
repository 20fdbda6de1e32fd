"""In-VM fixtures: the real /dev/i2c-0 (i2c-stub at 0x50, paged by byte 127); reports its facts."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from smbus2 import I2cFunc, SMBus, i2c_msg

from cmis.clock import VirtualClock
from cmis.images import MemoryImage
from cmis.transport.twi import TwiTransport
from emulator import EmulatedModule
from tests.kernel.initramfs import MARK
from tests.kernel.vm_tests.framing import raw_block_read

BUS = 0
CHIP = 0x50
ABSENT = 0x51  # no chip answers here: every access is a NACK
PAGES = (0x00, 0x01, 0x02, 0x10, 0x11)


def func_names(funcs: int) -> str:
    return ",".join(f.name for f in I2cFunc if f.value & funcs) or "none"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Report the adapter's functionality bits and errno values (through smbus2) up front."""
    if not os.path.exists(f"/dev/i2c-{BUS}"):
        raise pytest.UsageError(f"/dev/i2c-{BUS} missing: these tests run only inside the VM")
    with SMBus(BUS) as bus:
        funcs = bus.funcs
        rdwr = _errno_of(lambda: bus.i2c_rdwr(i2c_msg.write(CHIP, [0]), i2c_msg.read(CHIP, 1)))
        absent = _errno_of(lambda: bus.read_byte_data(ABSENT, 0))
        block33 = _errno_of(lambda: raw_block_read(bus, CHIP, 0, 33))
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = [
        f"{MARK} FUNCS 0x{funcs:08x} {func_names(funcs)}",
        f"{MARK} I2C-PLAIN {'yes' if funcs & I2cFunc.I2C else 'no (SMBus-only)'}",
        f"{MARK} ERRNO i2c_rdwr={rdwr} absent-0x{ABSENT:02x}={absent}",
        f"{MARK} BLOCK33 {'served' if block33 == 'none' else 'refused ' + block33}"
        " (a 33-byte SMBus block read ioctl)",
    ]
    for line in lines:
        reporter.write_line(line) if reporter else print(line)


def _errno_of(access: Callable[[], object]) -> str:
    try:
        access()
    except OSError as err:
        code = err.errno or 0
        name = "EOPNOTSUPP" if code == errno.EOPNOTSUPP else errno.errorcode.get(code, "?")
        return f"{code}({name})"
    return "none"


@pytest.fixture
def bus() -> Iterator[SMBus]:
    with SMBus(BUS) as smbus:
        yield smbus


@pytest.fixture
def wire(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Every SMBus I2C-block ioctl smbus2 passes to the kernel: (read_write, length byte)."""
    import smbus2.smbus2 as impl

    seen: list[tuple[int, int]] = []
    real = impl.ioctl

    def spy(fd: int, request: int, arg: Any = 0, *rest: Any) -> Any:
        if request == impl.I2C_SMBUS and arg.size == impl.I2C_SMBUS_I2C_BLOCK_DATA:
            seen.append((arg.read_write, arg.data.contents.byte))
        return real(fd, request, arg, *rest)

    monkeypatch.setattr(impl, "ioctl", spy)
    return seen


@pytest.fixture
def blank(bus: SMBus) -> SMBus:
    """The stub with lower memory and page 00h selected; tests write what they read back."""
    bus.write_byte_data(CHIP, 127, 0)
    return bus


@pytest.fixture(scope="session")
def image() -> MemoryImage:
    """What the emulator shows of a ready 800G module: lower memory and pages 00h-02h, 10h-11h."""
    clock = VirtualClock()
    module = EmulatedModule("osfp-800g-dr8", clock=clock, lpmode=False)
    clock.advance(60)
    module.update()
    source = TwiTransport(module)
    snapshot = MemoryImage()
    snapshot.set_lower(source.read(0, 0, 128))
    for page in PAGES:
        snapshot.set_page(page, source.read(page, 128, 128))
    return snapshot
