"""Field building blocks for the page Structs: typed codes, units, ASCII and per-lane arrays.

Every adapter is symmetric and lossless on its raw bytes: ``build(parse(b)) == b`` for any ``b``.
Units are exact functions of the raw integer (display rounding happens at the edge, never here),
and each unit adapter carries a ``unit`` attribute the specs cross-check compares.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from construct import Adapter, Array, BitsInteger, Bytes, Construct, Int8ub, Int16sb, Int16ub

from cmis.codec.codes import to_enum


class EnumAdapter(Adapter):  # type: ignore[misc]
    """An integer field decoded to an IntEnum member; codes the enum lacks stay plain ints."""

    unit = "code"

    def __init__(self, subcon: Construct, enum: type[IntEnum]) -> None:
        super().__init__(subcon)
        self.enum = enum

    def _decode(self, obj: int, context: Any, path: str) -> IntEnum | int:
        return to_enum(self.enum, obj)

    def _encode(self, obj: int, context: Any, path: str) -> int:
        return int(obj)


def Enum8(enum: type[IntEnum]) -> EnumAdapter:  # noqa: N802 - reads like a construct type
    """A whole byte holding a code from ``enum``."""
    return EnumAdapter(Int8ub, enum)


def EnumBits(width: int, enum: type[IntEnum]) -> EnumAdapter:  # noqa: N802
    """A bit field (inside a BitStruct) holding a code from ``enum``."""
    return EnumAdapter(BitsInteger(width), enum)


class Ascii(Adapter):  # type: ignore[misc]
    """Fixed-width ASCII text kept with its padding; decoded as latin-1 so any byte round-trips."""

    def __init__(self, length: int) -> None:
        super().__init__(Bytes(length))
        self.length = length

    def _decode(self, obj: bytes, context: Any, path: str) -> str:
        return obj.decode("latin-1")

    def _encode(self, obj: str, context: Any, path: str) -> bytes:
        return obj.ljust(self.length).encode("latin-1")


class ScaledAdapter(Adapter):  # type: ignore[misc]
    """raw * step -> value in ``unit``; encoding rounds back to the nearest raw step."""

    unit = ""
    step = 1.0

    def _scale(self, context: Any) -> float:
        return self.step

    def _decode(self, obj: int, context: Any, path: str) -> float:
        return obj * self._scale(context)

    def _encode(self, obj: float, context: Any, path: str) -> int:
        return round(obj / self._scale(context))


class Celsius(ScaledAdapter):
    """Temperature, S16 in 1/256 degC."""

    unit = "degC"
    step = 1 / 256


class Volts(ScaledAdapter):
    """Supply voltage, U16 in 100 uV."""

    unit = "V"
    step = 1e-4


class MilliWatts(ScaledAdapter):
    """Optical power, U16 in 0.1 uW, decoded to mW (see ``mw_to_dbm`` for dBm)."""

    unit = "mW"
    step = 1e-4


class MilliAmps(ScaledAdapter):
    """Laser bias, U16 in 2 uA times the multiplier advertised in page 01h byte 160 bits 4-3.

    The multiplier is another page's field, so it is passed as a parse/build parameter:
    ``Page11h.parse(data, bias_multiplier=2)``; it defaults to 1.
    """

    unit = "mA"
    step = 0.002

    def _scale(self, context: Any) -> float:
        return self.step * _param(context, "bias_multiplier", 1)


def _param(context: Any, key: str, default: Any) -> Any:
    params = getattr(context, "_params", None) or {}
    return params.get(key, default)


def TempC() -> Celsius:  # noqa: N802
    return Celsius(Int16sb)


def VoltsU16() -> Volts:  # noqa: N802
    return Volts(Int16ub)


def PowerMw() -> MilliWatts:  # noqa: N802
    return MilliWatts(Int16ub)


def BiasMa() -> MilliAmps:  # noqa: N802
    return MilliAmps(Int16ub)


class LaneArray(Adapter):  # type: ignore[misc]
    """``bits``-wide values packed per lane, lane 1 in the lowest bits of the first byte.

    CMIS.md conventions: lane 1 = low nibble of the first byte, lane 2 = its high nibble; for
    2-bit arrays lane 1 = bits 1-0. Reading the high nibble first would swap every lane pair.
    """

    def __init__(self, nbytes: int, bits: int, enum: type[IntEnum] | None = None) -> None:
        super().__init__(Bytes(nbytes))
        self.bits = bits
        self.enum = enum
        self.per_byte = 8 // bits
        self.unit = "code" if enum else ""

    def _decode(self, obj: bytes, context: Any, path: str) -> list[Any]:
        values = unpack_lanes(obj, self.bits)
        return [to_enum(self.enum, v) for v in values] if self.enum else values

    def _encode(self, obj: list[Any], context: Any, path: str) -> bytes:
        return pack_lanes([int(v) for v in obj], self.bits)


def unpack_lanes(data: bytes, bits: int) -> list[int]:
    """Per-lane values of ``bits`` width, lane 1 in the lowest bits of the first byte."""
    mask = (1 << bits) - 1
    return [(b >> (bits * i)) & mask for b in data for i in range(8 // bits)]


def pack_lanes(values: list[int], bits: int) -> bytes:
    """The inverse of ``unpack_lanes``; a value wider than ``bits`` is a ValueError."""
    top, per_byte = (1 << bits) - 1, 8 // bits
    wide = [v for v in values if not 0 <= v <= top]
    if wide:  # a wider value would spill into the next lane's bits
        raise ValueError(f"{bits}-bit lane values must be 0-{top}, got {wide[0]}")
    return bytes(
        sum(v << (bits * i) for i, v in enumerate(values[start : start + per_byte]))
        for start in range(0, len(values), per_byte)
    )


def nibble_table(enum: type[IntEnum]) -> tuple[tuple[Any, Any], ...]:
    """Byte -> (lane n, lane n+1) codes of a nibble array: decoding a poll is one lookup a byte."""
    pairs = (unpack_lanes(bytes((b,)), 4) for b in range(256))
    return tuple((to_enum(enum, low), to_enum(enum, high)) for low, high in pairs)


def LaneNibbles(nbytes: int, enum: type[IntEnum] | None = None) -> LaneArray:  # noqa: N802
    return LaneArray(nbytes, 4, enum)


def LaneCrumbs(nbytes: int) -> LaneArray:  # noqa: N802
    return LaneArray(nbytes, 2)


def Reserved(nbytes: int) -> Bytes:  # noqa: N802
    """Reserved or custom bytes: kept as raw bytes so encoding stays lossless."""
    return Bytes(nbytes)


def ReservedBits(width: int) -> BitsInteger:  # noqa: N802
    return BitsInteger(width)


def Records(subcon: Construct, count: int, first: int = 1) -> Array:  # noqa: N802
    """An array whose elements the spec numbers from ``first`` (AppSel 9-15 live in page 01h).

    The numbering only affects names printed by ``cmis.codec.layout``; values are a plain list.
    """
    array = Array(count, subcon)
    array.first_index = first
    return array
