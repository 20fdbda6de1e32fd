"""What one poll reads from the module: state, lanes, data paths, DOM, flags, a watched page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cmis.codes import ModuleState, describe, to_enum
from cmis.host.flags import FlagEvent
from cmis.host.lanes import DataPath
from cmis.host.status import LaneStatus
from cmis.module import Module
from cmis.pages.lower import LowerMemory


@dataclass(frozen=True)
class PageView:
    """The bytes of one page half as read at ``time``: ``page`` is "lower" or a page number."""

    page: int | str
    bank: int
    data: bytes


@dataclass(frozen=True)
class Snapshot:
    """One poll's worth of module state; everything the screens render comes from here."""

    time: float
    state: str
    intl: bool
    fault_cause: str
    lanes: list[LaneStatus]
    data_paths: list[DataPath]
    dom: dict[str, Any]
    new_flags: list[FlagEvent] = field(default_factory=list)
    flag_counts: list[tuple[str, int, tuple[int, ...]]] = field(default_factory=list)
    page: PageView | None = None


def read_page(module: Module, page: int | str, bank: int) -> PageView:
    data = module.lower() if page == "lower" else module.read(int(page), 128, 128, bank)
    return PageView(page, bank, data)


def take(module: Module, watch: tuple[int | str, int] | None = None) -> Snapshot:
    """Read everything a screen shows, in as few reads as the host API allows."""
    before = len(module.flags)
    lower = LowerMemory.parse(module.lower())
    lanes, paths = module.lanes(), module.data_paths()
    dom = module.dom()
    page = read_page(module, *watch) if watch else None
    events = list(module.flags)
    return Snapshot(
        time=module.clock.now(),
        state=describe(to_enum(ModuleState, lower.GlobalStatus.ModuleState)),
        intl=not lower.GlobalStatus.InterruptDeasserted,
        fault_cause=describe(getattr(lower, "ModuleFaultCause", 0)),
        lanes=lanes,
        data_paths=paths,
        dom=dom,
        new_flags=events[before:],
        flag_counts=_counts(events),
        page=page,
    )


def _counts(events: list[FlagEvent]) -> list[tuple[str, int, tuple[int, ...]]]:
    counts = Counter(event.name for event in events)
    lanes: dict[str, set[int]] = {}
    for event in events:
        lanes.setdefault(event.name, set()).update(event.lanes)
    return [(name, n, tuple(sorted(lanes[name]))) for name, n in counts.most_common()]
