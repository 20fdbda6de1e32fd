"""A module swapped between two polls: the host reads the new module's pages, not its cache."""

from __future__ import annotations

import pytest

from cmis.clock import VirtualClock
from cmis.host.chassis import port_status
from emulator.chassis import build_chassis
from tests.emulator.chassis.lab import host_on


@pytest.mark.parametrize("lpmode", [False, True])
def test_a_16_lane_module_swapped_in_shows_its_16_lanes_at_the_next_poll(
    clock: VirtualClock, lpmode: bool
) -> None:
    chassis = build_chassis(1, clock=clock)
    port = chassis.port("port1")
    port.lpmode = lpmode
    clock.advance(30)
    host = host_on(clock, port)
    before = port_status(host)
    assert host.banks == 1
    port.remove()
    port.insert("osfp-xd-1.6t-dr16")  # between two polls: the host never saw the cage empty
    clock.advance(30)
    after = port_status(host)
    assert after["module_state"] == before["module_state"]
    assert host.banks == 2  # page 01h read anew
    if not lpmode:
        assert [p["lanes"] for p in after["data_paths"]][-1] == list(range(9, 17))
