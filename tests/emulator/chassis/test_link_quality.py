"""One link-quality model: PRBS and VDM report the same pre-FEC BER for a lane of a lossy link."""

from __future__ import annotations

import pytest

from cmis.clock import VirtualClock
from cmis.codec.diag import PatternId
from cmis.host import diag
from cmis.host.module import Module
from cmis.transport.twi import TwiTransport
from emulator.chassis import Chassis
from tests.emulator.chassis.lab import linked_pair

LANES = list(range(1, 9))


@pytest.fixture
def pair(clock: VirtualClock) -> Chassis:
    return linked_pair(clock)


def host(chassis: Chassis, port: str, clock: VirtualClock) -> Module:
    device = chassis.port(port).module
    assert device is not None
    return Module(TwiTransport(device, clock=clock), clock=clock, name=port)


def both(pair: Chassis, clock: VirtualClock) -> tuple[dict[int, float], dict[int, float]]:
    """PRBS BER per lane after 5 s, and the VDM pre-FEC BER average over the same time."""
    a, b = host(pair, "port1", clock), host(pair, "port2", clock)
    b.vdm()  # the VDM interval starts with the count
    diag.start(a, "media", PatternId.PRBS31Q, LANES, ("generator",))
    diag.start(b, "media", PatternId.PRBS31Q, LANES, ("checker",))
    clock.advance(5.0)
    prbs = {r.lane: r.ber for r in diag.read(b)}
    vdm = {r["lane"]: r["value"] for r in b.vdm() if r["name"] == "PreFecBerAvgMedia"}
    return prbs, vdm  # type: ignore[return-value]


@pytest.mark.parametrize("loss", [3.0, 6.0, 8.0])
def test_prbs_and_vdm_agree_on_a_lossy_link_and_a_degraded_lane_is_worse_in_both(
    pair: Chassis, clock: VirtualClock, loss: float
) -> None:
    pair.set_loss("port1", "port2", loss)
    pair.set_fault("port2", "snr_degrade_db", "3:3")
    prbs, vdm = both(pair, clock)
    for lane in LANES:
        assert vdm[lane] / 3 < prbs[lane] < vdm[lane] * 3, (lane, prbs[lane], vdm[lane])
    others = [lane for lane in LANES if lane != 3]
    assert prbs[3] > 3 * max(prbs[lane] for lane in others)
    assert vdm[3] > 3 * max(vdm[lane] for lane in others)
