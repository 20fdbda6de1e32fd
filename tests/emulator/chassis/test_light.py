"""Light through fibre: Rx power, Rx LOS and CDR LOL follow the far end's Tx, loss and the cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmis.clock import VirtualClock
from cmis.host.chassis import port_status
from emulator.chassis import Chassis, build_chassis
from emulator.profile import PROFILE_DIR
from tests.emulator.chassis.lab import (
    clear_all,
    flags,
    host_on,
    linked_pair,
    provision,
    rx_power_mw,
    tx_disable,
    up,
)


def test_tx_disable_darkens_the_far_lane_until_it_is_enabled_again(
    pair: Chassis, clock: VirtualClock
) -> None:
    p1, p2 = pair.port("port1"), pair.port("port2")
    assert not p2.intl and pair.status()[1]["lanes_los"] == []
    tx_disable(p1, 0b100)  # lane 3
    assert pair.status()[1]["lanes_los"] == [3] and p2.intl
    power = rx_power_mw(p2)
    assert power[2] == 0.0 and all(mw > 0.5 for i, mw in enumerate(power) if i != 2)
    assert flags(p2, "rx_los") == [3] and flags(p2, "rx_cdr_lol") == [3]
    tx_disable(p1, 0)
    clock.advance(1)
    assert pair.status()[1]["lanes_los"] == [] and rx_power_mw(p2)[2] > 0.5
    clear_all(p2)  # the latched flag reads once more, then stays clear
    assert flags(p2, "rx_los") == [] and not p2.intl


def test_rx_power_is_far_tx_less_the_loss_and_too_much_loss_is_los(pair: Chassis) -> None:
    p2 = pair.port("port2")
    full = rx_power_mw(p2)
    pair.set_loss("port2", "port1", 10.0)
    assert rx_power_mw(p2) == pytest.approx([mw / 10 for mw in full], rel=0.05)
    assert pair.status()[1]["lanes_los"] == []
    pair.set_loss("port1", "port2", 13.0)  # 1.1 mW - 13 dB < 0.063 mW (LOS, 3 dB under alarm)
    assert pair.status()[1]["lanes_los"] == list(range(1, 9)) and rx_power_mw(p2) == [0.0] * 8


def test_a_cut_fibre_is_los_on_both_ends_and_restore_brings_light_back(pair: Chassis) -> None:
    pair.cut("port1", "port2")
    assert not pair.link("port2", "port1").up
    assert [row["lanes_los"] for row in pair.status()[:2]] == [list(range(1, 9))] * 2
    pair.restore("port2", "port1")
    assert [row["lanes_los"] for row in pair.status()[:2]] == [[], []]


def test_removing_or_powering_down_the_far_module_is_los(pair: Chassis) -> None:
    pair.port("port1").lpmode = True
    assert pair.status()[1]["lanes_los"] == list(range(1, 9))
    pair.port("port1").remove()
    assert pair.status()[1]["lanes_los"] == list(range(1, 9))
    assert pair.status()[0]["present"] is False


def test_a_port_without_fibre_is_dark_and_a_plug_sees_its_own_light(
    pair: Chassis, clock: VirtualClock
) -> None:
    p3 = pair.port("port3")
    up(clock, p3)
    assert pair.status()[2]["lanes_los"] == list(range(1, 9))
    pair.add_link("port3", "port3", 1.0)
    assert pair.status()[2]["lanes_los"] == [] and all(0.7 < mw < 1.0 for mw in rx_power_mw(p3))


def test_breakout_maps_lanes_5_8_to_a_400g_port(clock: VirtualClock) -> None:
    chassis = build_chassis(2, clock=clock)
    chassis.add_link("port1:5-8", "port2:1-4")
    p1, p2 = chassis.port("port1"), chassis.port("port2")
    up(clock, p1, p2)
    provision(clock, p1, 2, 4)  # 2x400GBASE-DR4
    provision(clock, p2, 2, 4)
    assert chassis.status()[0]["lanes_los"] == [1, 2, 3, 4]
    assert chassis.status()[1]["lanes_los"] == [5, 6, 7, 8]
    tx_disable(p2, 0b0001)  # takes down port2's first 400G path (lanes 1-4)
    assert chassis.status()[0]["lanes_los"] == list(range(1, 9))
    assert rx_power_mw(p1)[4:] == [0.0] * 4


def test_different_lane_rates_at_the_two_ends_is_light_but_no_lock(
    clock: VirtualClock, tmp_path: Path
) -> None:
    slow = tmp_path / "dr8-200g.toml"  # the DR8 with a 4x50G application added (AppSel 4)
    slow.write_text(
        (PROFILE_DIR / "osfp-800g-dr8.toml").read_text()
        + """
[[application]]
host = 0x4F
media = 0x17                      # 200GBASE-DR4: 50G lanes
host_lanes = 4
media_lanes = 4
host_start = 0x11
media_start = 0x11
"""
    )
    chassis = build_chassis(2, clock=clock)
    chassis.add_link("port1", "port2")
    p1, p2 = chassis.port("port1"), chassis.port("port2")
    p1.insert(str(slow))
    up(clock, p1, p2)
    provision(clock, p1, 4, 4)
    provision(clock, p2, 2, 4)  # 400GBASE-DR4: 100G lanes
    clear_all(p2)
    assert chassis.status()[1]["lanes_los"] == []
    assert flags(p2, "rx_cdr_lol") == list(range(1, 9)) and flags(p2, "rx_los") == []
    assert all(mw > 0.5 for mw in rx_power_mw(p2))


def test_an_access_asks_the_far_end_for_its_light_once(
    pair: Chassis, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Select, transfer and restore are one instant: looking at the fibre for each tripled the
    cost of a mounted read (issue 13 benchmark); the next access still sees a change."""
    p1, p2 = pair.port("port1"), pair.port("port2")
    assert p1.module is not None
    asked: list[object] = []
    real = p1.module.light_out
    monkeypatch.setattr(p1.module, "light_out", lambda: asked.append(1) or real())
    p2.read(128 + 128 * 0x11 + 3, 8)  # page 11h through its select and restore of page 0
    assert len(asked) == 1
    tx_disable(p1, 0b1)
    assert rx_power_mw(p2)[0] == 0.0


def test_every_row_that_shows_los_after_a_cut_shows_the_rx_power_alarm_too(
    clock: VirtualClock,
) -> None:
    """A summary row is one poll: LOS lanes and the Rx power judged come from the same read."""
    pair = linked_pair(clock)
    host = host_on(clock, pair.port("port2"))
    assert port_status(host)["worst_alarm"]["level"] == "ok"
    pair.cut("port1", "port2")
    for step in (0.0, 0.05, 0.3, 1.0, 2.5, 10.0):
        clock.advance(step)
        row = port_status(host)
        assert row["lanes_los"] == list(range(1, 9)), step
        assert row["worst_alarm"] == {"level": "alarm", "monitors": {"rx_power": row["lanes_los"]}}
