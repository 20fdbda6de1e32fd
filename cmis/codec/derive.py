"""Walk a page Struct once and generate one lazy container class per (nested) Struct in it.

Each field becomes a small descriptor class whose generated ``__get__`` evaluates the field's
expression (``cmis.codec.leaves``) and stores the value in the instance, so the next read of the
field is a plain attribute lookup. One generated frame per first read is what makes a full decode
several times faster than construct's compiled parse; a ``__getattr__`` hook costs twice as much.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from construct import Array, Construct, ListContainer, Struct

from cmis.codec.layout import _is_bitstruct, _unwrap
from cmis.codec.leaves import Constants, adapted, bit_read, byte_read, number_array, primitive

GETTER = """
def {fn}(self, obj, cls):
    if obj is None:
        return self
    raw, context = obj._raw, obj._context
    value = obj.__dict__[{name!r}] = {expr}
    return value
"""


def container_class(base: type, struct: Struct, offset: int, names: Constants) -> type:
    """A ``base`` subclass with one lazy field per named member of ``struct`` at ``offset``."""
    fields: dict[str, str] = {}
    for sub in struct.subcons:
        con, _ = _unwrap(sub)
        size = con.sizeof()
        if sub.name:  # construct leaves unnamed members (padding) out of its result too
            fields[sub.name] = _expr(base, con, offset, size, names)
        offset += size
    return _build(base, struct, fields, names)


def _expr(base: type, con: Construct, offset: int, size: int, names: Constants) -> str:
    if isinstance(con, Struct):
        return names.name(container_class(base, con, offset, names)) + "(raw, context)"
    if _is_bitstruct(con):
        bits = _bit_fields(con.subcon, offset, size, names)
        if bits is not None:
            return names.name(_build_bits(base, con.subcon, bits, names)) + "(raw, context)"
    elif isinstance(con, Array) and isinstance(con.count, int):
        return names.name(ListContainer) + "(" + _array(base, con, offset, size, names) + ")"
    else:
        leaf = adapted(con, byte_read(primitive(con), offset, names), names)
        if leaf is not None:
            return leaf
    # Fallback for a shape not derived above: construct parses just this field's bytes.
    return f"{names.name(con)}.parse(raw[{offset}:{offset + size}], **context._params)"


def _array(base: type, array: Array, offset: int, size: int, names: Constants) -> str:
    element, _ = _unwrap(array.subcon)
    whole = number_array(element, offset, array.count, names)
    if whole is not None:
        return whole
    step = size // array.count
    items = (_expr(base, element, offset + i * step, step, names) for i in range(array.count))
    return "[" + ", ".join(items) + "]"


def _bit_fields(bits: Struct, offset: int, nbytes: int, names: Constants) -> dict | None:
    """Expressions of a BitStruct's fields (MSB first, as construct reads), or None if odd."""
    fields: dict[str, str] = {}
    position = 0
    for sub in bits.subcons:
        con, _ = _unwrap(sub)
        width = con.sizeof()
        shift = nbytes * 8 - position - width
        leaf = adapted(con, bit_read(primitive(con), offset, nbytes, shift), names)
        if leaf is None:
            return None
        if sub.name:
            fields[sub.name] = leaf
        position += width
    return fields


def _build(base: type, struct: Struct, fields: dict[str, str], names: Constants) -> type:
    getters = enumerate(fields.items())
    source = "".join(
        GETTER.format(fn=f"get{i}", name=name, expr=expr) for i, (name, expr) in getters
    )
    scope = _run(source, names, base, fields)
    members: dict[str, Any] = {"__slots__": (), **_names(fields)}
    for i, name in enumerate(fields):
        members[name] = _descriptor(name, scope[f"get{i}"])
    return type(f"Fast{struct.name or 'Struct'}", (base,), members)


def _build_bits(base: type, bits: Struct, fields: dict[str, str], names: Constants) -> type:
    """A bit group decodes whole when its field is read: one byte's bit ops cost less than a
    lazy hook per bit, and every bit is then a plain slot."""
    body = "".join(f"\n    self.{name} = {expr}" for name, expr in fields.items())
    scope = _run(f"def __init__(self, raw, context):{body or ' pass'}", names, base, fields)
    members = {"__slots__": tuple(fields), **_names(fields), "__init__": scope["__init__"]}
    return type(f"Fast{bits.name or 'Bits'}", (base,), members)


def _names(fields: dict[str, str]) -> dict[str, Any]:
    return {"_names": tuple(fields), "_keys": frozenset(fields)}


def _run(source: str, names: Constants, base: type, fields: dict[str, str]) -> dict[str, Any]:
    clash = set(fields) & set(dir(base))
    if clash:  # a field named like a Mapping method would hide it
        raise ValueError(f"field names {sorted(clash)} clash with the container's methods")
    scope: dict[str, Any] = dict(names.values)
    exec(compile(source, "<cmis.codec generated>", "exec"), scope)  # noqa: S102 - our own text
    return scope


def _descriptor(name: str, getter: Callable[..., Any]) -> Any:
    return type(f"Lazy{name}", (), {"__slots__": (), "__get__": getter})()
