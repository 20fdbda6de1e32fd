"""Hypothesis strategies that generate field values for any page Struct, from the Struct itself."""

from __future__ import annotations

from typing import Any

from construct import (
    Array,
    BitsInteger,
    Bytes,
    Construct,
    Flag,
    FormatField,
    Renamed,
    Struct,
    Transformed,
)
from hypothesis import strategies as st

from cmis.codec.codes import to_enum
from cmis.codec.fields import Ascii, EnumAdapter, LaneArray, ScaledAdapter


def values_for(con: Construct, params: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values that ``con`` can build and parse back unchanged (raw integers mapped to units)."""
    while isinstance(con, Renamed):
        con = con.subcon
    if isinstance(con, Struct):
        return st.fixed_dictionaries({s.name: values_for(s, params) for s in con.subcons})
    if isinstance(con, Transformed):  # BitStruct
        return values_for(con.subcon, params)
    if isinstance(con, Array):
        return st.lists(values_for(con.subcon, params), min_size=con.count, max_size=con.count)
    return _leaf(con, params)


def _leaf(con: Construct, params: dict[str, Any]) -> st.SearchStrategy[Any]:
    if isinstance(con, EnumAdapter):
        return _ints(con.subcon).map(lambda v: to_enum(con.enum, v))
    if isinstance(con, ScaledAdapter):
        scale = con.step * (params.get("bias_multiplier", 1) if con.unit == "mA" else 1)
        return _ints(con.subcon).map(lambda raw: raw * scale)
    if isinstance(con, Ascii):
        return st.text(st.characters(max_codepoint=255), min_size=con.length, max_size=con.length)
    if isinstance(con, LaneArray):
        n = con.subcon.sizeof() * con.per_byte
        lane = st.integers(0, (1 << con.bits) - 1)
        if con.enum:
            lane = lane.map(lambda v: to_enum(con.enum, v))
        return st.lists(lane, min_size=n, max_size=n)
    if con is Flag:
        return st.booleans()
    if isinstance(con, (BitsInteger, FormatField)):
        return _ints(con)
    if isinstance(con, Bytes):
        return st.binary(min_size=con.sizeof(), max_size=con.sizeof())
    raise TypeError(f"no strategy for {con!r}")


def _ints(con: Construct) -> st.SearchStrategy[int]:
    if isinstance(con, BitsInteger):
        width, signed = con.length, con.signed
    else:
        width, signed = con.sizeof() * 8, con.fmtstr[-1].islower()
    if signed:
        return st.integers(-(1 << (width - 1)), (1 << (width - 1)) - 1)
    return st.integers(0, (1 << width) - 1)


def plain(value: Any) -> Any:
    """Parsed construct Containers without their private keys, for equality checks."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
