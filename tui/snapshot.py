"""What one poll reads from the module: state, lanes, data paths, DOM, flags, a watched page."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from cmis.codec.codes import ModuleState, describe, to_enum
from cmis.codec.explain import Problem, problems
from cmis.codec.pages.lower import LowerMemory
from cmis.host import registers as r
from cmis.host.flags import FlagEvent
from cmis.host.lanes import DataPath, group_data_paths
from cmis.host.module import Module
from cmis.host.status import LaneStatus


@dataclass(frozen=True)
class PageView:
    """The bytes of one page half as read at ``time``: ``page`` is "lower" or a page number."""

    page: int | str
    bank: int
    data: bytes


@dataclass(frozen=True)
class Snapshot:
    """One poll's worth of module state; everything the screens render comes from here.

    Lanes are numbered 1-16 (or 1-32) across banks, as the CLI numbers them, data paths too.
    """

    time: float
    state: str
    intl: bool
    fault_cause: str
    lanes: list[LaneStatus]
    data_paths: list[DataPath]
    dom: dict[str, Any]
    new_flags: list[FlagEvent] = field(default_factory=list)  # once per (flag, lanes) a poll
    page: PageView | None = None

    @property
    def problems(self) -> list[Problem]:
        """The flags of this poll that ask for action, with what to do (cmis.codec.explain)."""
        return problems((event.name, event.lanes) for event in self.new_flags)

    @property
    def banks(self) -> int:
        return max(1, len(self.lanes) // 8)


def read_page(module: Module, page: int | str, bank: int) -> PageView:
    if isinstance(page, str) and page.startswith("lower+"):  # "lower+11h": the 256-byte view
        data = module.lower() + module.read(int(page[6:8], 16), 128, 128, bank)
    else:
        data = module.lower() if page == "lower" else module.read(int(page), 128, 128, bank)
    return PageView(page, bank, data)


def take(module: Module, watch: tuple[int | str, int] | None = None) -> Snapshot:
    """Read everything a screen shows; one host-API poll reads page 11h of each bank once."""
    polled = module.poll()
    lower = LowerMemory.parse(polled.lower)
    page = read_page(module, *watch) if watch else None
    return Snapshot(
        time=polled.time,
        state=describe(to_enum(ModuleState, lower.GlobalStatus.ModuleState)),
        intl=not lower.GlobalStatus.InterruptDeasserted,
        fault_cause=describe(getattr(lower, "ModuleFaultCause", 0)),
        lanes=polled.lanes,
        data_paths=_paths(polled.page11),
        dom=polled.dom,
        new_flags=_once(polled.flags),
        page=page,
    )


def _paths(page11: tuple[bytes, ...]) -> list[DataPath]:
    """Every bank's data paths from the ACS bytes already read, lanes renumbered across banks."""
    acs = slice(r.ACS_DPCONFIG - 128, r.ACS_DPCONFIG - 120)
    return [
        replace(path, lanes=tuple(bank * 8 + lane for lane in path.lanes))
        for bank, raw in enumerate(page11)
        for path in group_data_paths(bank, raw[acs])
    ]


def _once(flags: tuple[FlagEvent, ...]) -> list[FlagEvent]:
    """One event per (flag, lanes): a flag byte read twice in one poll counts once."""
    first: dict[tuple[str, tuple[int, ...]], FlagEvent] = {}
    for event in flags:
        first.setdefault((event.name, event.lanes), event)
    return list(first.values())
