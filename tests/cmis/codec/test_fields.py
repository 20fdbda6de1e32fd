"""Known encodings from reference/CMIS.md: units, lane order, DPConfig bytes, durations."""

from __future__ import annotations

import math

import pytest

from cmis.codec.codes import ConfigStatus, DataPathState, MaxDuration, ModuleState, duration_seconds
from cmis.codec.fields import LaneNibbles
from cmis.codec.pages.common import DPConfig
from cmis.codec.pages.lower import LowerMemory
from cmis.codec.pages.page11 import Page11h
from cmis.codec.units import dbm_to_mw, format_dbm, mw_to_dbm


def _lower(**bytes_at: int) -> bytearray:
    data = bytearray(128)
    for offset, value in bytes_at.items():
        data[int(offset[1:])] = value
    return data


def test_temperature_and_vcc_units() -> None:
    data = bytearray(128)
    data[14:16] = b"\x1a\x80"  # 26.5 degC
    data[16:18] = b"\x80\xe8"  # 3.3 V
    lower = LowerMemory.parse(bytes(data))
    assert lower.TempMonValue == 26.5
    assert lower.VccMonVoltage == pytest.approx(3.3)


def test_negative_temperature_is_signed() -> None:
    data = bytearray(128)
    data[14:16] = (-5 * 256 & 0xFFFF).to_bytes(2, "big")
    assert LowerMemory.parse(bytes(data)).TempMonValue == -5.0


def test_module_state_and_interrupt_bits() -> None:
    lower = LowerMemory.parse(bytes(_lower(b3=0x07)))
    assert lower.GlobalStatus.ModuleState is ModuleState.ModuleReady
    assert lower.GlobalStatus.InterruptDeasserted is True
    assert LowerMemory.parse(bytes(_lower(b3=0x02))).GlobalStatus.ModuleState == 1


def test_unknown_module_state_stays_an_int() -> None:
    state = LowerMemory.parse(bytes(_lower(b3=0x0E))).GlobalStatus.ModuleState
    assert state == 7 and not isinstance(state, ModuleState)


def test_flag_bit_positions_match_spec() -> None:
    lower = LowerMemory.parse(bytes(_lower(b8=0x41, b9=0x01, b26=0x50)))
    assert lower.ModuleFlags.CdbCmdCompleteFlag1 and lower.ModuleFlags.ModuleStateChangedFlag
    assert not lower.ModuleFlags.CdbCmdCompleteFlag2
    assert lower.TempVccFlags.TempHighAlarm and not lower.TempVccFlags.VccLowWarning
    controls = lower.ModuleGlobalControls
    assert controls.LowPwrAllowRequestHW and controls.LowPwrRequestSW
    assert not controls.SoftwareReset


def _page11(**at: bytes) -> bytearray:
    data = bytearray(128)
    for offset, value in at.items():
        start = int(offset[1:]) - 128
        data[start : start + len(value)] = value
    return data


def test_dp_state_lane_one_is_the_low_nibble() -> None:
    page = Page11h.parse(bytes(_page11(b128=bytes([0x24, 0x17, 0x44, 0x44]))))
    states = page.DPStateHostLane
    assert states[0] is DataPathState.DPActivated  # lane 1 = low nibble of 0x24
    assert states[1] is DataPathState.DPInit
    assert states[2] is DataPathState.DPInitialized
    assert states[3] is DataPathState.DPDeactivated


def test_config_status_nibbles_and_in_progress() -> None:
    page = Page11h.parse(bytes(_page11(b202=bytes([0xC1, 0x31, 0x11, 0x11]))))
    assert page.ConfigStatusLane[:4] == [
        ConfigStatus.ConfigSuccess,
        ConfigStatus.ConfigInProgress,
        ConfigStatus.ConfigSuccess,
        ConfigStatus.ConfigRejectedInvalidAppSel,
    ]


def test_lane_monitors_power_and_bias_with_multiplier() -> None:
    raw = _page11(b154=b"\x27\x10", b170=b"\x13\x88", b186=b"\x00\x00")
    page = Page11h.parse(bytes(raw), bias_multiplier=2)
    assert page.OpticalPowerTx[0] == pytest.approx(1.0)
    assert page.LaserBiasTx[0] == pytest.approx(20.0)  # 0x1388 * 2 uA * 2
    assert Page11h.parse(bytes(raw)).LaserBiasTx[0] == pytest.approx(10.0)
    assert mw_to_dbm(page.OpticalPowerRx[0]) == -math.inf


@pytest.mark.parametrize(
    ("raw", "appsel", "dpid", "explicit"),
    [
        (0x10, 1, 0, False),
        (0x20, 2, 0, False),
        (0x28, 2, 4, False),
        (0x3E, 3, 7, False),
        (0x31, 3, 0, True),
    ],
)
def test_dpconfig_examples(raw: int, appsel: int, dpid: int, explicit: bool) -> None:
    value = DPConfig.parse(bytes([raw]))
    assert (value.AppSelCode, value.DataPathID, value.ExplicitControl) == (appsel, dpid, explicit)
    assert DPConfig.build(value) == bytes([raw])


def test_duration_codes() -> None:
    assert MaxDuration(7).seconds == 5.0
    assert MaxDuration(0).label == "< 1 ms"
    assert duration_seconds(13) == 6000.0
    assert duration_seconds(14) is None


def test_dbm_helpers() -> None:
    assert mw_to_dbm(1.0) == 0.0
    assert dbm_to_mw(-3.0) == pytest.approx(0.501, abs=1e-3)
    assert format_dbm(0.0) == "-inf dBm"
    assert format_dbm(0.5) == "-3.01 dBm"


@pytest.mark.parametrize("values", [[16, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, -1]])
def test_lane_values_too_wide_are_refused_not_spilled(values: list[int]) -> None:
    """16 in lane 1's nibble would set lane 2 to 1 (a real bug: it wrote 10h, not an error)."""
    with pytest.raises(ValueError, match="4-bit lane values must be 0-15"):
        LaneNibbles(4).build(values)
