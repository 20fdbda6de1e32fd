"""Page 10h (banked), bytes 128-255: lane and data-path controls (reference/CMIS.md section 6).

Every ``...Lane``/``...Tx``/``...Rx`` byte is a lane bitmap: bit 0 = lane 1 of the bank.
"""

from __future__ import annotations

from construct import Int8ub, Struct

from cmis.codec.fields import LaneCrumbs, Reserved
from cmis.codec.pages.common import StagedControlSet

_MASK_NAMES = (
    "DPStateChangedMask",
    "FailureMaskTx",
    "LOSMaskTx",
    "CDRLOLMaskTx",
    "AdaptiveInputEqFailMaskTx",
    "OpticalPowerHighAlarmMaskTx",
    "OpticalPowerLowAlarmMaskTx",
    "OpticalPowerHighWarningMaskTx",
    "OpticalPowerLowWarningMaskTx",
    "LaserBiasHighAlarmMaskTx",
    "LaserBiasLowAlarmMaskTx",
    "LaserBiasHighWarningMaskTx",
    "LaserBiasLowWarningMaskTx",
    "LOSMaskRx",
    "CDRLOLMaskRx",
    "OpticalPowerHighAlarmMaskRx",
    "OpticalPowerLowAlarmMaskRx",
    "OpticalPowerHighWarningMaskRx",
    "OpticalPowerLowWarningMaskRx",
    "OutputStatusChangedMaskRx",
)  # bytes 213-232, in the order of the page 11h flags they mask

Page10h = Struct(
    "DPDeinitLane" / Int8ub * "byte 128: 1 = hold the lane's data path deinitialised",
    "InputPolarityFlipTx" / Int8ub,
    "OutputDisableTx" / Int8ub * "byte 130: 1 = media Tx output disabled",
    "AutoSquelchDisableTx" / Int8ub,
    "OutputSquelchForceTx" / Int8ub,
    "reserved_133" / Reserved(1),
    "AdaptiveInputEqFreezeTx" / Int8ub,
    "AdaptiveInputEqStoreTx" / LaneCrumbs(2) * "WO",
    "OutputPolarityFlipRx" / Int8ub,
    "OutputDisableRx" / Int8ub,
    "AutoSquelchDisableRx" / Int8ub,
    "reserved_140" / Reserved(3),
    "SCS0" / StagedControlSet * "bytes 143-177, Staged Control Set 0",
    "SCS1" / StagedControlSet * "bytes 178-212, Staged Control Set 1 (if 01h:162.5)",
    *(name / Int8ub for name in _MASK_NAMES),
    "reserved_233" / Reserved(7),
    "custom_240" / Reserved(16),
)
