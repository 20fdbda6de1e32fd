"""Leaf expressions: the Python expression reading one field's bytes or bits, then its adapter.

Expressions read the page from ``raw`` (bytes) and adapters get ``context``; constants (tables,
steps, adapters) are named in a ``Constants`` the generated code runs with. Conversions are
never retyped: enum codes come from a table filled by the adapter's own ``_decode``, scaled units
multiply by the adapter's own ``_scale``, any other adapter (Ascii, LaneArray, ...) is called as
construct calls it. A shape not known here gives None, and the caller falls back to construct.
"""

from __future__ import annotations

import struct
from typing import Any

from construct import Adapter, BitsInteger, Bytes, Construct, Flag, FormatField

from cmis.codec.fields import EnumAdapter, LaneArray, ScaledAdapter

PATH = "(fast decode)"  # what construct passes as the parsing path; adapters use it in errors
TABLE_BITS = 8  # codes this wide or narrower are decoded once per possible value, up front
FlagType = type(Flag)  # construct's Flag is an instance, not a class
Read = tuple[str, int]  # (expression of the raw int or bytes, its width in bits)


class Context:
    """The part of construct's parse context an adapter reads: the parse parameters."""

    __slots__ = ("_params",)

    def __init__(self, params: dict[str, Any]) -> None:
        self._params = params


class Constants:
    """Values the generated code refers to by name (k0, k1, ...)."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def name(self, value: Any) -> str:
        key = f"k{len(self.values)}"
        self.values[key] = value
        return key


def primitive(con: Construct) -> Construct:
    """What an Adapter reads its raw value with (the construct itself when not adapted)."""
    return con.subcon if isinstance(con, Adapter) else con


def byte_read(con: Construct, offset: int, names: Constants) -> Read | None:
    """A whole-byte primitive at ``offset``: an int (big- or little-endian) or raw bytes."""
    if isinstance(con, FormatField) and con.fmtstr == ">B":
        return f"raw[{offset}]", 8  # indexing beats unpack_from
    if isinstance(con, FormatField):
        unpack = names.name(struct.Struct(con.fmtstr).unpack_from)
        return f"{unpack}(raw, {offset})[0]", 8 * con.length
    if type(con) is Bytes and isinstance(con.length, int):
        return f"raw[{offset}:{offset + con.length}]", 8 * con.length
    return None


def bit_read(con: Construct, offset: int, nbytes: int, shift: int) -> Read | None:
    """A Flag or unsigned BitsInteger ``shift`` bits above the LSB of an ``nbytes`` group."""
    if isinstance(con, FlagType):
        width = 1
    elif type(con) is BitsInteger and not (con.signed or con.swapped):
        width = con.length
    else:
        return None
    end = offset + nbytes
    word = f"raw[{offset}]" if nbytes == 1 else f"int.from_bytes(raw[{offset}:{end}], 'big')"
    if isinstance(con, FlagType):  # construct's Flag yields a bool
        return f"{word} & {1 << shift} != 0", 1
    return f"{word} >> {shift} & {(1 << width) - 1}", width


def adapted(con: Construct, read: Read | None, names: Constants) -> str | None:
    """The expression decoding ``con`` (a primitive, or an Adapter over the one ``read`` reads)."""
    if read is None:
        return None
    expr, width = read
    if not isinstance(con, Adapter):
        return expr
    if isinstance(con, EnumAdapter) and width <= TABLE_BITS:
        table = [con._decode(code, None, PATH) for code in range(1 << width)]
        return f"{names.name(table)}[{expr}]"
    if plain_scaled(con):
        return f"({expr}) * {_step(con, names)}"
    if isinstance(con, LaneArray) and type(con)._decode is LaneArray._decode:
        # Lanes never straddle a byte, so the adapter's own decode of each byte value is a table.
        by_byte = [con._decode(bytes([byte]), None, PATH) for byte in range(256)]
        return f"[lane for byte in {expr} for lane in {names.name(by_byte)}[byte]]"
    # An adapter reading sibling fields from the context would fail loudly here (none does).
    return f"{names.name(con._decode)}({expr}, context, {PATH!r})"


def number_array(element: Construct, offset: int, count: int, names: Constants) -> str | None:
    """An array of numbers in one unpack, each converted by the element's adapter."""
    adapter = element if isinstance(element, Adapter) else None
    number = adapter.subcon if adapter else element
    if not isinstance(number, FormatField):
        return None
    layout = struct.Struct(number.fmtstr[0] + number.fmtstr[1:] * count)
    values = f"{names.name(layout.unpack_from)}(raw, {offset})"
    if adapter is None:
        return f"[*{values}]"
    if plain_scaled(adapter):
        return f"[v * step for step in ({_step(adapter, names)},) for v in {values}]"
    item = adapted(adapter, ("v", 8 * number.length), names)
    return f"[{item} for v in {values}]"


def plain_scaled(con: Adapter) -> bool:
    """A ScaledAdapter whose decode is still ``raw * self._scale(context)``."""
    return isinstance(con, ScaledAdapter) and type(con)._decode is ScaledAdapter._decode


def _step(con: ScaledAdapter, names: Constants) -> str:
    """The adapter's step: a constant, or its ``_scale(context)`` when it reads parameters."""
    if type(con)._scale is ScaledAdapter._scale:
        return names.name(con._scale(None))
    return f"{names.name(con._scale)}(context)"
