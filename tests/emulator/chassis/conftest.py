"""Fixtures: a small chassis of DR8 modules on a VirtualClock."""

from __future__ import annotations

import pytest

from cmis.clock import VirtualClock
from emulator.chassis import Chassis, build_chassis


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def chassis(clock: VirtualClock) -> Chassis:
    return build_chassis(4, clock=clock)
