"""Where each field of a page Struct lives: byte span, bit range, unit — derived, never retyped.

Used by the specs cross-check, by decoders that print byte offsets, and by UIs that highlight
a field's bytes. ``path`` is the dotted path into the parsed value
(``ManagementCharacteristics.MemoryModel``, ``SCS0.DPConfigLane[3].AppSelCode``); ``spec_name``
drops the name of a BitStruct that only groups the bits of one byte (``MemoryModel``), which is
how specs/fields.csv names fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from construct import Array, Construct, Renamed, Struct, Subconstruct, Transformed


@dataclass(frozen=True)
class FieldSpan:
    """One leaf field: bytes ``first..last`` (CMIS numbering) and bits ``hi..lo`` (None = whole)."""

    path: str
    first: int
    last: int
    bit_hi: int | None = None
    bit_lo: int | None = None
    unit: str = ""
    doc: str = ""
    spec_name: str = ""

    @property
    def name(self) -> str:
        """The leaf's own name, without parents (``AppSelCode``)."""
        return self.path.rsplit(".", 1)[-1]


def _unwrap(con: Construct) -> tuple[Construct, str]:
    doc = ""
    while isinstance(con, Renamed):
        doc = doc or (con.docs or "")
        con = con.subcon
    return con, doc


def _is_bitstruct(con: Construct) -> bool:
    return isinstance(con, Transformed) and isinstance(con.subcon, Struct)


def _unit(con: Construct) -> str:
    while True:
        unit = getattr(con, "unit", "")
        if unit or not isinstance(con, Subconstruct):
            return str(unit)
        con = con.subcon


def walk(struct: Struct, base: int) -> Iterator[FieldSpan]:
    """Every leaf field of ``struct`` laid out from byte ``base``."""
    return _walk_struct(struct, base, "", "")


def _walk_struct(struct: Struct, offset: int, prefix: str, spec: str) -> Iterator[FieldSpan]:
    for sub in struct.subcons:
        con, doc = _unwrap(sub)
        size = con.sizeof()
        yield from _walk_one(con, offset, size, (prefix + sub.name, spec + sub.name), doc)
        offset += size


def _walk_one(
    con: Construct, offset: int, size: int, names: tuple[str, str], doc: str
) -> Iterator[FieldSpan]:
    path, spec = names
    if isinstance(con, Struct):
        yield from _walk_struct(con, offset, path + ".", spec + ".")
    elif _is_bitstruct(con):
        yield from _walk_bits(con.subcon, offset, path + ".", spec.rpartition(".")[0])
    elif isinstance(con, Array) and (_is_record(con.subcon) or hasattr(con, "first_index")):
        element, _ = _unwrap(con.subcon)
        step = element.sizeof()
        first = getattr(con, "first_index", 1)
        for i in range(con.count):
            indexed = (f"{path}[{i + first}]", f"{spec}[{i + first}]")
            yield from _walk_record(element, offset + i * step, step, indexed, doc)
    else:
        yield FieldSpan(path, offset, offset + size - 1, unit=_unit(con), doc=doc, spec_name=spec)


def _walk_record(
    con: Construct, offset: int, size: int, names: tuple[str, str], doc: str
) -> Iterator[FieldSpan]:
    """An array element: a BitStruct element keeps its index as the parent of its bits."""
    if _is_bitstruct(con):
        yield from _walk_bits(con.subcon, offset, names[0] + ".", names[1] + ".")
    else:
        yield from _walk_one(con, offset, size, names, doc)


def _is_record(con: Construct) -> bool:
    inner, _ = _unwrap(con)
    return isinstance(inner, Struct) or _is_bitstruct(inner)


def _walk_bits(bits: Struct, offset: int, prefix: str, spec: str) -> Iterator[FieldSpan]:
    spec = spec if not spec or spec.endswith(".") else spec + "."
    position = 0  # bits from the MSB of the first byte
    for sub in bits.subcons:
        con, doc = _unwrap(sub)
        width = con.sizeof()
        byte = offset + position // 8
        hi = 7 - position % 8
        yield FieldSpan(
            prefix + sub.name, byte, byte, hi, hi - width + 1, _unit(con), doc, spec + sub.name
        )
        position += width


def field_at(struct: Struct, base: int, byte: int, bit: int | None = None) -> FieldSpan | None:
    """The leaf that holds ``byte`` (and ``bit``, for bit fields), or None."""
    for span in walk(struct, base):
        if span.first <= byte <= span.last and (
            span.bit_hi is None or bit is None or span.bit_lo <= bit <= span.bit_hi  # type: ignore[operator]
        ):
            return span
    return None
