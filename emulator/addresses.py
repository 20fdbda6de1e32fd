"""Byte addresses the emulator acts on, derived once from the codec Structs (cmis.codec.layout)."""

from __future__ import annotations

from cmis.codec.layout import FieldSpan, walk
from cmis.codec.pages.lower import LowerMemory
from cmis.codec.pages.page02 import LEVELS
from cmis.codec.pages.page10 import Page10h
from cmis.codec.pages.page11 import LANE_FLAG_NAMES, Page11h

LOWER_SPANS = {s.path: s for s in walk(LowerMemory, 0)}
P10_SPANS = {s.path: s for s in walk(Page10h, 128)}
P11_SPANS = {s.path: s for s in walk(Page11h, 128)}


def byte(spans: dict[str, FieldSpan], path: str) -> int:
    """First byte (CMIS numbering) of the field at ``path``."""
    return spans[path].first


def bit(spans: dict[str, FieldSpan], path: str) -> int:
    """Mask of a one-bit field (``1 << bit``)."""
    span = spans[path]
    assert span.bit_lo is not None, f"{path} is not a bit field"
    return 1 << span.bit_lo


def _bits(spans: dict[str, FieldSpan], path: str) -> tuple[int, int]:
    """(shift, mask) of a multi-bit field inside its byte."""
    span = spans[path]
    assert span.bit_hi is not None and span.bit_lo is not None
    return span.bit_lo, ((1 << (span.bit_hi - span.bit_lo + 1)) - 1) << span.bit_lo


# lower memory
STATE_BYTE = byte(LOWER_SPANS, "GlobalStatus.ModuleState")
STATE_SHIFT, STATE_MASK = _bits(LOWER_SPANS, "GlobalStatus.ModuleState")
INT_DEASSERTED = bit(LOWER_SPANS, "GlobalStatus.InterruptDeasserted")
FLAG_SUMMARY = byte(LOWER_SPANS, "FlagSummaryBank0.FlagSummaryBank0Page11h")
SUMMARY_11H = bit(LOWER_SPANS, "FlagSummaryBank0.FlagSummaryBank0Page11h")
SUMMARY_2CH = bit(LOWER_SPANS, "FlagSummaryBank0.FlagSummaryBank0Page2Ch")
MODULE_FLAGS = byte(LOWER_SPANS, "ModuleFlags.ModuleStateChangedFlag")
STATE_CHANGED = bit(LOWER_SPANS, "ModuleFlags.ModuleStateChangedFlag")
MODULE_MASKS = byte(LOWER_SPANS, "ModuleFlagsMask.ModuleStateChangedMask")
MODULE_FLAG_COUNT = byte(LOWER_SPANS, "Aux3CustomFlags.Aux3HighAlarm") - MODULE_FLAGS + 1
CONTROLS = byte(LOWER_SPANS, "ModuleGlobalControls.LowPwrRequestSW")
LOW_PWR_SW = bit(LOWER_SPANS, "ModuleGlobalControls.LowPwrRequestSW")
LOW_PWR_ALLOW_HW = bit(LOWER_SPANS, "ModuleGlobalControls.LowPwrAllowRequestHW")
SOFTWARE_RESET = bit(LOWER_SPANS, "ModuleGlobalControls.SoftwareReset")
PASSWORD_CHANGE = byte(LOWER_SPANS, "PasswordChangeEntryArea")
PASSWORD_ENTRY = byte(LOWER_SPANS, "PasswordEntryArea")
BANK_SELECT = byte(LOWER_SPANS, "BankSelect")
PAGE_SELECT = byte(LOWER_SPANS, "PageSelect")

# page 10h (controls)
DP_DEINIT = byte(P10_SPANS, "DPDeinitLane")
OUTPUT_DISABLE_TX = byte(P10_SPANS, "OutputDisableTx")
SQUELCH_FORCE_TX = byte(P10_SPANS, "OutputSquelchForceTx")
OUTPUT_DISABLE_RX = byte(P10_SPANS, "OutputDisableRx")
FIRST_LANE_MASK = byte(P10_SPANS, "DPStateChangedMask")
SCS_APPLY_DPINIT = (
    byte(P10_SPANS, "SCS0.ApplyDPInitLane"),
    byte(P10_SPANS, "SCS1.ApplyDPInitLane"),
)
SCS_APPLY_IMMEDIATE = (
    byte(P10_SPANS, "SCS0.ApplyImmediateLane"),
    byte(P10_SPANS, "SCS1.ApplyImmediateLane"),
)
SCS_DPCONFIG = (
    byte(P10_SPANS, "SCS0.DPConfigLane[1].AppSelCode"),
    byte(P10_SPANS, "SCS1.DPConfigLane[1].AppSelCode"),
)
SCS_SI_NAMES = (
    "AdaptiveInputEqEnableTx", "AdaptiveInputEqRecallTx", "FixedInputEqTargetTx", "CDREnableTx",
    "CDREnableRx", "OutputEqPreCursorTargetRx", "OutputEqPostCursorTargetRx",
    "OutputAmplitudeTargetRx",
)  # fmt: skip
ACS_SI_NAMES = tuple(n.replace("RecallTx", "RecalledTx") for n in SCS_SI_NAMES)
# (first byte, byte count) of each SI field, staged sets then the active one, in the same order
SCS_SI = tuple(
    tuple((P10_SPANS[f"SCS{k}.{n}"].first, P10_SPANS[f"SCS{k}.{n}"].last) for n in SCS_SI_NAMES)
    for k in (0, 1)
)
ACS_SI = tuple((P11_SPANS[f"ACS.{n}"].first, P11_SPANS[f"ACS.{n}"].last) for n in ACS_SI_NAMES)

# page 11h (status)
DP_STATE = byte(P11_SPANS, "DPStateHostLane")
OUTPUT_STATUS_RX = byte(P11_SPANS, "OutputStatusRx")
OUTPUT_STATUS_TX = byte(P11_SPANS, "OutputStatusTx")
FIRST_LANE_FLAG = byte(P11_SPANS, LANE_FLAG_NAMES[0])
LANE_FLAG_COUNT = len(LANE_FLAG_NAMES)
DP_STATE_CHANGED = byte(P11_SPANS, "DPStateChangedFlag")
RX_STATUS_CHANGED = byte(P11_SPANS, "OutputStatusChangedFlagRx")
CONFIG_STATUS = byte(P11_SPANS, "ConfigStatusLane")
ACS_DPCONFIG = byte(P11_SPANS, "ACS.DPConfigLane[1].AppSelCode")
DP_INIT_PENDING = byte(P11_SPANS, "DPInitPendingLane")
TX_POWER = byte(P11_SPANS, "OpticalPowerTx")  # U16 per lane
TX_BIAS = byte(P11_SPANS, "LaserBiasTx")  # U16 per lane

# DOM: monitors and the flags thresholds drive (lower memory, page 11h)
TEMP_MON = byte(LOWER_SPANS, "TempMonValue")  # S16
VCC_MON = byte(LOWER_SPANS, "VccMonVoltage")  # U16
AUX_MON = {n: byte(LOWER_SPANS, f"Aux{n}MonValue") for n in (1, 2, 3)}  # S16
FAULT_CAUSE = byte(LOWER_SPANS, "ModuleFaultCause")
RX_POWER = byte(P11_SPANS, "OpticalPowerRx")  # U16 per lane
# a host read that overlaps these ranges observes the DOM (brings monitors and flags up to date)
DOM_LOWER = (byte(LOWER_SPANS, "TempVccFlags.TempHighAlarm"), LOWER_SPANS["CustomMonValue"].last)
DOM_LANES = (byte(P11_SPANS, "FailureFlagTx"), P11_SPANS["OpticalPowerRx"].last)


def _monitor_flag(prefix: str) -> tuple[int, tuple[int, ...]]:
    """(byte, bit masks in page 02h level order) of one monitor's flags in lower bytes 9-11."""
    spans = [LOWER_SPANS[p] for p in LOWER_SPANS if p.endswith(f"Flags.{prefix}HighAlarm")]
    group = spans[0].path.rsplit(".", 1)[0]
    return spans[0].first, tuple(bit(LOWER_SPANS, f"{group}.{prefix}{lv}") for lv in LEVELS)


MONITOR_FLAGS = {p: _monitor_flag(p) for p in ("Temp", "Vcc", "Aux1", "Aux2", "Aux3", "CustomMon")}
MONITOR_FLAG_FIRST = min(first for first, _ in MONITOR_FLAGS.values())  # byte 9
# page 11h flag bytes, one per level in page 02h order, for each lane monitor's threshold group
LANE_LEVEL_FLAGS = {
    group: tuple(byte(P11_SPANS, name.format(lv)) for lv in LEVELS)
    for group, name in (("OpticalPowerTx", "OpticalPower{}FlagTx"),
                        ("LaserBiasTx", "LaserBias{}FlagTx"),
                        ("OpticalPowerRx", "OpticalPower{}FlagRx"))
}  # fmt: skip
LANE_FAULT_FLAGS = {
    "tx_fault": byte(P11_SPANS, "FailureFlagTx"), "tx_los": byte(P11_SPANS, "LOSFlagTx"),
    "tx_cdr_lol": byte(P11_SPANS, "CDRLOLFlagTx"), "rx_los": byte(P11_SPANS, "LOSFlagRx"),
    "rx_cdr_lol": byte(P11_SPANS, "CDRLOLFlagRx"),
}  # fmt: skip
DOM_LANES_FLAG_COUNT = byte(P11_SPANS, "OpticalPowerLowWarningFlagRx") - DOM_LANES[0] + 1
