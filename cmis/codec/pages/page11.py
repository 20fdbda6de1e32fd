"""Page 11h (banked), bytes 128-255: lane and data-path status (reference/CMIS.md section 7).

Lane bitmaps use bit 0 = lane 1 of the bank; per-lane nibbles put lane 1 in the low nibble.
Tx bias needs the multiplier from page 01h: ``Page11h.parse(data, bias_multiplier=M)``.
"""

from __future__ import annotations

from construct import Int8ub, Struct

from cmis.codec.codes import ConfigStatus, DataPathState
from cmis.codec.fields import BiasMa, LaneNibbles, PowerMw, Reserved
from cmis.codec.pages.common import ActiveControlSet

LANE_FLAG_NAMES = (
    "DPStateChangedFlag",
    "FailureFlagTx",
    "LOSFlagTx",
    "CDRLOLFlagTx",
    "AdaptiveInputEqFailFlagTx",
    "OpticalPowerHighAlarmFlagTx",
    "OpticalPowerLowAlarmFlagTx",
    "OpticalPowerHighWarningFlagTx",
    "OpticalPowerLowWarningFlagTx",
    "LaserBiasHighAlarmFlagTx",
    "LaserBiasLowAlarmFlagTx",
    "LaserBiasHighWarningFlagTx",
    "LaserBiasLowWarningFlagTx",
    "LOSFlagRx",
    "CDRLOLFlagRx",
    "OpticalPowerHighAlarmFlagRx",
    "OpticalPowerLowAlarmFlagRx",
    "OpticalPowerHighWarningFlagRx",
    "OpticalPowerLowWarningFlagRx",
    "OutputStatusChangedFlagRx",
)  # bytes 134-153, all clear-on-read

Page11h = Struct(
    "DPStateHostLane" / LaneNibbles(4, DataPathState) * "bytes 128-131",
    "OutputStatusRx" / Int8ub * "1 = host-side Rx output valid",
    "OutputStatusTx" / Int8ub * "1 = media-side Tx output valid",
    *(name / Int8ub for name in LANE_FLAG_NAMES),
    "OpticalPowerTx" / PowerMw()[8] * "bytes 154-169",
    "LaserBiasTx" / BiasMa()[8] * "bytes 170-185",
    "OpticalPowerRx" / PowerMw()[8] * "bytes 186-201",
    "ConfigStatusLane" / LaneNibbles(4, ConfigStatus) * "bytes 202-205",
    "ACS" / ActiveControlSet * "bytes 206-234, Active Control Set",
    "DPInitPendingLane" / Int8ub * "byte 235",
    "reserved_236" / Reserved(4),
    "MediaLaneMappingTx" / Int8ub[8] * "bits 7-4 wavelength index, 3-0 fibre index",
    "MediaLaneMappingRx" / Int8ub[8],
)
