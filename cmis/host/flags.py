"""Latched (clear-on-read) flags: decode the bytes any read returned, keep them in a history.

Reading a flag byte clears it on the module, so every read through ``Module`` that covers a
flag byte is decoded here first; nothing a read cleared is lost.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from cmis.codec.access import cor_bytes
from cmis.codec.pages.page11 import LANE_FLAG_NAMES
from cmis.host.registers import FIRST_LANE_FLAG, LOWER_SPANS

# (byte, bit) -> name for the module flag bytes, from the Struct; reserved/custom bits left out
MODULE_FLAG_BITS = {
    (s.first, s.bit_lo): s.name
    for s in LOWER_SPANS.values()
    if s.bit_lo is not None
    and s.first in cor_bytes(0, 0, 128)
    and not s.name.startswith(("reserved", "custom"))
}


@dataclass(frozen=True)
class FlagEvent:
    """Flags found set by one read: ``name`` and the lanes (1-32) for lane flags, [] otherwise."""

    time: float
    name: str
    lanes: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"time": self.time, "flag": self.name, "lanes": list(self.lanes)}


def decode(page: int, bank: int, offset: int, data: bytes) -> list[tuple[str, tuple[int, ...]]]:
    """Set flags in ``data`` read at ``offset`` of (bank, page): ``[(name, lanes)]``."""
    found: list[tuple[str, tuple[int, ...]]] = []
    for byte in _cor_bytes(page, offset, len(data)):
        value = data[byte - offset]
        if byte < 128:
            found += [
                (MODULE_FLAG_BITS[(byte, b)], ())
                for b in range(8)
                if (byte, b) in MODULE_FLAG_BITS and value >> b & 1
            ]
        elif value and page == 0x11:  # VDM flags (2Ch) are per instance: host/vdm.py reports them
            lanes = tuple(bank * 8 + i + 1 for i in range(8) if value >> i & 1)
            found.append((LANE_FLAG_NAMES[byte - FIRST_LANE_FLAG], lanes))
    return found


@lru_cache(maxsize=1024)
def _cor_bytes(page: int, offset: int, length: int) -> tuple[int, ...]:
    """``cor_bytes`` remembered: a poll asks about the same few ranges again and again."""
    return tuple(cor_bytes(page, offset, length))


@dataclass
class FlagHistory:
    """Every latched flag seen, oldest first (bounded), with the time of the read that saw it."""

    limit: int = 10000
    events: deque[FlagEvent] = field(default_factory=deque)
    total: int = 0  # events ever recorded: a cursor that keeps working once the bound is hit

    def record(
        self, time: float, page: int, bank: int, offset: int, data: bytes
    ) -> list[FlagEvent]:
        if not _cor_bytes(page, offset, len(data)):
            return []  # most reads (status polls) cover no flag byte: skip the decode
        new = [FlagEvent(time, name, lanes) for name, lanes in decode(page, bank, offset, data)]
        self.events.extend(new)
        self.total += len(new)
        while len(self.events) > self.limit:
            self.events.popleft()
        return new

    def after(self, mark: int) -> list[FlagEvent]:
        """Events recorded since ``total`` was ``mark`` (minus any the bound already dropped)."""
        count = min(self.total - mark, len(self.events))
        # from the right end: O(new events), not O(history) (an exporter asks every scrape)
        return list(islice(reversed(self.events), count))[::-1] if count > 0 else []

    def __iter__(self) -> Iterator[FlagEvent]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def since(self, time: float) -> list[FlagEvent]:
        return [event for event in self.events if event.time >= time]

    def clear(self) -> None:
        self.events.clear()
