"""What a scrape shows: emulator values, faults as flags, dead or slow ports as cmis_up 0."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest

import cmis
from cmis.errors import TransportError
from cmis.exporter.collector import FleetCollector
from cmis.exporter.ports import PortSpec, from_chassis, from_targets
from tests.cmis.exporter.conftest import linear_of, make_chassis, prometheus_tool, samples, scrape

DR8 = "emu:osfp-800g-dr8"


def test_lane_values_are_the_emulators_in_base_units() -> None:
    collector = FleetCollector(from_targets([DR8]))
    text = scrape(collector)
    module = collector.reader(DR8).module
    assert module is not None
    lane3 = module.dom()["lanes"][2]
    got = samples(text, "cmis_lane_rx_power_watts", port=DR8, lane="3", bank="0")
    assert got == [pytest.approx(lane3["rx_power_mw"] / 1000)]
    assert samples(text, "cmis_module_state", port=DR8, state="ModuleReady") == [1.0]
    assert samples(text, "cmis_module_info", vendor_pn="OSFP-800G-DR8") == [1.0]
    assert samples(text, "cmis_lane_rx_power_threshold_watts", port=DR8, level="low_warning")
    assert len(samples(text, "cmis_lane_datapath_state", port=DR8, state="DPActivated")) == 8


def test_lost_light_counts_the_latched_los_every_scrape_it_persists() -> None:
    collector = FleetCollector(from_targets([DR8]))
    scrape(collector)
    module = collector.reader(DR8).module
    assert module is not None
    module.device.faults.rx_los = {3}  # type: ignore[attr-defined]
    counts = [
        samples(scrape(collector), "cmis_lane_flags_total", lane="3", flag="LOSFlagRx")
        for _ in range(3)
    ]
    assert counts == [[1.0], [2.0], [3.0]]
    text = scrape(collector)
    assert samples(text, "cmis_lane_rx_power_watts", lane="3") == [0.0]
    assert samples(text, "cmis_lane_flags_total", lane="4", flag="LOSFlagRx") == []


def test_a_dead_port_is_down_and_the_others_still_report(caplog: pytest.LogCaptureFixture) -> None:
    collector = FleetCollector(from_targets([DR8, "optoe:/nonexistent/eeprom"]))
    text = scrape(collector)
    scrape(collector)
    assert samples(text, "cmis_up", port=DR8) == [1.0]
    assert samples(text, "cmis_up", port="optoe:/nonexistent/eeprom") == [0.0]
    assert samples(text, "cmis_module_info", port="optoe:/nonexistent/eeprom") == []
    down = [r.message for r in caplog.records if "down" in r.message]
    assert len(down) == 1 and "no such file" in down[0]  # one line, not one per scrape


def test_a_port_that_hangs_is_down_within_the_timeout() -> None:
    release = threading.Event()

    def opener(target: str) -> cmis.Module:
        if target == "slow":
            release.wait(5)
            raise TransportError("gave up")
        return cmis.open(target)

    ports = [PortSpec("slow", "slow"), PortSpec("fast", DR8)]
    collector = FleetCollector(ports, timeout=0.3, opener=opener)
    try:
        text = scrape(collector)
        again = scrape(collector)  # the hung read still holds the port: no second read piles up
    finally:
        release.set()
        collector.close()
    assert samples(text, "cmis_up", port="slow") == [0.0]
    assert samples(text, "cmis_up", port="fast") == [1.0]
    assert samples(again, "cmis_up", port="slow") == [0.0]
    assert samples(text, "cmis_scrape_duration_seconds", port="slow")[0] >= 0.29


def test_a_reinserted_module_is_read_afresh(tmp_path: Path) -> None:
    make_chassis(tmp_path, 2)
    collector = FleetCollector(from_chassis(str(tmp_path)))
    before = scrape(collector)
    eeprom = tmp_path / "port2" / "eeprom"
    eeprom.unlink()  # pulled
    pulled = scrape(collector)
    eeprom.write_bytes(linear_of("qsfpdd-800g-2xfr4"))  # another module inserted
    after = scrape(collector)
    assert samples(before, "cmis_module_info", port="port2", vendor_pn="OSFP-800G-DR8") == [1.0]
    assert samples(pulled, "cmis_up", port="port2") == [0.0]
    assert samples(pulled, "cmis_up", port="port1") == [1.0]
    assert samples(after, "cmis_module_info", port="port2", vendor_pn="QDD-800G-2FR4") == [1.0]


def test_a_port_with_a_short_memory_is_down_with_the_reason(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    make_chassis(tmp_path, 2)
    eeprom = tmp_path / "port1" / "eeprom"
    eeprom.write_bytes(eeprom.read_bytes()[:256])  # lower memory and page 00h only
    text = scrape(FleetCollector(from_chassis(str(tmp_path))))
    assert samples(text, "cmis_up", port="port1") == [0.0]
    assert samples(text, "cmis_up", port="port2") == [1.0]
    assert any("port1 down" in r.message and "01h" in r.message for r in caplog.records)


def test_a_module_reset_refreshes_the_cached_identity() -> None:
    collector = FleetCollector(from_targets([DR8]))
    scrape(collector)
    module = collector.reader(DR8).module
    assert module is not None
    device = module.device
    new_sn = b"RESET-NEW-SN    "  # page 00h bytes 166-181, as the module will load after reset
    template = dict(device.memory.template)  # this module's own: the shipped one is shared
    template[0, 0x00] = _with(template[0, 0x00], 166, new_sn)
    device.memory.template = template
    device.memory.page(0, 0x00)[166 - 128 : 182 - 128] = new_sn
    cached = scrape(collector)  # static pages are not read again while the module runs
    module.reset(wait=False)
    module.clock.advance(60.0)  # type: ignore[attr-defined]
    device.update()
    after = scrape(collector)
    assert samples(cached, "cmis_module_info", vendor_sn="OC2611290042") == [1.0]
    assert samples(after, "cmis_module_info", vendor_sn="RESET-NEW-SN") == [1.0]


def _with(page: bytes, byte: int, data: bytes) -> bytes:
    start = byte - 128
    return bytes(page[:start]) + data + bytes(page[start + len(data) :])


def test_promtool_accepts_the_exposition(tmp_path: Path) -> None:
    promtool = prometheus_tool("promtool")
    make_chassis(tmp_path, 2)
    ports = [*from_chassis(str(tmp_path)), PortSpec("gone", "optoe:/nonexistent")]
    text = scrape(FleetCollector([*ports, *from_targets([DR8])]))
    done = subprocess.run(
        [promtool, "check", "metrics"], input=text, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout + done.stderr == ""  # no lint warnings either
