"""Tunable-laser pages 04h (capabilities) and 12h (per-lane tuning, banked), display only.

CMIS-DIAG-VDM.md section 3. Channel numbers are S16 per grid; the frequency they mean follows
the grid (see ``channel_thz``). Multi-byte numbers are big-endian like the rest of CMIS.
"""

from __future__ import annotations

from enum import IntEnum

from construct import BitStruct, Flag, Int8ub, Int16sb, Int16ub, Int32ub, Struct

from cmis.codec.fields import EnumBits, Records, Reserved, ReservedBits, ScaledAdapter


class Gigahertz(ScaledAdapter):
    """Frequency or offset in 0.001 GHz (= MHz) steps."""

    unit = "GHz"
    step = 0.001


class Dbm(ScaledAdapter):
    """Optical power in 0.01 dBm steps (signed)."""

    unit = "dBm"
    step = 0.01


class Grid(IntEnum):
    """12h:128-135 bits 7-4: the lane's channel grid."""

    GHz3p125 = 0
    GHz6p25 = 1
    GHz12p5 = 2
    GHz25 = 3
    GHz50 = 4
    GHz100 = 5
    GHz33 = 6
    GHz75 = 7
    GHz150 = 8
    GHz300 = 9
    NotAvailable = 15


_GRIDS = ("3p125", "6p25", "12p5", "25", "50", "100", "33", "75", "150", "300")  # 04h:130 order
_STEP_GHZ = {0: 3.125, 1: 6.25, 2: 12.5, 3: 25.0, 4: 50.0, 5: 100.0, 6: 100 / 3}


def channel_thz(grid: int, n: int) -> float | None:
    """The frequency of channel ``n`` on ``grid`` in THz (None for codes without a formula)."""
    if grid in _STEP_GHZ:
        return 193.1 + n * _STEP_GHZ[grid] / 1000
    offsets = {7: (0, 25.0), 8: (3, 25.0), 9: (-9, 12.5)}  # 75/150/300 GHz grids
    if grid not in offsets:
        return None
    shift, step = offsets[grid]
    return 193.1 + (n + shift) * step / 1000


Page04h = Struct(
    "Grids" / BitStruct(*(f"Grid{g}GHzSupported" / Flag for g in reversed(_GRIDS[:8]))),
    "MoreGrids"
    / BitStruct(
        "FineTuningSupported" / Flag,
        "Grid150GHzSupported" / Flag,
        "Grid300GHzSupported" / Flag,
        "reserved_129_b4_0" / ReservedBits(5),
    ),
    *(f"{end}Channel{g}GHz" / Int16sb for g in _GRIDS for end in ("Low", "High")),
    "reserved_170" / Reserved(20),
    "FineTuningResolution" / Gigahertz(Int16ub),
    "FineTuningLowOffset" / Gigahertz(Int16sb),
    "FineTuningHighOffset" / Gigahertz(Int16sb),
    "PowerCapabilities"
    / BitStruct(
        "ProgrammableOutputPowerSupported" / Flag,
        "RelativeThresholdsSupported" / Flag,
        "reserved_196_b5_0" / ReservedBits(6),
    ),
    "reserved_197" / Reserved(1),
    "MinOutputPower" / Dbm(Int16sb),
    "MaxOutputPower" / Dbm(Int16sb),
    "reserved_202" / Reserved(53),
    "Checksum" / Int8ub * "sum of bytes 128-254, modulo 256",
)

_FLAGS = ("TargetOutputPowerOutOfRange", "FineTuningOutOfRange", "TuningNotAccepted",
          "InvalidChannelNumber", "WavelengthUnlocked", "TuningComplete")  # fmt: skip


def _lane_flags(suffix: str) -> BitStruct:
    return BitStruct("reserved" / ReservedBits(2), *(f"{n}{suffix}" / Flag for n in _FLAGS))


Page12h = Struct(
    "TuningControl" / Records(BitStruct(
        "Grid" / EnumBits(4, Grid),
        "reserved" / ReservedBits(2),
        "RelativeThresholdsEnable" / Flag,
        "FineTuningEnable" / Flag,
    ), 8),
    "ChannelNumber" / Int16sb[8],
    "FineTuningOffset" / Gigahertz(Int16sb)[8],
    "CurrentLaserFrequency" / Gigahertz(Int32ub)[8],
    "TargetOutputPower" / Dbm(Int16sb)[8],
    "RelativeHigh" / BitStruct("HighAlarmOffset" / ReservedBits(4),
                               "HighWarningOffset" / ReservedBits(4)),
    "RelativeLow" / BitStruct("LowAlarmOffset" / ReservedBits(4),
                              "LowWarningOffset" / ReservedBits(4)),
    "reserved_218" / Reserved(4),
    "LaneStatus" / Records(BitStruct(
        "reserved" / ReservedBits(6), "TuningInProgress" / Flag, "WavelengthUnlocked" / Flag,
    ), 8),
    "FlagSummary" / Int8ub * "bit n-1: some flag of lane n is set",
    "LaneFlags" / Records(_lane_flags("Flag"), 8),
    "LaneMasks" / Records(_lane_flags("Mask"), 8),
    "reserved_247" / Reserved(9),
)  # fmt: skip
