"""PageModel: decode one page half (or lower + upper) for the Pages screen and plan edits."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from construct import ConstructError

from cmis.codec.access import USER_PAGES, byte_mask, read_only_bytes, writable
from cmis.codec.layout import FieldSpan, walk
from cmis.codec.pages.registry import LOWER, base_of, struct_for
from cmis.errors import CmisError, InputError, cut
from tui.fieldpath import set_from_text, value_at
from tui.lanemask import is_lane_mask, lane_text, parse_mask
from tui.widgets.field_tree import shown

LOWER_PREFIX = "lower."  # names lower-memory fields in the 256-byte view


@dataclass(frozen=True)
class Edit:
    """What a confirmed edit writes: ``data`` at ``offset``; ``old`` is what is there now."""

    page: int
    bank: int
    offset: int
    old: bytes
    data: bytes
    read_only: list[int]
    what: tuple[str, ...] = ()  # the field(s) in words: "OutputDisableTx: none -> lane 3"

    def lines(self) -> list[str]:
        where = "lower memory" if self.offset < 128 else f"page {self.page:02X}h bank {self.bank}"
        return [*self.what] + [
            f"{where} byte {self.offset + i}: {a:02X} -> {b:02X}"
            for i, (a, b) in enumerate(zip(self.old, self.data, strict=True))
        ]


class PageModel:
    """``page`` ("lower" or a number) with its parse parameters; ``combined``: bytes 0-255."""

    def __init__(self, page: int | str, bank: int, params: dict[str, Any], combined=False):
        self.page, self.bank, self.params = page, bank, params
        self.combined = combined and page != LOWER
        self.number = 0 if page == LOWER else int(page)
        halves = [LOWER, page] if self.combined else [page]
        self.base = base_of(halves[0])
        self.key: int | str = f"lower+{self.number:02X}h" if self.combined else page
        self.spans: list[FieldSpan] = []
        self._half: dict[str, tuple[Any, int, str]] = {}  # span path -> key, base, inner path
        for key in halves:
            prefix = LOWER_PREFIX if self.combined and key == LOWER else ""
            for span in walk(struct_for(key), base_of(key)):
                self.spans.append(replace(span, path=prefix + span.path))
                self._half[prefix + span.path] = (key, base_of(key), span.path)

    def _parse(self, data: bytes, key: Any, base: int) -> Any:
        start = base - self.base
        return struct_for(key).parse(data[start : start + 128], **self.params)

    def values(self, data: bytes) -> dict[str, Any]:
        parsed = {key: self._parse(data, key, base) for key, base, _ in self._half.values()}
        return {
            path: value_at(struct_for(key), parsed[key], inner)
            for path, (key, _, inner) in self._half.items()
        }

    def texts(self, data: bytes) -> dict[str, str]:
        """Each field's value as shown: lane bitmaps per lane, enums by name."""
        return {
            s.path: self.text(s, v)
            for s, v in zip(self.spans, self.values(data).values(), strict=True)
        }

    def text(self, span: FieldSpan, value: Any) -> str:
        if self.lane_mask(span) and isinstance(value, int):
            return lane_text(value, self.bank)
        return shown(value)

    def lane_mask(self, span: FieldSpan) -> bool:
        return is_lane_mask(self._half[span.path][0], span)

    def field_at(self, byte: int) -> FieldSpan | None:
        inside = [s for s in self.spans if s.first <= byte <= s.last]
        return inside[0] if inside else None

    def read_only(self) -> set[int]:
        return set(read_only_bytes(self.number, self.base, 256 if self.combined else 128))

    def byte_edit(self, data: bytes, byte: int, value: int) -> Edit:
        span = self.field_at(byte)
        what: tuple[str, ...] = ()
        if span is not None and self.lane_mask(span):
            was = data[byte - self.base]
            what = (f"{span.path}: {lane_text(was, self.bank)} -> {lane_text(value, self.bank)}",)
        return self._edit(data, byte, bytes((value,)), what)

    def field_edit(self, data: bytes, span: FieldSpan, text: str) -> Edit:
        """The field's bytes after setting it from ``text`` (InputError in the user's words)."""
        key, base, inner = self._half[span.path]
        struct, parsed = struct_for(key), self._parse(data, key, base)
        old = self.text(span, value_at(struct, parsed, inner))
        try:
            if self.lane_mask(span):
                set_from_text(struct, parsed, inner, str(parse_mask(text, self.bank)))
            else:
                set_from_text(struct, parsed, inner, text)
            new = struct.build(parsed, **self.params)
        except ConstructError:
            raise InputError(
                f"{span.name}: {cut(text.strip())} does not fit ({_room(span)})"
            ) from None
        except ValueError as err:
            raise InputError(f"{span.name}: {err}") from None
        now = self.text(span, value_at(struct, parsed, inner))
        chunk = new[span.first - base : span.last - base + 1]
        return self._edit(data, span.first, chunk, (f"{span.path}: {old} -> {now}",))

    def _edit(self, data: bytes, offset: int, new: bytes, what: tuple[str, ...]) -> Edit:
        old = data[offset - self.base : offset - self.base + len(new)]
        refused = read_only_bytes(self.number, offset, len(new))
        return Edit(self.number, self.bank, offset, old, new, refused, what)


def _room(span: FieldSpan) -> str:
    if span.bit_hi is None or span.bit_lo is None:
        bits = 8 * (span.last - span.first + 1)
    else:
        bits = span.bit_hi - span.bit_lo + 1
    return f"{bits} bits: 0-{(1 << bits) - 1} as a raw number" if bits <= 32 else f"{bits} bits"


def write_verified(module: Any, edit: Edit, force: bool) -> None:
    """Write, read back and compare the bits a host controls (triggers clear by themselves)."""
    page = edit.page if edit.offset >= 128 else 0
    module.write(page, edit.offset, edit.data, edit.bank, force=force)
    back = module.read(page, edit.offset, len(edit.data), edit.bank)
    for i, (want, got) in enumerate(zip(edit.data, back, strict=True)):
        byte = edit.offset + i
        key = LOWER if byte < 128 else page
        plain = key in USER_PAGES or not writable(page, byte)  # forced RO bytes: all 8 bits
        mask = 0xFF if plain else byte_mask(key, "rw")[byte % 128]
        if (want ^ got) & mask:
            raise CmisError(
                f"byte {byte} reads back {got:02X} after writing {want:02X}: "
                "the module ignored the write"
            )
