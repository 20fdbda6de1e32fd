"""A host Module paired with an in-process emulated module on a VirtualClock (pairs, not mocks)."""

from __future__ import annotations

import pytest

from cmis.clock import VirtualClock
from cmis.module import Module
from emulator.targets import open_emulated


@pytest.fixture
def module() -> Module:
    """The default 800G-DR8 as the CLI's ``emu:`` target opens it: ModuleReady, AppSel 1."""
    return open_emulated("osfp-800g-dr8")


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
