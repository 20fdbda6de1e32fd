"""Lane bitmask bytes of pages 10h/11h read and typed per lane ("OutputDisableTx: lane 3")."""

from __future__ import annotations

import re

from cmis.codec.lanelist import format_lanes, parse_lanes
from cmis.codec.layout import FieldSpan
from cmis.errors import InputError, cut

LANE_MASK_PAGES = (0x10, 0x11)  # every whole-byte field there is a lane bitmap (bit 0 = lane 1)
_WORD = re.compile(r"^\s*lanes?\s*", re.IGNORECASE)


def is_lane_mask(page: object, span: FieldSpan) -> bool:
    return (
        page in LANE_MASK_PAGES
        and span.first == span.last
        and span.bit_hi is None
        and "[" not in span.path
        and not span.name.startswith(("reserved", "custom"))
    )


def lanes_in(mask: int, bank: int) -> list[int]:
    """The lanes (numbered across banks, as the CLI does) whose bits are set."""
    return [bank * 8 + bit + 1 for bit in range(8) if mask >> bit & 1]


def lane_text(mask: int, bank: int) -> str:
    lanes = lanes_in(mask, bank)
    return lanes_text(lanes) if lanes else "none"


def lanes_text(lanes: list[int]) -> str:
    """ "lane 3" or "lanes 1-4,6": how a question or a field names its lanes."""
    return f"lane {lanes[0]}" if len(lanes) == 1 else f"lanes {format_lanes(lanes)}"


def lanes_of(text: str, count: int) -> list[int]:
    """ "1-8", "lanes 3", "all" -> lanes 1..count (InputError says what is allowed)."""
    words = _WORD.sub("", text.strip())
    if words.lower() in ("", "all"):
        return list(range(1, count + 1))
    return parse_lanes(words, count)


def parse_mask(text: str, bank: int) -> int:
    """ "3", "lanes 1-4,6", "none" (or a raw 0x0F / 0Fh byte) -> the bitmap of ``bank``."""
    words = _WORD.sub("", text.strip())
    if words.lower() in ("none", "", "-"):
        return 0
    if words.lower().startswith("0x") or words.lower().endswith("h"):
        raw = words[2:] if words.lower().startswith("0x") else words[:-1]
        try:
            value = int(raw, 16)
        except ValueError:
            value = -1
        if not 0 <= value <= 0xFF:
            raise InputError(f"{cut(text)} is not a byte (00h-FFh)")
        return value
    first = bank * 8 + 1
    lanes = parse_lanes(words, first + 7)
    if lanes[0] < first:
        raise InputError(f"bank {bank} holds lanes {first}-{first + 7}; {cut(text)} is outside")
    return sum(1 << (lane - first) for lane in lanes)
