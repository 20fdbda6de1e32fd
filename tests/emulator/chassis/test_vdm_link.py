"""VDM over a fibre: eSNR and pre-FEC BER follow the light a link delivers; the degrade fault."""

from __future__ import annotations

import pytest

from cmis.clock import VirtualClock
from cmis.host.module import Module
from cmis.transport.twi import TwiTransport
from emulator.chassis import Chassis, ChassisError


def host(chassis: Chassis, clock: VirtualClock, port: str = "port2") -> Module:
    device = chassis.port(port).module
    assert device is not None
    return Module(TwiTransport(device, clock=clock), clock=clock, name=port)


def by_name(rows: list[dict], name: str) -> list[dict]:  # type: ignore[type-arg]
    return sorted((r for r in rows if r["name"] == name), key=lambda r: r["lane"])


def test_more_loss_raises_ber_and_warns_before_los(pair: Chassis, clock: VirtualClock) -> None:
    module = host(pair, clock)
    module.vdm()  # warm-up interval, as the spec advises
    seen = []
    for loss in (0.0, 2.0, 4.0, 6.0, 8.0):
        pair.set_loss("port1", "port2", loss)
        clock.advance(1.0)
        rows = module.vdm()
        ber = by_name(rows, "PreFecBerCurMedia")
        snr = by_name(rows, "EsnrMediaInput")
        seen.append((loss, max(r["value"] for r in ber), min(r["value"] for r in snr), ber))
        assert pair.status()[1]["lanes_los"] == []  # still light on every lane
    bers = [ber for _, ber, _, _ in seen]
    snrs = [snr for _, _, snr, _ in seen]
    assert bers == sorted(bers) and bers[-1] > 1000 * bers[0]
    assert snrs == sorted(snrs, reverse=True)
    clean, warned, alarmed = seen[0][3], seen[3][3], seen[4][3]
    assert not any(any(r["flags"].values()) for r in clean)
    assert all(r["flags"]["high_warning"] and not r["flags"]["high_alarm"] for r in warned)
    assert all(r["flags"]["high_alarm"] for r in alarmed)
    pair.set_loss("port1", "port2", 13.0)
    assert pair.status()[1]["lanes_los"] == list(range(1, 9))  # LOS only well after the warning


def test_snr_degrade_fault_hits_one_lane_only(pair: Chassis, clock: VirtualClock) -> None:
    module = host(pair, clock)
    before = by_name(module.vdm(), "EsnrMediaInput")
    pair.set_fault("port2", "snr_degrade_db", "3:6")
    clock.advance(1.0)
    rows = module.vdm()
    after, ber = by_name(rows, "EsnrMediaInput"), by_name(rows, "PreFecBerCurMedia")
    drop = [b["value"] - a["value"] for b, a in zip(before, after, strict=True)]
    assert drop[2] == pytest.approx(6.0, abs=0.5)
    assert all(abs(d) < 0.5 for i, d in enumerate(drop) if i != 2)
    assert ber[2]["value"] > 1e-4 and ber[2]["flags"]["high_warning"]
    assert all(r["value"] < 1e-6 for i, r in enumerate(ber) if i != 2)
    device = pair.port("port2").module
    assert device is not None and device.faults.snr_degrade_db == {3: 6.0}
    pair.set_fault("port2", "snr_degrade_db", "none")
    assert device.faults.snr_degrade_db == {}


@pytest.mark.parametrize("value", ["3", "3:x", "3:-1", "9:2", "1-4:inf"])
def test_a_bad_snr_degrade_value_changes_nothing(pair: Chassis, value: str) -> None:
    with pytest.raises(ChassisError, match="snr_degrade_db"):
        pair.set_fault("port2", "snr_degrade_db", value)
    device = pair.port("port2").module
    assert device is not None and device.faults.snr_degrade_db == {}
