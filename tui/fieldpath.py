"""Values at ``cmis.codec.layout`` paths in a parsed page: read one, or set one from text."""

from __future__ import annotations

import math
import re
from enum import IntEnum
from typing import Any

from construct import Array, Construct, Renamed, Struct, Transformed

from cmis.codec.numbers import parse_number
from cmis.errors import cut

_SEGMENT = re.compile(r"^(\w+)(?:\[(\d+)\])?$")


def _unwrap(con: Construct) -> Construct:
    while isinstance(con, Renamed):
        con = con.subcon
    if isinstance(con, Transformed) and isinstance(con.subcon, Struct):
        return con.subcon  # a BitStruct: its fields are named like a Struct's
    return con


def _child(struct: Construct, name: str) -> Construct:
    return next(sub for sub in _unwrap(struct).subcons if sub.name == name)


def _locate(struct: Struct, parsed: Any, path: str) -> tuple[Any, Any]:
    """The container holding the leaf and the key (name or list index) of the leaf in it."""
    con, holder, key = struct, None, None
    value = parsed
    for segment in path.split("."):
        name, index = _SEGMENT.match(segment).groups()  # type: ignore[union-attr]
        con = _child(con, name)
        holder, key, value = value, name, value[name]
        if index is not None:
            array = _unwrap(con)
            first = getattr(array, "first_index", 1) if isinstance(array, Array) else 1
            holder, key = value, int(index) - first
            value, con = value[key], array.subcon
    return holder, key


def value_at(struct: Struct, parsed: Any, path: str) -> Any:
    holder, key = _locate(struct, parsed, path)
    return holder[key]


def set_from_text(struct: Struct, parsed: Any, path: str, text: str) -> None:
    """Set the leaf at ``path`` from what a user typed (units, enum names, lists with commas)."""
    holder, key = _locate(struct, parsed, path)
    holder[key] = convert(holder[key], text.strip())


def convert(current: Any, text: str) -> Any:
    """``text`` as a value of the same kind as ``current``; ValueError says what was expected."""
    if isinstance(current, list):
        parts = [p.strip() for p in text.split(",")]
        if len(parts) != len(current):
            raise ValueError(f"expected {len(current)} values separated by commas")
        return [convert(old, part) for old, part in zip(current, parts, strict=True)]
    if isinstance(current, IntEnum):
        return _enum(type(current), text)
    if isinstance(current, bool):
        return _bool(text)
    if isinstance(current, int):
        return _int(text)
    if isinstance(current, float):
        return _float(text)
    if isinstance(current, bytes):
        return _hex(text, len(current))
    return text


def _int(text: str) -> int:
    try:
        return parse_number(text)
    except ValueError:
        raise ValueError(f"{cut(text)} is not a whole number (e.g. 12, 0x0C, 0Ch)") from None


def _float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError(f"{cut(text)} is not a number (e.g. 1.5)")
    return value


def _hex(text: str, size: int) -> bytes:
    try:
        data = bytes.fromhex(text)
    except ValueError:
        raise ValueError(f"{cut(text)} is not hex bytes (e.g. 01 ab)") from None
    if len(data) != size:
        raise ValueError(f"give {size} bytes in hex, not {len(data)}")
    return data


def _enum(kind: type[IntEnum], text: str) -> IntEnum | int:
    for member in kind:
        if member.name.lower() == text.lower():
            return member
    try:
        return int(text, 0)
    except ValueError:
        names = ", ".join(m.name for m in kind)
        raise ValueError(f"{cut(text)} is not one of {names}") from None


def _bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{cut(text)}: expected true/false (or 1/0)")
