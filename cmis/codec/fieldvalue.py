"""Values of named fields: decode a field's bytes through its page Struct, encode a new value
(read-modify-write of just its bytes and bits), parse user text, and make values JSON-plain.

Bytes outside the field are zero while parsing; the adapters are lossless, so building the page
again gives back the field's own bytes with only the field's bits changed.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from construct import BitsInteger, Bytes, ConstructError, Flag, FormatField

from cmis.codec.fieldref import FieldRef
from cmis.codec.fields import Ascii, EnumAdapter, LaneArray, ScaledAdapter
from cmis.codec.numbers import parse_number
from cmis.codec.pages.registry import base_of, struct_for
from cmis.errors import InputError

TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")
FLAG = type(Flag)  # construct exports the Flag instance; its class is not public


def _page_buffer(ref: FieldRef, raw: bytes) -> bytes:
    start = ref.first - base_of(ref.page)
    return bytes(start) + raw + bytes(128 - start - len(raw))


def decode(ref: FieldRef, raw: bytes, **params: Any) -> Any:
    """The value of ``ref`` from its bytes ``raw`` (``ref.first..ref.last``)."""
    value = struct_for(ref.page).parse(_page_buffer(ref, raw), **params)
    for step in ref.steps:
        value = value[step]
    return value


def encode(ref: FieldRef, raw: bytes, value: Any, **params: Any) -> bytes:
    """The field's bytes with ``value`` stored in it (other bits of those bytes kept)."""
    struct = struct_for(ref.page)
    parsed = struct.parse(_page_buffer(ref, raw), **params)
    parent = parsed
    for step in ref.steps[:-1]:
        parent = parent[step]
    parent[ref.steps[-1]] = value
    try:
        page = struct.build(parsed, **params)
    except (ConstructError, ValueError, TypeError, OverflowError) as err:
        why = str(err).strip().splitlines()[-1]
        raise InputError(f"{ref.name}: value {value!r} does not fit the field ({why})") from None
    start = ref.first - base_of(ref.page)
    return page[start : start + len(raw)]


def parse_value(ref: FieldRef, text: str) -> Any:
    """User text -> the Python value the leaf's construct builds from (names, units, lists)."""
    leaf = ref.leaf
    if leaf is None:
        leaves = ", ".join(s.path for s in ref.spans[:4]) + (" ..." if len(ref.spans) > 4 else "")
        raise InputError(f"{ref.name} is a group of {len(ref.spans)} fields; write one: {leaves}")
    try:
        return _convert(leaf, text.strip())
    except ValueError as err:
        raise InputError(f"{ref.name}: {text!r} is not {err}") from None


def _convert(leaf: Any, text: str) -> Any:
    if isinstance(leaf, FLAG):
        return _flag(text)
    if isinstance(leaf, EnumAdapter):
        return _code(leaf.enum, text)
    if isinstance(leaf, ScaledAdapter):
        return _float(text, leaf.unit)
    if isinstance(leaf, LaneArray):
        return _lanes(leaf, text)
    if isinstance(leaf, Ascii):
        return text
    if isinstance(leaf, Bytes) and not isinstance(leaf, FormatField):
        return _hex(text)
    if isinstance(leaf, (FormatField, BitsInteger)):
        return _int(text)
    raise ValueError("writable by name (use raw bytes: cmis write PAGE OFFSET HEX)")


def _flag(text: str) -> bool:
    if text.lower() not in TRUE + FALSE:
        raise ValueError("a flag (true/false, 1/0, on/off)")
    return text.lower() in TRUE


def _int(text: str) -> int:
    try:
        return parse_number(text)
    except InputError:
        raise ValueError("a number (17, 0x11 or 11h)") from None


def _float(text: str, unit: str) -> float:
    try:
        return float(text.removesuffix(unit).strip())
    except ValueError:
        raise ValueError(f"a number in {unit}") from None


def _code(enum: type[IntEnum] | None, text: str) -> int:
    if enum is not None and text in enum.__members__:
        return int(enum[text])
    try:
        return _int(text)
    except ValueError:
        names = ", ".join(enum.__members__) if enum is not None else ""
        raise ValueError(f"a code number or one of: {names}") from None


def _lanes(leaf: LaneArray, text: str) -> list[int]:
    items = [t for t in text.replace(",", " ").split() if t]
    count = leaf.subcon.length * leaf.per_byte
    if len(items) != count:
        raise ValueError(f"{count} values, one per lane (comma-separated)")
    return [_code(leaf.enum, t) if leaf.enum else _int(t) for t in items]


def _hex(text: str) -> bytes:
    try:
        return bytes.fromhex(text.replace("0x", "").replace(",", " "))
    except ValueError:
        raise ValueError("whole hex bytes (e.g. '01 ff')") from None


def plain(value: Any) -> Any:
    """A parsed value as JSON-friendly data: codes by name, bytes as hex, containers as dicts."""
    if isinstance(value, IntEnum):
        return value.name
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if not str(k).startswith("_")}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
