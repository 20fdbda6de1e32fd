"""Byte addresses the host API touches, derived once from the page Structs (never retyped)."""

from __future__ import annotations

from cmis.codec.layout import FieldSpan, walk
from cmis.codec.pages.lower import LowerMemory
from cmis.codec.pages.page10 import Page10h
from cmis.codec.pages.page11 import LANE_FLAG_NAMES, Page11h

LOWER_SPANS = {s.path: s for s in walk(LowerMemory, 0)}
P10_SPANS = {s.path: s for s in walk(Page10h, 128)}
P11_SPANS = {s.path: s for s in walk(Page11h, 128)}
LANES_PER_BANK = 8


def _first(spans: dict[str, FieldSpan], path: str) -> int:
    return spans[path].first


def bit(path: str) -> int:
    """Mask of a one-bit field of lower memory (``1 << bit``)."""
    low = LOWER_SPANS[path].bit_lo
    assert low is not None, f"{path} is not a bit field"
    return 1 << low


# lower memory
STATE_BYTE = _first(LOWER_SPANS, "GlobalStatus.ModuleState")
FIRST_MODULE_FLAG = _first(LOWER_SPANS, "ModuleFlags.ModuleStateChangedFlag")
LAST_MODULE_FLAG = _first(LOWER_SPANS, "Aux3CustomFlags.Aux3HighAlarm")
CONTROLS = _first(LOWER_SPANS, "ModuleGlobalControls.LowPwrRequestSW")
LOW_PWR_SW = bit("ModuleGlobalControls.LowPwrRequestSW")
LOW_PWR_ALLOW_HW = bit("ModuleGlobalControls.LowPwrAllowRequestHW")
SOFTWARE_RESET = bit("ModuleGlobalControls.SoftwareReset")
CDB_STATUS = _first(LOWER_SPANS, "CdbStatus1")  # CdbStatus2 follows
ACTIVE_FIRMWARE = _first(LOWER_SPANS, "ModuleActiveFirmwareMajorRevision")  # minor follows

# page 10h (controls)
DP_DEINIT = _first(P10_SPANS, "DPDeinitLane")
OUTPUT_DISABLE_TX = _first(P10_SPANS, "OutputDisableTx")
OUTPUT_DISABLE_RX = _first(P10_SPANS, "OutputDisableRx")
APPLY_DPINIT = _first(P10_SPANS, "SCS0.ApplyDPInitLane")
SCS0_DPCONFIG = _first(P10_SPANS, "SCS0.DPConfigLane[1].AppSelCode")

# page 11h (status)
DP_STATE = _first(P11_SPANS, "DPStateHostLane")
FIRST_LANE_FLAG = _first(P11_SPANS, LANE_FLAG_NAMES[0])
RX_LOS_FLAG = _first(P11_SPANS, "LOSFlagRx")
CONFIG_STATUS = _first(P11_SPANS, "ConfigStatusLane")
ACS_DPCONFIG = _first(P11_SPANS, "ACS.DPConfigLane[1].AppSelCode")
DP_INIT_PENDING = _first(P11_SPANS, "DPInitPendingLane")


def lanes_in(mask: int) -> list[int]:
    """Bank-local lanes (1-8) whose bit is set in ``mask``."""
    return [lane + 1 for lane in range(LANES_PER_BANK) if mask >> lane & 1]


def mask_of(lanes: list[int]) -> int:
    """Bitmap of bank-local lanes 1-8."""
    return sum(1 << (lane - 1) for lane in set(lanes))
