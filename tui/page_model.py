"""PageModel: decode one page half for the Pages screen and plan edits (bytes to be written)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cmis.codec.access import read_only_bytes
from cmis.codec.layout import FieldSpan, field_at, walk
from cmis.codec.pages.registry import LOWER, base_of, struct_for
from tui.fieldpath import set_from_text, value_at


@dataclass(frozen=True)
class Edit:
    """What a confirmed edit writes: ``data`` at ``offset``; ``old`` is what is there now."""

    page: int
    bank: int
    offset: int
    old: bytes
    data: bytes
    read_only: list[int]

    def lines(self) -> list[str]:
        where = "lower memory" if self.offset < 128 else f"page {self.page:02X}h bank {self.bank}"
        return [
            f"{where} byte {self.offset + i}: {a:02X} -> {b:02X}"
            for i, (a, b) in enumerate(zip(self.old, self.data, strict=True))
        ]


class PageModel:
    """The Struct of ``page`` ("lower" or a number) with its cross-page parse parameters."""

    def __init__(self, page: int | str, bank: int, params: dict[str, Any]) -> None:
        self.page, self.bank, self.params = page, bank, params
        self.struct = struct_for(page)
        self.base = base_of(page)
        self.number = 0 if page == LOWER else int(page)
        self.spans: list[FieldSpan] = list(walk(self.struct, self.base))

    def decode(self, data: bytes) -> Any:
        return self.struct.parse(data, **self.params)

    def values(self, data: bytes) -> dict[str, Any]:
        parsed = self.decode(data)
        return {span.path: value_at(self.struct, parsed, span.path) for span in self.spans}

    def field_at(self, byte: int) -> FieldSpan | None:
        return field_at(self.struct, self.base, byte)

    def read_only(self) -> set[int]:
        return set(read_only_bytes(self.number, self.base, 128))

    def byte_edit(self, data: bytes, byte: int, value: int) -> Edit:
        return self._edit(data, byte, bytes((value,)))

    def field_edit(self, data: bytes, span: FieldSpan, text: str) -> Edit:
        """The field's bytes after setting it from ``text`` (ValueError on bad input)."""
        parsed = self.decode(data)
        set_from_text(self.struct, parsed, span.path, text)
        new = self.struct.build(parsed, **self.params)
        return self._edit(data, span.first, new[span.first - self.base : span.last - self.base + 1])

    def _edit(self, data: bytes, offset: int, new: bytes) -> Edit:
        old = data[offset - self.base : offset - self.base + len(new)]
        refused = read_only_bytes(self.number, offset, len(new))
        return Edit(self.number, self.bank, offset, old, new, refused)
