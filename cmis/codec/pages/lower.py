"""Lower memory, bytes 0-127 (CMIS 5.x Table 8-x; reference/CMIS.md section 2)."""

from __future__ import annotations

from construct import BitStruct, Flag, Int8ub, Int16sb, Int32ub, Struct

from cmis.codec.codes import CdbStatus, FaultCause, ModuleState
from cmis.codec.fields import Enum8, EnumBits, Records, Reserved, ReservedBits, TempC, VoltsU16
from cmis.codec.pages.common import ApplicationDescriptor
from cmis.codec.sff8024 import Identifier, MediaType


def _monitor_flags(prefix_hi: str, prefix_lo: str, suffix: str = "") -> BitStruct:
    """Two monitors' HA/LA/HW/LW bits in one byte: ``prefix_lo`` in bits 3-0 (HA at bit 0)."""
    return BitStruct(
        *(
            (name + suffix) / Flag
            for prefix in (prefix_hi, prefix_lo)
            for name in (
                f"{prefix}LowWarning",
                f"{prefix}HighWarning",
                f"{prefix}LowAlarm",
                f"{prefix}HighAlarm",
            )
        )
    )


def _module_flag_bits(kind: str) -> BitStruct:
    """Byte 8 (flags, kind='Flag') and its mask byte 31 (kind='Mask'), bit 7 first."""
    return BitStruct(
        f"CdbCmdComplete{kind}2" / Flag,
        f"CdbCmdComplete{kind}1" / Flag,
        "reserved" / ReservedBits(2),
        f"AbnormalFwIndication{kind}" / Flag * "CMIS 5.4",
        f"DataPathFirmwareError{kind}" / Flag,
        f"ModuleFirmwareError{kind}" / Flag,
        f"ModuleStateChanged{kind}" / Flag,
    )


def _flag_summary(bank: int) -> BitStruct:
    """Bytes 4-7, one per bank: on which page a flag of that bank is set (read does not clear)."""
    return BitStruct(
        "reserved" / ReservedBits(4),
        *(f"FlagSummaryBank{bank}Page{page}" / Flag for page in ("2Ch", "14h", "12h", "11h")),
    )


LowerMemory = Struct(
    "SFF8024Identifier" / Enum8(Identifier) * "byte 0, SFF-8024 Table 4-1",
    "CmisRevision" / Int8ub * "byte 1, bits 7-4 major, 3-0 minor",
    "ManagementCharacteristics"
    / BitStruct(
        "MemoryModel" / Flag * "1 = flat memory",
        "SteppedConfigOnly" / Flag,
        "reserved" / ReservedBits(2),
        "MciMaxSpeed" / ReservedBits(2) * "00 400 kHz, 01 1 MHz",
        "AutoCommissioning" / ReservedBits(2) * "CMIS 5.3",
    ),
    "GlobalStatus"
    / BitStruct(
        "reserved" / ReservedBits(4),
        "ModuleState" / EnumBits(3, ModuleState),
        "InterruptDeasserted" / Flag,
    ),
    "FlagSummaryBank0" / _flag_summary(0),
    "FlagSummaryBank1" / _flag_summary(1),
    "FlagSummaryBank2" / _flag_summary(2),
    "FlagSummaryBank3" / _flag_summary(3),
    "ModuleFlags" / _module_flag_bits("Flag") * "byte 8, COR",
    "TempVccFlags" / _monitor_flags("Vcc", "Temp") * "byte 9, COR",
    "Aux1Aux2Flags" / _monitor_flags("Aux2", "Aux1") * "byte 10, COR",
    "Aux3CustomFlags" / _monitor_flags("CustomMon", "Aux3") * "byte 11, COR",
    "reserved_12" / Reserved(1),
    "custom_13" / Reserved(1),
    "TempMonValue" / TempC() * "bytes 14-15, S16 1/256 degC",
    "VccMonVoltage" / VoltsU16() * "bytes 16-17, U16 100 uV",
    "Aux1MonValue" / Int16sb * "meaning per 01h:145.0",
    "Aux2MonValue" / Int16sb * "meaning per 01h:145.1",
    "Aux3MonValue" / Int16sb * "meaning per 01h:145.2",
    "CustomMonValue" / Int16sb,
    "ModuleGlobalControls"
    / BitStruct(
        "BankBroadcastEnable" / Flag,
        "LowPwrAllowRequestHW" / Flag,
        "SquelchMethodSelect" / Flag,
        "LowPwrRequestSW" / Flag,
        "SoftwareReset" / Flag,
        "custom" / ReservedBits(3),
    )
    * "byte 26",
    "MciSpeed"
    / BitStruct(
        "reserved" / ReservedBits(4),
        "MciSpeedConfiguration" / ReservedBits(4) * "CMIS 5.4, SPI-MCI",
    ),
    "reserved_28" / Reserved(1),
    "custom_29" / Reserved(2),
    "ModuleFlagsMask" / _module_flag_bits("Mask") * "byte 31",
    "TempVccMasks" / _monitor_flags("Vcc", "Temp", "Mask") * "byte 32",
    "Aux1Aux2Masks" / _monitor_flags("Aux2", "Aux1", "Mask") * "byte 33",
    "Aux3CustomMasks" / _monitor_flags("CustomMon", "Aux3", "Mask") * "byte 34",
    "reserved_35" / Reserved(1),
    "custom_36" / Reserved(1),
    "CdbStatus1" / Enum8(CdbStatus) * "byte 37",
    "CdbStatus2" / Enum8(CdbStatus) * "byte 38",
    "ModuleActiveFirmwareMajorRevision" / Int8ub,
    "ModuleActiveFirmwareMinorRevision" / Int8ub,
    "ModuleFaultCause" / Enum8(FaultCause) * "byte 41",
    "PasswordStatus"
    / BitStruct(
        "reserved" / ReservedBits(4),
        "PasswordCmdResult" / ReservedBits(4) * "CMIS 5.3",
    ),
    "reserved_43" / Reserved(13),
    "CmisSmSupport" / Int8ub * "byte 56, CMIS 5.3/5.4",
    "ModuleFunctionType" / Int8ub * "byte 57",
    "reserved_58" / Reserved(2),
    "ModuleSubtype"
    / BitStruct(
        "reserved" / ReservedBits(4),
        "SFF8024ModuleSubtype" / ReservedBits(4),
    ),
    "ModuleMechanics"
    / BitStruct(
        "SFF8024HeatsinkType" / ReservedBits(4) * "CMIS 5.4",
        "reserved" / ReservedBits(2),
        "FiberFaceType" / ReservedBits(2),
    ),
    "LowPowerRestrictions"
    / BitStruct(
        "LowPowerRestrictionsValid" / Flag * "CMIS 5.3/5.4",
        "reserved" / ReservedBits(3),
        "CdbQueryUnsupportedInLowPwr" / Flag,
        "CdbFwQueryUnsupportedInLowPwr" / Flag,
        "CdbCommandsUnsupportedInLowPwr" / Flag,
        "CdbFwCommandsUnsupportedInLowPwr" / Flag,
    ),
    "reserved_63" / Reserved(1),
    "custom_64" / Reserved(21),
    "MediaType" / Enum8(MediaType) * "byte 85, selects the media interface table",
    "ApplicationDescriptors" / Records(ApplicationDescriptor, 8) * "bytes 86-117",
    "PasswordChangeEntryArea" / Int32ub * "bytes 118-121, WO",
    "PasswordEntryArea" / Int32ub * "bytes 122-125, WO",
    "BankSelect" / Int8ub,
    "PageSelect" / Int8ub,
)
