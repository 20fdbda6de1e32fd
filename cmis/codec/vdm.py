"""VDM observable types (CMIS-DIAG-VDM.md 1.7) and their U16/S16/F16 encodings, both ways.

A VDM value word means nothing without its descriptor's type ID: ``decode_value`` and
``encode_value`` turn a raw big-endian word into the observable's unit and back.
"""

from __future__ import annotations

from enum import IntEnum
from functools import cache
from typing import NamedTuple

F16_MAX_MANTISSA, F16_MAX_EXPONENT, F16_BIAS = 2047, 31, 24


def f16_decode(raw: int) -> float:
    """F16: byte 1 = s[4:0] m[10:8], byte 2 = m[7:0]; value m x 10^(s-24)."""
    return (raw & 0x7FF) * 10.0 ** ((raw >> 11) - F16_BIAS)


def f16_encode(value: float) -> int:
    """The F16 word nearest ``value`` with the most precision (largest mantissa that fits)."""
    if value <= 0:
        return 0
    for s in range(F16_MAX_EXPONENT + 1):
        m = round(value / 10.0 ** (s - F16_BIAS))
        if m <= F16_MAX_MANTISSA:
            return s << 11 | m
    return 0xFFFF  # above 2.047e10: saturate


class Encoding(NamedTuple):
    kind: str  # "U16", "S16" or "F16"
    scale: float
    unit: str


class VdmType(IntEnum):
    """Observable type IDs of CMIS 5.4 Table 8-180 (C-CMIS 128-147 are not named here)."""

    Unused = 0
    LaserAge = 1
    TecCurrent = 2
    LaserFrequencyError = 3
    LaserTemperature = 4
    EsnrMediaInput = 5
    EsnrHostInput = 6
    PamLtpMediaInput = 7
    PamLtpHostInput = 8
    PreFecBerMinMedia = 9
    PreFecBerMinHost = 10
    PreFecBerMaxMedia = 11
    PreFecBerMaxHost = 12
    PreFecBerAvgMedia = 13
    PreFecBerAvgHost = 14
    PreFecBerCurMedia = 15
    PreFecBerCurHost = 16
    FercMinMedia = 17
    FercMinHost = 18
    FercMaxMedia = 19
    FercMaxHost = 20
    FercAvgMedia = 21
    FercAvgHost = 22
    FercCurMedia = 23
    FercCurHost = 24
    FercTotalMedia = 25
    FercTotalHost = 26
    SewMaxMinMedia = 27
    SewMaxMinHost = 28
    SewMaxMaxMedia = 29
    SewMaxMaxHost = 30
    SewMaxAvgMedia = 31
    SewMaxAvgHost = 32
    SewMaxCurMedia = 33
    SewMaxCurHost = 34


DB256 = Encoding("U16", 1 / 256, "dB")
_ENCODINGS: dict[int, Encoding] = {
    1: Encoding("U16", 1, "%"), 2: Encoding("S16", 100 / 32767, "%"),
    3: Encoding("S16", 10, "MHz"), 4: Encoding("S16", 1 / 256, "degC"),
    5: DB256, 6: DB256, 7: DB256, 8: DB256,
    **{i: Encoding("F16", 1, "") for i in range(9, 17)},
    **{i: Encoding("F16", 1, "frames") for i in range(17, 27)},
    **{i: Encoding("U16", 1, "symbols") for i in range(27, 35)},
}  # fmt: skip
RAW = Encoding("U16", 1, "")  # reserved and custom IDs: shown as the raw word
_PCT, _DB10, _DBM = (
    Encoding("U16", 100 / 65535, "%"),
    Encoding("U16", 0.1, "dB"),
    Encoding("S16", 0.01, "dBm"),
)
_BIASES = ("XI", "XQ", "YI", "YQ", "XPhase", "YPhase")
# C-CMIS 1.1 IDs as SONiC decodes them (CMIS-DIAG-VDM.md 1.7; single source)
C_CMIS: dict[int, tuple[str, Encoding]] = {
    **{128 + i: (f"ModulatorBias{n}", _PCT) for i, n in enumerate(_BIASES)},
    134: ("ChromaticDispersionShort", Encoding("S16", 1, "ps/nm")),
    135: ("ChromaticDispersionLong", Encoding("S16", 20, "ps/nm")),
    136: ("Dgd", Encoding("U16", 0.01, "ps")), 137: ("Sopmd", Encoding("U16", 0.01, "ps^2")),
    138: ("Pdl", _DB10), 139: ("Osnr", _DB10), 140: ("EsnrCoherent", _DB10),
    141: ("CarrierFrequencyOffset", Encoding("S16", 1, "MHz")), 142: ("Evm", _PCT),
    143: ("TxPower", _DBM), 144: ("RxTotalPower", _DBM), 145: ("RxSignalPower", _DBM),
    146: ("SopRateOfChange", Encoding("U16", 1, "krad/s")), 147: ("Mer", _DB10),
}  # fmt: skip


# statistics over the host's freeze interval (PM class S in CMIS-DIAG-VDM.md 1.7); the rest are
# basic real-time samples
STATISTIC_IDS = frozenset({*range(9, 15), *range(17, 23), 25, 26, *range(27, 33)})


def encoding(type_id: int) -> Encoding:
    found = C_CMIS.get(type_id)
    return found[1] if found else _ENCODINGS.get(type_id, RAW)


@cache
def type_name(type_id: int) -> str:
    """``VdmType`` name, C-CMIS name, else ``Type<N>`` (custom and reserved IDs)."""
    if type_id in C_CMIS:
        return C_CMIS[type_id][0]
    return VdmType(type_id).name if type_id in VdmType._value2member_map_ else f"Type{type_id}"


def decode_value(type_id: int, raw: int) -> float:
    """The observable's value in its unit from the 16-bit word (VDM words are big-endian)."""
    enc = encoding(type_id)
    if enc.kind == "F16":
        return f16_decode(raw)
    signed = raw - 0x10000 if enc.kind == "S16" and raw & 0x8000 else raw
    return signed * enc.scale


def encode_value(type_id: int, value: float) -> int:
    """The 16-bit word for ``value`` (saturated to the encoding's range)."""
    enc = encoding(type_id)
    if enc.kind == "F16":
        return f16_encode(value)
    low, high = (-0x8000, 0x7FFF) if enc.kind == "S16" else (0, 0xFFFF)
    return min(max(round(value / enc.scale), low), high) & 0xFFFF
