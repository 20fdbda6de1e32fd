"""One poll of a module: lower memory and each bank's pages 10h/11h read once, every view derived.

Latched flags clear when read, so two views that each read page 11h would split one poll's flags
between them (and record them twice over the pair). A Snapshot reads once; ``lanes``, ``dom``
and ``flags`` are all computed from the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from cmis.codec.codes import ModuleState
from cmis.codec.pages.page01 import lane_banks
from cmis.host import registers as r
from cmis.host.dom import dom_view
from cmis.host.flags import FlagEvent
from cmis.host.memory import ModuleMemory
from cmis.host.status import LaneStatus, bank_status, state_of
from cmis.host.worst import counted_lanes, worst_level


@dataclass(frozen=True, eq=False)
class Snapshot:
    """Raw bytes of one poll (static pages from cache) and the views computed from them."""

    time: float
    lower: bytes
    page01: bytes | None
    page02: bytes | None
    page10: tuple[bytes, ...]  # per bank
    page11: tuple[bytes, ...]  # per bank
    flags: tuple[FlagEvent, ...]  # latched flags this poll's reads found (and cleared)

    @cached_property
    def lanes(self) -> list[LaneStatus]:
        return [
            lane
            for bank, (p10, p11) in enumerate(zip(self.page10, self.page11, strict=True))
            for lane in bank_status(p10, p11, bank)
        ]

    @cached_property
    def dom(self) -> dict[str, Any]:
        args = (self.lower, self.page01, self.page02, list(self.page11), list(self.flags))
        return dom_view(self.time, *args)

    @cached_property
    def module_state(self) -> ModuleState | int:
        return state_of(self.lower[r.STATE_BYTE])

    @cached_property
    def worst_alarm(self) -> dict[str, Any]:
        """``{level, monitors}``: the worst level of the monitors that mean something now."""
        return worst_level(self.dom, counted_lanes(self.lanes, self.module_state))


def poll(memory: ModuleMemory) -> Snapshot:
    """Read lower memory and, per bank, pages 10h and 11h once; the flags they held are kept."""
    before = memory.flags.total
    lower = memory.lower()
    paged = not lower[2] & 0x80
    count = lane_banks(memory.page(0x01)) if paged else 0
    return Snapshot(
        time=memory.clock.now(),
        lower=lower,
        page01=memory.page(0x01) if paged else None,
        page02=memory.page(0x02) if paged else None,
        page10=tuple(memory.page(0x10, bank) for bank in range(count)),
        page11=tuple(memory.page(0x11, bank) for bank in range(count)),
        flags=tuple(memory.flags.after(before)),
    )
