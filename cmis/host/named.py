"""Read and write fields by name on a live module (``cmis read/write 10h.OutputDisableTx``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cmis.codec.access import field_writable
from cmis.codec.fieldref import FieldRef, resolve
from cmis.codec.fieldvalue import decode, encode, parse_value, plain
from cmis.codec.pages.page01 import bias_multiplier
from cmis.codec.pages.registry import LOWER
from cmis.errors import CmisError, WriteRefusedError
from cmis.host.advertised import paged
from cmis.host.memory import ModuleMemory


@dataclass(frozen=True)
class FieldReading:
    """A field as read: its bytes and decoded value (``to_dict`` is the ``--json`` form)."""

    ref: FieldRef
    bank: int
    raw: bytes
    value: Any
    params: dict[str, Any] = field(default_factory=dict)  # parse parameters (bias multiplier)

    def to_dict(self) -> dict[str, Any]:
        leaf = self.ref.spans[0] if self.ref.leaf is not None else None
        return {
            "field": self.ref.name,
            "page": self.ref.register_page,
            "bank": self.bank,
            "offset": self.ref.first,
            "length": len(self.raw),
            "hex": self.raw.hex(),
            "bits": [leaf.bit_hi, leaf.bit_lo] if leaf and leaf.bit_hi is not None else None,
            "unit": leaf.unit if leaf else "",
            "value": plain(self.value),
        }


def _params(module: ModuleMemory, ref: FieldRef) -> dict[str, Any]:
    if ref.page == 0x11 and paged(module):
        return {"bias_multiplier": bias_multiplier(module.page(0x01))}
    return {}


def _bank(ref: FieldRef, bank: int) -> int:
    return bank if ref.page != LOWER else 0


def read_field(module: ModuleMemory, name: str, bank: int = 0) -> FieldReading:
    """Read just the bytes of ``name`` and decode them through the page Struct."""
    ref = resolve(name)
    bank = _bank(ref, bank)
    raw = module.read(ref.register_page, ref.first, ref.last - ref.first + 1, bank)
    params = _params(module, ref)
    return FieldReading(ref, bank, raw, decode(ref, raw, **params), params)


def write_field(
    module: ModuleMemory, name: str, text: str, bank: int = 0, *, force: bool = False
) -> tuple[bytes, bytes]:
    """Store ``text`` (units, enum names, flags...) in field ``name``; returns (old, new) bytes.

    Only the field's own bits change (read-modify-write of its bytes). A field that is not
    host-writable (cmis/codec/access.py) is refused before anything is written, unless ``force``.
    """
    ref = resolve(name)
    bank = _bank(ref, bank)
    value = parse_value(ref, text)
    if not force and not field_writable(ref.page, ref.spans):
        raise WriteRefusedError(
            f"refusing to write {ref.name}: read-only or vendor field (see cmis/codec/access.py); "
            f"use --force (force=True) if you really mean it"
        )
    old = module.read(ref.register_page, ref.first, ref.last - ref.first + 1, bank)
    new = encode(ref, old, value, **_params(module, ref))
    if new != old:
        module.write(ref.register_page, ref.first, new, bank, force=force)
    return old, new


def verify_field(module: ModuleMemory, name: str, new: bytes, bank: int = 0) -> None:
    """Read the field back; CmisError when it differs from what was written."""
    back = read_field(module, name, bank).raw
    if back != new:
        raise CmisError(
            f"verify {name}: wrote {new.hex(' ')}, read back {back.hex(' ')} (write-only, "
            f"self-clearing or rejected values read differently)"
        )
