"""Cages: names, pins that outlive the module, remove/insert, faults by text, status."""

from __future__ import annotations

import pytest

from cmis.clock import ScaledClock, VirtualClock
from emulator.chassis import Chassis, ChassisError, build_chassis
from emulator.rules import Mod


def test_ports_are_named_in_order_and_a_bad_name_lists_them(chassis: Chassis) -> None:
    assert list(chassis.ports) == ["port1", "port2", "port3", "port4"]
    with pytest.raises(ChassisError, match=r"no port 'x'; ports are port1..port4"):
        chassis.port("x")


def test_lpmode_is_asserted_at_start_and_releasing_it_powers_the_module_up(
    chassis: Chassis, clock: VirtualClock
) -> None:
    port = chassis.port("port1")
    assert port.lpmode and port.module is not None and port.module.state == Mod.ModuleLowPwr
    port.lpmode = False
    clock.advance(10)
    assert port.module.state == Mod.ModuleReady


def test_pins_survive_remove_and_insert(chassis: Chassis, clock: VirtualClock) -> None:
    port = chassis.port("port2")
    port.lpmode = False
    port.reset = True
    port.remove()
    assert not port.present and port.module is None and not port.intl and port.faults is None
    port.insert()
    assert port.present and not port.lpmode and port.reset
    clock.advance(10)
    assert port.module is not None and port.module.state == Mod.Reset  # still held in reset
    port.reset = False
    clock.advance(10)
    assert port.module.state == Mod.ModuleReady  # LPMode stayed released


def test_insert_is_a_fresh_module_that_goes_through_mgmt_init(chassis: Chassis) -> None:
    port = chassis.port("port1")
    old = port.module
    port.write(26, b"\x00")  # any lower-memory write, to tell the modules apart
    port.insert("osfp-xd-1.6t-dr16")
    assert port.module is not old and port.profile == "osfp-xd-1.6t-dr16"
    assert port.module is not None and port.module.state == Mod.MgmtInit
    assert port.size == (256 * 2 + 1) * 128


def test_set_fault_takes_text_and_refuses_bad_values_without_change(chassis: Chassis) -> None:
    chassis.set_fault("port1", "rx_los", "1-2,8")
    faults = chassis.port("port1").faults
    assert faults is not None and faults.rx_los == {1, 2, 8}
    chassis.set_fault("port1", "nack_rate", "0.25")
    chassis.set_fault("port1", "over_temperature_c", "85")
    bad = [("rx_los", "9"), ("nack_rate", "2"), ("module_fault", "300"), ("bogus", "1"),
           ("over_temperature_c", "hot"), ("tx_fault", "x" * 200)]  # fmt: skip
    for name, value in bad:
        with pytest.raises(ChassisError) as err:
            chassis.set_fault("port1", name, value)
        assert (
            "\n" not in str(err.value) and len(str(err.value)) < 240
        )  # the fault list, named in full
    assert faults.rx_los == {1, 2, 8} and faults.nack_rate == 0.25
    chassis.set_fault("port1", "clear", "")
    assert faults.active() == {}


def test_cdb_fail_is_set_by_name_with_an_optional_command_and_cleared_by_none(
    chassis: Chassis,
) -> None:
    faults = chassis.port("port1").faults
    assert faults is not None
    chassis.set_fault("port1", "cdb_fail", "0107:0x45")
    assert faults.cdb_fail == (0x0107, 0x45)
    chassis.set_fault("port1", "cdb_fail", "0x46")
    assert faults.cdb_fail == (None, 0x46)
    for bad in ("0x01", "0107:", "zz:0x45", "12345:0x45", "0x80"):
        with pytest.raises(ChassisError, match="cdb_fail .* is not STATUS or CMDID:STATUS"):
            chassis.set_fault("port1", "cdb_fail", bad)
    assert faults.cdb_fail == (None, 0x46)
    chassis.set_fault("port1", "cdb_fail", "none")
    assert faults.cdb_fail is None


def test_set_fault_on_an_empty_cage_says_so(chassis: Chassis) -> None:
    chassis.port("port3").remove()
    with pytest.raises(ChassisError, match="port3: no module"):
        chassis.set_fault("port3", "rx_los", "1")


def test_status_reports_each_port(chassis: Chassis) -> None:
    chassis.port("port4").remove()
    chassis.set_fault("port1", "rx_los", "3")
    rows = chassis.status()
    assert [r["port"] for r in rows] == ["port1", "port2", "port3", "port4"]
    assert rows[0]["present"] and rows[0]["module_state"] == "ModuleLowPwr"
    assert rows[0]["application"] == "800GBASE-DR8" and rows[0]["lpmode"]
    empty = {"present": False, "module_state": None, "application": None, "lanes_los": []}
    assert rows[3] == {"port": "port4", **empty, "intl": False, "lpmode": True}


def test_build_refuses_a_bad_profile_or_count(clock: VirtualClock) -> None:
    with pytest.raises(ChassisError, match="port1: profile 'nope' not found"):
        build_chassis(2, profile="nope", clock=clock)
    with pytest.raises(ChassisError, match="ports 0 must be a count"):
        build_chassis(0, clock=clock)


def test_a_scaled_clock_runs_faster_than_real_time() -> None:
    clock = ScaledClock(1000.0)
    start = clock.now()
    clock.sleep(5.0)  # 5 ms of real time
    assert clock.now() - start >= 5.0
    with pytest.raises(ChassisError, match="speed 0 must be a number > 0"):
        build_chassis(1, speed=0)


def test_a_chassis_clock_defaults_to_speed_times_real_time() -> None:
    chassis = build_chassis(1, speed=50.0)
    assert isinstance(chassis.clock, ScaledClock) and chassis.clock.speed == 50.0
