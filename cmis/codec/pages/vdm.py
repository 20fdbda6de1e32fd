"""VDM pages 20h-2Dh and 2Fh, banked (CMIS-DIAG-VDM.md section 1): one Struct per page kind.

Group g (1-4) has descriptor page 20h+g-1, values 24h+g-1 and thresholds 28h+g-1; flags (2Ch)
and masks (2Dh) hold a nibble per instance for all 256 instances of the bank. Values and
thresholds stay raw words: their encoding comes from the descriptor (cmis.codec.vdm).
"""

from __future__ import annotations

from construct import BitStruct, Flag, Int16ub, Struct

from cmis.codec.fields import EnumBits, Records, Reserved, ReservedBits
from cmis.codec.vdm import VdmType

LEVELS = ("HighAlarm", "LowAlarm", "HighWarning", "LowWarning")

Descriptor = BitStruct(
    "ThresholdSetIndex" / ReservedBits(4) * "threshold set 0-15 of the same group",
    "MonitoredObjectLocation" / ReservedBits(4) * "lane index 0-7, 15 = module",
    "ObservableType" / EnumBits(8, VdmType),
)
VdmDescriptorPage = Struct("Descriptor" / Records(Descriptor, 64))
VdmValuePage = Struct("Value" / Records(Int16ub, 64) * "raw words; type from the descriptor")
VdmThresholdPage = Struct(
    "ThresholdSet" / Records(Struct(*(level / Int16ub for level in LEVELS)), 16)
)

# one byte per instance pair: high nibble = even instance, low nibble = odd; bit 0 = high alarm
_PAIR = BitStruct(
    *(f"{level}{which}" / Flag for which in ("Even", "Odd") for level in reversed(LEVELS))
)
VdmFlagPage = Struct("InstancePair" / Records(_PAIR, 128))

Page2Fh = Struct(
    "Advertisement"
    / BitStruct(
        "reserved_128_b7_4" / ReservedBits(4),
        "DutyCycleSupport" / Flag,
        "PowerSavingSupport" / Flag,
        "VDMSupport" / ReservedBits(2) * "groups supported minus one",
    ),
    "FineIntervalLength" / Int16ub * "0.1 ms units",
    "reserved_131_143" / Reserved(13),
    "Control"
    / BitStruct(
        "FreezeRequest" / Flag,
        "PowerSavingMode" / Flag,
        "MonitoringDutyCycle" / ReservedBits(4),
        "reserved_144_b1_0" / ReservedBits(2),
    ),
    "Status"
    / BitStruct("FreezeDone" / Flag, "UnfreezeDone" / Flag, "reserved_145_b5_0" / ReservedBits(6)),
    "reserved_146_255" / Reserved(110),
)

VDM_PAGES = {
    **{0x20 + g: VdmDescriptorPage for g in range(4)},
    **{0x24 + g: VdmValuePage for g in range(4)},
    **{0x28 + g: VdmThresholdPage for g in range(4)},
    0x2C: VdmFlagPage,
    0x2D: VdmFlagPage,
    0x2F: Page2Fh,
}
