"""Fixtures: a small chassis of DR8 modules on a VirtualClock, and a linked, running pair."""

from __future__ import annotations

import pytest

from cmis.clock import VirtualClock
from emulator.chassis import Chassis, build_chassis
from tests.emulator.chassis.lab import clear_all, provision, up


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def chassis(clock: VirtualClock) -> Chassis:
    return build_chassis(4, clock=clock)


@pytest.fixture
def pair(clock: VirtualClock) -> Chassis:
    """port1 <-> port2, both 8x100GBASE-DR (one data path per lane), running, flags read;
    port3 is in the chassis too, unlinked."""
    chassis = build_chassis(3, clock=clock)
    chassis.add_link("port1", "port2")
    p1, p2 = chassis.port("port1"), chassis.port("port2")
    up(clock, p1, p2)
    provision(clock, p1, 3, 1)
    provision(clock, p2, 3, 1)
    clear_all(p1), clear_all(p2)
    return chassis
