"""Page 13h (banked), bytes 128-255: diagnostics capabilities and controls (CMIS-DIAG-VDM.md 2).

Lane bytes are bitmaps (bit 0 = lane 1 of the bank); pattern selects are per-lane nibbles with
lane 1 low; the pattern capability words 132-139 are little-endian (bit n = PatternId n).
"""

from __future__ import annotations

from construct import BitStruct, Flag, Int8ub, Int16ul, Struct

from cmis.codec.diag import MeasurementTime, PatternId
from cmis.codec.fields import EnumBits, LaneNibbles, Reserved, ReservedBits

UNITS = ("HostGenerator", "MediaGenerator", "HostChecker", "MediaChecker")  # control order
_BY_BIT = ("MediaChecker", "MediaGenerator", "HostChecker", "HostGenerator")  # 141/142 bit 7 down


def _flags(*names: str) -> BitStruct:
    """One byte of eight flags, named from bit 7 down."""
    return BitStruct(*(name / Flag for name in names))


def _unit_controls(unit: str) -> list:
    where = "PreFEC" if "Generator" in unit else "PostFEC"
    return [
        f"{unit}Enable" / Int8ub,
        f"{unit}Invert" / Int8ub,
        f"{unit}Swap" / Int8ub * "PAM4 MSB/LSB swap",
        f"{unit}{where}" / Int8ub,
        f"{unit}Pattern" / LaneNibbles(4, PatternId),
    ]


Page13h = Struct(
    "LoopbackCapabilities" / _flags(
        "reserved_128_b7", "SimultaneousHostAndMediaSideLoopbacks", "PerLaneMediaSideLoopbacks",
        "PerLaneHostSideLoopbacks", "HostSideInputLoopbackSupported",
        "HostSideOutputLoopbackSupported", "MediaSideInputLoopbackSupported",
        "MediaSideOutputLoopbackSupported",
    ),
    "GatingCapabilities" / BitStruct(
        "GatingSupport" / ReservedBits(2) * "0 none, 1 <= 2 ms, 2 <= 20 ms, 3 > 20 ms",
        "GatingResultsSupported" / Flag,
        "PeriodicUpdatesSupported" / Flag,
        "PerLaneGatingTimersSupported" / Flag,
        "AutoRestartGatingSupported" / Flag,
        "reserved_129_b1_0" / ReservedBits(2),
    ),
    "ResultCapabilities" / BitStruct(
        "MediaSideFECSupported" / Flag,
        "HostSideFECSupported" / Flag,
        "MediaSideSNRSupported" / Flag,
        "HostSideSNRSupported" / Flag,
        "reserved_130_b3_2" / ReservedBits(2),
        "BitsAndErrorsCountingSupported" / Flag,
        "BitErrorRatioResultsSupported" / Flag,
    ),
    "FECLocationCapabilities" / _flags(*(
        f"{unit}{where}FECSupported"
        for unit in ("MediaGenerator", "MediaChecker", "HostGenerator", "HostChecker")
        for where in ("Pre", "Post")
    )),
    *(f"{unit}PatternsSupported" / Int16ul for unit in UNITS),
    "PatternCapabilities" / BitStruct(
        "RecoveredClockForGenerator" / ReservedBits(2),
        "ReferenceClockForPatternsSupported" / Flag,
        "reserved_140_b4" / ReservedBits(1),
        "UserPatternLengthSupported" / ReservedBits(4) * "max user pattern 2(n+1) bytes",
    ),
    "SwapInvertCapabilities" / _flags(*(
        f"{unit}{what}Supported" for unit in _BY_BIT for what in ("Swap", "Invert")
    )),
    "PerLaneCapabilities" / _flags(*(
        f"{unit}PerLane{what}" for unit in _BY_BIT for what in ("Enable", "Pattern")
    )),
    "reserved_143" / Reserved(1),
    *(field for unit in UNITS for field in _unit_controls(unit)),
    "GeneratorClock" / BitStruct(
        "HostGeneratorClockSource" / ReservedBits(4), "MediaGeneratorClockSource" / ReservedBits(4)
    ),
    "MeasurementControl" / BitStruct(
        "StartStopIsGlobal" / Flag,
        "reserved_177_b6" / ReservedBits(1),
        "ResetErrorInformation" / Flag * "0->1 freezes the counts, 1->0 zeroes and restarts",
        "AutoRestartGating" / Flag,
        "MeasurementTime" / EnumBits(3, MeasurementTime),
        "UpdatePeriodSelect" / Flag * "0 = 1 s, 1 = 5 s",
    ),
    "CheckerClock" / BitStruct(
        "reserved_178_b7_4" / ReservedBits(4),
        "HostCheckerClockSource" / ReservedBits(2),
        "MediaCheckerClockSource" / ReservedBits(2),
    ),
    "reserved_179" / Reserved(1),
    "MediaSideOutputLoopbackEnable" / Int8ub,
    "MediaSideInputLoopbackEnable" / Int8ub,
    "HostSideOutputLoopbackEnable" / Int8ub,
    "HostSideInputLoopbackEnable" / Int8ub,
    "HostScratchPad" / Reserved(8) * "host-owned; zeroed by a module firmware restart",
    "reserved_192" / Reserved(4),
    "custom_196" / Reserved(10),
    "ClockMasks" / BitStruct("RefClockLossMask" / Flag, "reserved_206_b6_0" / ReservedBits(7)),
    "reserved_207" / Reserved(1),
    *(f"{side}{what}Mask" / Int8ub
      for what in ("GatingComplete", "GeneratorLOL", "CheckerLOL") for side in ("Host", "Media")),
    "reserved_214" / Reserved(10),
    "UserPattern" / Reserved(32),
)  # fmt: skip
