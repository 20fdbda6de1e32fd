"""Threshold flags as a host sees them: each level, COR and re-latch, masks, IntL, summaries."""

from __future__ import annotations

import re

import pytest

from cmis.codec.codes import DataPathState as DP
from emulator import EmulatedModule
from emulator import module as module_file
from emulator.pagebuild import build_pages
from emulator.profile import PROFILE_DIR, load_profile, parse_profile
from tests.emulator.helpers import (
    bring_up,
    clear_flags,
    dp_states,
    read,
    run_until,
    temperature,
    write,
)

DR8_TEXT = (PROFILE_DIR / "osfp-800g-dr8.toml").read_text()


def thresholds_for(level: str, value: float) -> list[float]:
    """[HA, LA, HW, LW] that put ``value`` past ``level`` (and only past what that implies)."""
    factors = {
        "HighWarning": (1.5, 0.0, 0.75, 0.0),
        "HighAlarm": (0.75, 0.0, 0.5, 0.0),
        "LowWarning": (1.5, 0.0, 1.4, 1.25),
        "LowAlarm": (1.5, 1.25, 1.5, 1.4),
    }[level]
    return [round(value * f, 3) for f in factors]


def with_thresholds(key: str, values: list[float]) -> str:
    line = f"{key} = {values}"
    return re.sub(rf"^{key} = \[.*?\]", line, DR8_TEXT, count=1, flags=re.MULTILINE)


# (thresholds key, value the module shows, where its flags are: page, byte per level)
MODULE_MONITORS = {
    "temperature_c": (30.0, {"HighAlarm": (9, 0x01), "LowAlarm": (9, 0x02),
                             "HighWarning": (9, 0x04), "LowWarning": (9, 0x08)}),
    "vcc_v": (3.3, {"HighAlarm": (9, 0x10), "LowAlarm": (9, 0x20),
                    "HighWarning": (9, 0x40), "LowWarning": (9, 0x80)}),
    "laser_temperature_c": (30.0, {"HighAlarm": (10, 0x10), "LowAlarm": (10, 0x20),
                                   "HighWarning": (10, 0x40), "LowWarning": (10, 0x80)}),
}  # fmt: skip
LANE_MONITORS = {  # 11h flag bytes HA, LA, HW, LW
    "tx_power_mw": (1.1, dict(zip(("HighAlarm", "LowAlarm", "HighWarning", "LowWarning"),
                                  (139, 140, 141, 142), strict=True))),
    "tx_bias_ma": (62.0, dict(zip(("HighAlarm", "LowAlarm", "HighWarning", "LowWarning"),
                                  (143, 144, 145, 146), strict=True))),
    "rx_power_mw": (0.9, dict(zip(("HighAlarm", "LowAlarm", "HighWarning", "LowWarning"),
                                  (149, 150, 151, 152), strict=True))),
}  # fmt: skip
IMPLIED = {"HighAlarm": "HighWarning", "LowAlarm": "LowWarning"}
LEVELS = ("HighAlarm", "LowAlarm", "HighWarning", "LowWarning")


def _module(clock, key: str, level: str, value: float) -> EmulatedModule:
    profile = parse_profile("custom", with_thresholds(key, thresholds_for(level, value)))
    return EmulatedModule(profile, clock=clock)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("key", MODULE_MONITORS)
def test_each_module_threshold_level_sets_its_flag(clock, key, level):
    value, flags = MODULE_MONITORS[key]
    m = _module(clock, key, level, value)  # in low power: case and lasers at 30 degC, Vcc 3.3 V
    expected = {flags[level], flags.get(IMPLIED.get(level, level))}
    got = m.twi_read(9, 2)
    for byte, bit in flags.values():
        assert bool(got[byte - 9] & bit) == ((byte, bit) in expected), (byte, bit)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("key", LANE_MONITORS)
def test_each_lane_threshold_level_sets_its_flag_on_every_lane(clock, key, level):
    value, flags = LANE_MONITORS[key]
    m = _module(clock, key, level, value)
    assert read(m, 0x11, 139, 14) == bytes(14)  # nothing powered, nothing flagged
    bring_up(clock, m)
    got = read(m, 0x11, 135, 18)
    expected = {flags[level], flags[IMPLIED.get(level, level)]}
    for byte in flags.values():
        assert got[byte - 135] == (0xFF if byte in expected else 0), byte


def _overheat(clock, m: EmulatedModule, target: float, past: float) -> None:
    """Drive the case toward ``target`` until a read shows it past ``past`` degC."""
    m.faults.over_temperature_c = target
    run_until(clock, m, lambda: m.intl, 600.0)
    assert temperature(m) > past


def test_cor_clears_a_flag_and_a_persisting_condition_sets_it_again_at_once(clock, module):
    bring_up(clock, module)  # ModuleReady: the TEC holds the lasers, only the case heats
    clear_flags(module)
    _overheat(clock, module, 72.0, 70.0)  # past the high warning (70), short of the alarm (75)
    assert module.twi_read(9, 1) == b"\x04"  # TempHighWarning
    assert module.twi_read(9, 1) == b"\x04" and module.intl  # still warm: set again at once
    module.faults.over_temperature_c = None
    clock.advance(600.0)
    assert module.twi_read(9, 1) == b"\x04"  # latched since the last read
    assert module.twi_read(9, 1) == b"\x00" and not module.intl  # cooled: COR clears it


def test_temperature_flag_latches_at_the_crossing_without_any_read(clock, module):
    bring_up(clock, module)
    clear_flags(module)
    module.faults.over_temperature_c = 76.0
    start = clock.now()
    run_until(clock, module, lambda: module.intl, 600.0)
    warned = clock.now() - start
    assert module.memory.lower[9] == 0x04  # the warning came first, IntL with it
    run_until(clock, module, lambda: module.memory.lower[9] & 0x01, 600.0)
    assert clock.now() - start > warned and module.twi_read(9, 1) == b"\x05"


def test_module_masks_gate_intl(clock, module):
    bring_up(clock, module)
    clear_flags(module)
    module.twi_write(32, b"\x04")  # TempHighWarningMask
    module.faults.over_temperature_c = 72.0
    clock.advance(600.0)
    assert module.twi_read(9, 1) == b"\x04" and not module.intl
    assert module.twi_read(3, 1)[0] & 1  # InterruptDeasserted
    module.twi_write(32, b"\x00")
    assert module.intl and not module.twi_read(3, 1)[0] & 1


def test_lane_masks_gate_intl(clock, module):
    bring_up(clock, module)
    clear_flags(module)
    write(module, 0x10, 226, b"\x04")  # LOSMaskRx lane 3
    module.faults.rx_los = {3}
    write(module, 0x10, 228, b"\xff\xff\xff\xff")  # Rx power HA/LA/HW/LW masks
    clear_flags(module)  # the low-power flags latched before their masks went on
    assert read(module, 0x11, 147)[0] == 0x04 and not module.intl
    write(module, 0x10, 226, b"\x00")
    assert module.intl


def test_summary_bytes_follow_page_11h_flags_per_bank(clock):
    m = EmulatedModule("osfp-xd-1.6t-dr16", clock=clock)
    bring_up(clock, m)
    clear_flags(m)
    assert m.twi_read(4, 2) == b"\x00\x00"
    m.faults.rx_los = {11}  # bank 1, lane 3
    assert m.twi_read(4, 2) == b"\x00\x01" and m.intl
    assert read(m, 0x11, 147, bank=1)[0] == 0x04 and read(m, 0x11, 147, bank=0)[0] == 0
    m.faults.rx_los = ()
    clear_flags(m)
    assert m.twi_read(4, 2) == b"\x00\x00" and not m.intl


def test_unadvertised_flag_never_sets(clock, monkeypatch):
    profile = load_profile("osfp-800g-dr8")  # a fresh Profile: its pages are built here

    def without_rx_los(p):
        pages = build_pages(p)
        page01 = bytearray(pages[0, 0x01])
        page01[158 - 128] &= ~0x02  # 01h:158 bit 1 LOSFlagRxSupported
        return {**pages, (0, 0x01): bytes(page01)}

    monkeypatch.setattr(module_file, "build_pages", without_rx_los)
    m = EmulatedModule(profile, clock=clock)
    bring_up(clock, m)
    m.faults.rx_los = {1, 2}
    assert read(m, 0x11, 147)[0] == 0
    assert read(m, 0x11, 150)[0] == 0x03  # the Rx power low alarm is advertised: it sets


def test_a_lane_coming_up_with_rx_los_flags_it_and_asserts_intl_without_a_read(clock, module):
    bring_up(clock, module)
    module.twi_write(31, b"\x01")  # ModuleStateChangedMask
    write(module, 0x10, 213, b"\xff")  # DPStateChangedMask
    write(module, 0x10, 232, b"\xff")  # OutputStatusChangedMaskRx
    write(module, 0x10, 128, b"\xff")  # DPDeinit: every lane dark, no condition
    run_until(clock, module, lambda: dp_states(module) == [DP.DPDeactivated] * 8, 5.0)
    module.faults.rx_los = {3}
    clear_flags(module)
    assert not module.intl
    write(module, 0x10, 128, b"\x00")  # the lanes come up: lane 3 has no light in
    run_until(clock, module, lambda: dp_states(module) == [DP.DPActivated] * 8, 5.0)
    assert module.intl and not module.twi_read(3, 1)[0] & 1  # before any read of 11h:147
    assert read(module, 0x11, 147)[0] == 0x04
