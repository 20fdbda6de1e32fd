"""Fixtures: a VirtualClock and an emulated module on it (LPMode asserted, in ModuleLowPwr)."""

from __future__ import annotations

import pytest

from cmis.clock import VirtualClock
from emulator import EmulatedModule


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def module(clock: VirtualClock) -> EmulatedModule:
    return EmulatedModule("osfp-800g-dr8", clock=clock)
