"""Page decoders derived from the page Structs, with the same names and nesting as their parse.

``fast(Page11h).parse(raw, bias_multiplier=2)`` returns a read-only ``FastContainer`` that
decodes a field on first access and keeps it: ``page.ACS.DPConfigLane[3].AppSelCode``,
``page["OpticalPowerTx"]``, ``page.items()`` and ``**page`` behave as on construct's Container,
and every leaf equals (and has the type of) what ``Page11h.parse`` yields. Offsets, bit ranges
and conversions come from walking the Struct once, on first use (``cmis.codec.derive``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from construct import StreamError, Struct

from cmis.codec.derive import container_class
from cmis.codec.leaves import Constants, Context
from cmis.codec.pages.registry import struct_for


class FastContainer(Mapping[str, Any]):
    """One parsed Struct over a raw page snapshot; each generated subclass names its fields."""

    _names: tuple[str, ...] = ()  # field order, as construct yields it
    _keys: frozenset[str] = frozenset()  # the same names, for item lookup without a scan

    def __init__(self, raw: bytes, context: Context) -> None:
        self._raw, self._context = raw, context

    def __getitem__(self, name: str) -> Any:
        if name not in self._keys:
            raise KeyError(name)
        return getattr(self, name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __eq__(self, other: object) -> bool:
        """Equal to any mapping with the same fields; construct's private ``_io`` key is ignored."""
        if not isinstance(other, Mapping):
            return NotImplemented
        public = {k: v for k, v in other.items() if not str(k).startswith("_")}
        return dict(self.items()) == public

    __hash__ = None  # type: ignore[assignment]  # compares by content, like a dict

    def __repr__(self) -> str:
        return "FastContainer(" + ", ".join(f"{k}={v!r}" for k, v in self.items()) + ")"


class FastStruct:
    """The fast twin of one page Struct: ``parse(data, **params)`` like construct's."""

    def __init__(self, struct: Struct) -> None:
        self.size = struct.sizeof()
        self.container = container_class(FastContainer, struct, 0, Constants())

    def parse(self, data: bytes, **params: Any) -> FastContainer:
        if len(data) < self.size:
            raise StreamError(f"need {self.size} bytes, got {len(data)}")
        # A snapshot: decoding is lazy, so a caller's bytearray changing later must not show.
        raw = data if type(data) is bytes else bytes(data)
        return self.container(raw, Context(params))  # type: ignore[no-any-return]


@cache
def fast(struct: Struct) -> FastStruct:
    """The FastStruct of ``struct``, derived on first use and shared after."""
    return FastStruct(struct)


def fast_for(page: int | str) -> FastStruct:
    """The FastStruct of a registered page (``"lower"`` or an upper page number)."""
    return fast(struct_for(page))
