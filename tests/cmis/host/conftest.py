"""A host Module paired with an in-process emulated module on a VirtualClock (pairs, not mocks).

Every host test runs three times: over the emulator's TwiTransport directly (``twi``) and over
the smbus2 backend (I2cDevice) through a fake SMBus in plain-I2C (``i2c``) and SMBus-block
(``smbus``) framing, so the backend passes the same host tests in both modes.
"""

from __future__ import annotations

import pytest

from cmis.clock import VirtualClock
from cmis.host.module import Module
from emulator.targets import open_emulated
from tests.cmis.fake_smbus import host

FRAMINGS = ["twi", "i2c", "smbus"]


@pytest.fixture(params=FRAMINGS)
def module(request: pytest.FixtureRequest) -> Module:
    """The default 800G-DR8 as the CLI's ``emu:`` target opens it: ModuleReady, AppSel 1."""
    if request.param == "twi":
        return open_emulated("osfp-800g-dr8")
    return host(request.param)[0]


@pytest.fixture
def clock(module: Module) -> VirtualClock:
    assert isinstance(module.clock, VirtualClock)
    return module.clock


class WriteCounter:
    """Wraps a Transport and counts writes, to prove a refused request wrote nothing."""

    def __init__(self, inner: object) -> None:
        self.inner, self.writes = inner, []  # type: ignore[var-annotated]

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes:
        return self.inner.read(page, offset, length, bank)  # type: ignore[attr-defined, no-any-return]

    def write(self, page: int, offset: int, data: bytes, bank: int = 0) -> None:
        self.writes.append((page, offset, bytes(data), bank))
        self.inner.write(page, offset, data, bank)  # type: ignore[attr-defined]


@pytest.fixture
def counted(module: Module) -> WriteCounter:
    counter = WriteCounter(module.transport)
    module.transport = counter  # type: ignore[assignment]
    return counter
