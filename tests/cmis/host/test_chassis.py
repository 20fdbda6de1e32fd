"""A port's summary row: the worst level counts only monitors that mean something."""

from __future__ import annotations

from cmis.host.chassis import port_status
from cmis.host.snapshot import poll
from cmis.host.worst import worst_level
from emulator.targets import open_emulated


def test_a_low_power_module_shows_no_alarm_though_it_reads_zero_power() -> None:
    module = open_emulated("osfp-800g-dr8", lpmode=True)
    row = port_status(module, module.pins)
    assert row["module_state"] == "ModuleLowPwr"
    assert row["worst_alarm"] == {"level": "ok", "monitors": {}}
    assert worst_level(poll(module).dom)["level"] == "alarm"  # what every lane counted said
    assert module.dom()["worst_alarm"] == row["worst_alarm"]  # cmis dom --json, fleet dom


def test_rx_los_on_an_activated_lane_is_still_an_alarm() -> None:
    module = open_emulated("osfp-800g-dr8")
    module.device.faults.rx_los = {3}
    module.clock.advance(1.0)
    row = port_status(module, module.pins)
    assert row["worst_alarm"]["level"] == "alarm"
    assert row["worst_alarm"]["monitors"].get("rx_power") == [3]
    assert row["lanes_los"] == [3]


def test_rx_los_in_bank_1_is_numbered_across_banks_as_its_rx_power() -> None:
    module = open_emulated("osfp-xd-1.6t-dr16")
    module.device.faults.rx_los = {11}
    module.clock.advance(1.0)
    row = port_status(module, module.pins)
    assert row["lanes_los"] == [11]
    assert row["worst_alarm"]["monitors"].get("rx_power") == [11]


def test_lanes_whose_data_path_the_host_turned_off_do_not_count() -> None:
    module = open_emulated("osfp-800g-dr8")
    module.set_tx_output([5], enabled=False)  # the DR8 turns its one data path off
    module.clock.advance(1.0)
    row = port_status(module, module.pins)
    assert row["worst_alarm"]["level"] == "ok"
    assert worst_level(poll(module).dom)["monitors"].get("tx_power") == list(range(1, 9))


def test_a_ready_module_reports_its_application_per_data_path() -> None:
    module = open_emulated("osfp-800g-dr8")
    row = port_status(module, module.pins)
    assert row["module_state"] == "ModuleReady" and row["worst_alarm"]["level"] == "ok"
    assert [p["lanes"] for p in row["data_paths"]] == [[1, 2, 3, 4, 5, 6, 7, 8]]
    assert row["data_paths"][0]["application"].startswith("800GBASE-DR8")
