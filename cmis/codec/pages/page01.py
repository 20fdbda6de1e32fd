"""Page 01h, bytes 128-255: advertising (reference/CMIS.md section 4)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from construct import BitsInteger, BitStruct, Flag, Int8sb, Int8ub, Int16ub, Struct

from cmis.codec.codes import MaxDuration
from cmis.codec.fields import EnumBits, Records, Reserved, ReservedBits, ScaledAdapter
from cmis.codec.pages.common import ApplicationDescriptor

CHECKSUM_FIRST, CHECKSUM_LAST = 130, 254  # 128-129 (inactive firmware) are excluded


class Nanometers(ScaledAdapter):
    """Nominal wavelength, U16 in 0.05 nm."""

    unit = "nm"
    step = 0.05


class ToleranceNm(ScaledAdapter):
    """Wavelength tolerance, U16 in 0.005 nm."""

    unit = "nm"
    step = 0.005


def _durations(high: str, low: str) -> BitStruct:
    """A byte of two 4-bit MaxDuration codes (table 4.2): ``high`` in bits 7-4."""
    return BitStruct(high / EnumBits(4, MaxDuration), low / EnumBits(4, MaxDuration))


Page01h = Struct(
    "ModuleInactiveFirmwareMajorRevision" / Int8ub * "byte 128",
    "ModuleInactiveFirmwareMinorRevision" / Int8ub * "byte 129",
    "ModuleHardwareMajorRevision" / Int8ub,
    "ModuleHardwareMinorRevision" / Int8ub,
    "LengthSMF"
    / BitStruct(
        "LengthMultiplierSMF" / BitsInteger(2) * "00 x0.1 km, 01 x1, 10 x10, 11 see byte 137",
        "BaseLengthSMF" / BitsInteger(6) * "km",
    ),
    "LengthOM5" / Int8ub * "units of 2 m",
    "LengthOM4" / Int8ub * "units of 2 m",
    "LengthOM3" / Int8ub * "units of 2 m",
    "LengthOM2" / Int8ub * "units of 1 m",
    "ExtendedLengthSMF"
    / BitStruct(
        "LengthMultiplierSMF2" / BitsInteger(2) * "CMIS 5.3: x50/x100/x200/x500 km",
        "reserved" / ReservedBits(6),
    ),
    "NominalWavelength" / Nanometers(Int16ub) * "bytes 138-139",
    "WavelengthTolerance" / ToleranceNm(Int16ub) * "bytes 140-141",
    "SupportedPages"
    / BitStruct(
        "NetworkPathPagesSupported" / Flag * "pages 16h-17h",
        "VdmPagesSupported" / Flag * "pages 20h-2Fh",
        "DiagnosticPagesSupported" / Flag * "pages 13h-14h",
        "CoherentPagesSupported" / Flag * "CMIS 5.3, pages 30h-4Fh",
        "Page05hSupported" / Flag,
        "Page03hSupported" / Flag,
        "BanksSupported" / BitsInteger(2) * "00 bank 0, 01 banks 0-1, 10 banks 0-3",
    ),
    "ModSelWaitTime"
    / BitStruct(
        "ModSelWaitTimeExponent" / BitsInteger(3),
        "ModSelWaitTimeMantissa" / BitsInteger(5) * "m * 2^e us, m = 0: no data",
    ),
    "DataPathDurations" / _durations("MaxDurationDPDeinit", "MaxDurationDPInit"),
    "ModuleCharacteristics"
    / BitStruct(
        "CooledTx" / Flag,
        "TxInputClockingCapabilities" / BitsInteger(2),
        "EPPSSupported" / Flag,
        "TimingPageSupported" / Flag * "page 15h",
        "Aux3MonType" / Flag * "0 laser temperature, 1 Vcc2 (CMIS.md 2.1)",
        "Aux2MonType" / Flag * "0 laser temperature, 1 TEC current",
        "Aux1MonType" / Flag * "0 custom, 1 TEC current",
    ),
    "ModuleTempMax" / Int8sb * "degC",
    "ModuleTempMin" / Int8sb * "degC",
    "PropagationDelay" / Int16ub * "units of 10 ns",
    "OperatingVoltageMin" / Int8ub * "units of 20 mV",
    "OpticalCharacteristics"
    / BitStruct(
        "DetectorType" / Flag * "0 PIN, 1 APD",
        "RxOutputEqType" / BitsInteger(2),
        "RxPowerMeasurementType" / Flag * "0 OMA, 1 average",
        "RxLOSType" / Flag,
        "RxLOSIsFast" / Flag,
        "TxDisableIsFast" / Flag * "CMIS 5.3",
        "TxDisableIsModuleWide" / Flag * "CMIS 5.3",
    ),
    "CDRPowerSavedPerLane" / Int8ub * "units of 0.01 W",
    "RxAmplitudeAndTxEq"
    / BitStruct(
        "RxOutputAmplitudeSupported" / BitsInteger(4) * "bit 7 = code 3 ... bit 4 = code 0",
        "TxInputEqMax" / BitsInteger(4),
    ),
    "RxOutputEqMax"
    / BitStruct(
        "RxOutputEqPostCursorMax" / BitsInteger(4),
        "RxOutputEqPreCursorMax" / BitsInteger(4),
    ),
    "SupportedTxControls"
    / BitStruct(
        "WavelengthIsControllable" / Flag,
        "TransmitterIsTunable" / Flag,
        "SquelchMethodTx" / BitsInteger(2),
        "ForcedSquelchTxSupported" / Flag,
        "AutoSquelchDisableTxSupported" / Flag,
        "OutputDisableTxSupported" / Flag,
        "InputPolarityFlipTxSupported" / Flag,
    ),
    "SupportedRxControls"
    / BitStruct(
        "BankBroadcastSupported" / Flag,
        "reserved" / ReservedBits(4),
        "AutoSquelchDisableRxSupported" / Flag,
        "OutputDisableRxSupported" / Flag,
        "OutputPolarityFlipRxSupported" / Flag,
    ),
    "SupportedTxFlags"
    / BitStruct(
        "reserved" / ReservedBits(4),
        "AdaptiveInputEqFailFlagTxSupported" / Flag,
        "CDRLOLFlagTxSupported" / Flag,
        "LOSFlagTxSupported" / Flag,
        "FailureFlagTxSupported" / Flag,
    ),
    "SupportedRxFlags"
    / BitStruct(
        "reserved" / ReservedBits(5),
        "CDRLOLFlagRxSupported" / Flag,
        "LOSFlagRxSupported" / Flag,
        "reserved_0" / ReservedBits(1),
    ),
    "SupportedModuleMonitors"
    / BitStruct(
        "reserved" / ReservedBits(2),
        "CustomMonSupported" / Flag,
        "Aux3MonSupported" / Flag,
        "Aux2MonSupported" / Flag,
        "Aux1MonSupported" / Flag,
        "VccMonSupported" / Flag,
        "TempMonSupported" / Flag,
    ),
    "SupportedLaneMonitors"
    / BitStruct(
        "reserved" / ReservedBits(3),
        "TxBiasMultiplier" / BitsInteger(2) * "00 x1, 01 x2, 10 x4",
        "RxOpticalPowerMonSupported" / Flag,
        "TxOpticalPowerMonSupported" / Flag,
        "TxBiasMonSupported" / Flag,
    ),
    "TxSignalIntegrity"
    / BitStruct(
        "reserved" / ReservedBits(1),
        "TxInputEqRecallBuffersSupported" / BitsInteger(2),
        "TxInputEqFreezeSupported" / Flag,
        "TxInputAdaptiveEqSupported" / Flag,
        "TxInputFixedManualEqSupported" / Flag,
        "TxCDRBypassControlSupported" / Flag,
        "TxCDRSupported" / Flag,
    ),
    "RxSignalIntegrity"
    / BitStruct(
        "VersatileControlSetSupported" / Flag * "CMIS 5.3",
        "UnidirReconfigSupported" / Flag,
        "StagedControlSet1Supported" / Flag,
        "RxOutputEqControlSupported" / BitsInteger(2) * "01 pre, 10 post, 11 both",
        "RxOutputAmplitudeControlSupported" / Flag,
        "RxCDRBypassControlSupported" / Flag,
        "RxCDRSupported" / Flag,
    ),
    "CdbSupport"
    / BitStruct(
        "CdbInstancesSupported" / BitsInteger(2) * "00 none, 01 one, 10 two",
        "CdbBackgroundModeSupported" / Flag,
        "CdbAutoPagingSupported" / Flag,
        "CdbMaxPagesEPL" / BitsInteger(4),
    ),
    "CdbReadWriteLengthExtension" / Int8ub * "byte 164: access length 8*(1+i) bytes",
    "CdbTrigger"
    / BitStruct(
        "CdbCommandTriggerMethod" / Flag,
        "reserved" / ReservedBits(2),
        "CdbExtMaxBusyTime" / BitsInteger(5) * "max(1,X) x 160 ms when 166.7 = 1",
    ),
    "CdbBusy"
    / BitStruct(
        "CdbMaxBusySpecMethod" / Flag,
        "CdbMaxBusyTime" / BitsInteger(7) * "see specs/choices.md",
    ),
    "ModuleDurations" / _durations("MaxDurationModulePwrDn", "MaxDurationModulePwrUp"),
    "TxDurations" / _durations("MaxDurationDPTxTurnOff", "MaxDurationDPTxTurnOn"),
    "BankPageChange"
    / BitStruct(
        "reserved" / ReservedBits(4),
        "MaxDurationBPC" / BitsInteger(4) * "CMIS 5.3: hold-off <= tBPC / 2^i",
    ),
    "reserved_170" / Reserved(1),
    "DefaultInputPolarityTx" / Int8ub * "CMIS 5.4, lane bitmap",
    "DefaultOutputPolarityRx" / Int8ub * "CMIS 5.4, lane bitmap",
    "MorePagesSupported"
    / BitStruct(
        *(f"Page{page}Supported" / Flag * "CMIS 5.4" for page in ("0Ch", "0Dh", "0Eh", "0Fh")),
        "reserved" / ReservedBits(4),
    ),
    "ExtraPagesAndBanks"
    / BitStruct(
        *(f"Page{page}Supported" / Flag * "CMIS 5.4" for page in ("60h", "61h", "62h")),
        "ExtraLaneBanksSupported" / BitsInteger(5) * "used when BanksSupported = 11b",
    ),
    "NadBanks"
    / BitStruct(
        "reserved" / ReservedBits(4),
        "NADBanksSupported" / BitsInteger(4) * "CMIS 5.3",
    ),
    "MediaLaneAssignmentOptions" / Records(Int8ub, 15, first=1) * "bytes 176-190, AppSel 1-15",
    "custom_191" / Reserved(32),
    "ApplicationDescriptors" / Records(ApplicationDescriptor, 7, first=9) * "bytes 223-250",
    "MiscAdvertisement"
    / BitStruct(
        "ScratchPadSupported" / BitsInteger(2),
        "PasswordEntrySupported" / BitsInteger(2),
        "PasswordEntryResultSupported" / BitsInteger(2),
        "FullPageReadSupported" / BitsInteger(2),
    ),
    "MoreAdvertisement"
    / BitStruct(
        "HostLaneSwitchingSupported" / Flag,
        "LinkTrainingSupported" / Flag,
        "MediaLaneSwitchingSupported" / Flag * "CMIS 5.4 (one source)",
        "reserved" / ReservedBits(5),
    ),
    "reserved_253" / Reserved(2),
    "PageChecksum" / Int8ub * "byte 255: sum of 130-254",
)

BIAS_MULTIPLIERS = {0: 1, 1: 2, 2: 4}  # byte 160 bits 4-3; 11b is reserved
BANK_COUNTS = {0: 1, 1: 2, 2: 4}  # byte 142 bits 1-0; 11b is reserved


def parse_page01(raw: bytes) -> Any:
    """``Page01h.parse(raw)``, remembered by content: page 01h is static, so the many readers of
    one module (banks, durations, supported pages, the report) share one parse. Read-only."""
    return _parse01(bytes(raw))


@lru_cache(maxsize=16)
def _parse01(raw: bytes) -> Any:
    return Page01h.parse(raw)


def bias_multiplier(page01: bytes) -> int:
    """Tx bias multiplier advertised in a raw page 01h (1 for the reserved code)."""
    return multiplier_of(parse_page01(page01))


def lane_banks(page01: bytes) -> int:
    """Banks of eight lanes advertised in a raw page 01h (1 for the reserved code)."""
    return banks_of(parse_page01(page01))


def multiplier_of(p01: Any) -> int:
    """``bias_multiplier`` of an already parsed page 01h (construct's or the fast decoder's)."""
    return BIAS_MULTIPLIERS.get(p01.SupportedLaneMonitors.TxBiasMultiplier, 1)


def banks_of(p01: Any) -> int:
    """``lane_banks`` of an already parsed page 01h."""
    return BANK_COUNTS.get(p01.SupportedPages.BanksSupported, 1)
