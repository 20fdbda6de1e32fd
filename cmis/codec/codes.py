"""CMIS code tables as IntEnums: module/data-path state, ConfigStatus, fault cause, CDB status.

SFF-8024 tables (identifier, connector, media type, interface IDs) live in ``cmis.codec.sff8024``.
Unknown and vendor codes are never forced into an enum: ``to_enum`` passes them through as ints
and ``describe`` prints them as ``unknown (0xNN)``.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TypeVar

E = TypeVar("E", bound=IntEnum)


class ModuleState(IntEnum):
    """Lower memory byte 3 bits 3-1 (CMIS.md 2.3, 8.2)."""

    ModuleLowPwr = 1
    ModulePwrUp = 2
    ModuleReady = 3
    ModulePwrDn = 4
    ModuleFault = 5


class DataPathState(IntEnum):
    """Page 11h bytes 128-131, one nibble per lane (CMIS.md 7, 8.3)."""

    DPDeactivated = 1
    DPInit = 2
    DPDeinit = 3
    DPActivated = 4
    DPTxTurnOn = 5
    DPTxTurnOff = 6
    DPInitialized = 7


class ConfigStatus(IntEnum):
    """Page 11h bytes 202-205, one nibble per lane (CMIS.md 7.1)."""

    ConfigUndefined = 0x0
    ConfigSuccess = 0x1
    ConfigRejected = 0x2
    ConfigRejectedInvalidAppSel = 0x3
    ConfigRejectedInvalidDataPath = 0x4
    ConfigRejectedInvalidSI = 0x5
    ConfigRejectedLanesInUse = 0x6
    ConfigRejectedPartialDataPath = 0x7
    ConfigInProgress = 0xC


class FaultCause(IntEnum):
    """Lower memory byte 41 (CMIS.md 2.5); 4-6 are from CMIS 5.3+."""

    NoFault = 0
    TecRunaway = 1
    DataMemoryCorrupted = 2
    ProgramMemoryCorrupted = 3
    TransmitterFault = 4
    ReceiverFault = 5
    TemperatureFault = 6


class MediaInterfaceTechnology(IntEnum):
    """Page 00h byte 212 (CMIS.md 3)."""

    VCSEL_850nm = 0x00
    VCSEL_1310nm = 0x01
    VCSEL_1550nm = 0x02
    FP_1310nm = 0x03
    DFB_1310nm = 0x04
    DFB_1550nm = 0x05
    EML_1310nm = 0x06
    EML_1550nm = 0x07
    Others = 0x08
    DFB_1490nm = 0x09
    CopperUnequalized = 0x0A
    CopperPassiveEqualized = 0x0B
    CopperNearFarEndLimitingActive = 0x0C
    CopperFarEndLimitingActive = 0x0D
    CopperNearEndLimitingActive = 0x0E
    CopperLinearActive = 0x0F
    TunableCBand = 0x10
    TunableLBand = 0x11


class CdbStatus(IntEnum):
    """Lower memory bytes 37/38 (CMIS.md 9.3): bit 7 busy, bit 6 failed, bits 5-0 result."""

    Idle = 0x00
    Success = 0x01
    SuccessAborted = 0x03
    BusyCaptured = 0x81
    BusyChecking = 0x82
    BusyExecuting = 0x83
    Failed = 0x40
    FailedUnknownCommand = 0x41
    FailedParameter = 0x42
    FailedNotAborted = 0x43
    FailedCheckTimeout = 0x44
    FailedCheckCode = 0x45
    FailedPassword = 0x46
    FailedNotCompatible = 0x47


class MaxDuration(IntEnum):
    """4-bit state duration code of page 01h bytes 144/167/168 (CMIS.md 4.2)."""

    Under1ms = 0
    Upto5ms = 1
    Upto10ms = 2
    Upto50ms = 3
    Upto100ms = 4
    Upto500ms = 5
    Upto1s = 6
    Upto5s = 7
    Upto10s = 8
    Upto1min = 9
    Upto5min = 10
    Upto10min = 11
    Upto50min = 12
    Over50min = 13

    @property
    def seconds(self) -> float:
        """Upper bound of the band in seconds (the value a host waits at most)."""
        return _DURATION_SECONDS[self.value]

    @property
    def label(self) -> str:
        return _DURATION_LABELS[self.value]


_DURATION_SECONDS = (
    0.001,
    0.005,
    0.01,
    0.05,
    0.1,
    0.5,
    1.0,
    5.0,
    10.0,
    60.0,
    300.0,
    600.0,
    3000.0,
    6000.0,
)
_DURATION_LABELS = (
    "< 1 ms",
    "1-5 ms",
    "5-10 ms",
    "10-50 ms",
    "50-100 ms",
    "100-500 ms",
    "500 ms-1 s",
    "1-5 s",
    "5-10 s",
    "10 s-1 min",
    "1-5 min",
    "5-10 min",
    "10-50 min",
    ">= 50 min",
)


def duration_seconds(code: int) -> float | None:
    """Seconds for a duration code; None for the reserved codes 14-15."""
    return _DURATION_SECONDS[code] if 0 <= code < len(_DURATION_SECONDS) else None


def to_enum(enum: type[E], value: int) -> E | int:
    """The enum member for ``value``, or the plain int when the code is not defined."""
    try:
        return enum(value)
    except ValueError:
        return value


def describe(value: int, width: int = 2) -> str:
    """Readable form of a code: the member name, or ``unknown (0xNN)`` for plain ints."""
    if isinstance(value, IntEnum):
        return value.name
    return f"unknown (0x{value:0{width}X})"
