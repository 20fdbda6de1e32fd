"""What one poll reads from the module: state, lanes, data paths, DOM, flags, a watched page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cmis.codec.codes import ModuleState, describe, to_enum
from cmis.codec.explain import Problem, problems
from cmis.codec.pages.lower import LowerMemory
from cmis.host.flags import FlagEvent
from cmis.host.lanes import DataPath
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
    """One poll's worth of module state; everything the screens render comes from here."""

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


def read_page(module: Module, page: int | str, bank: int) -> PageView:
    if isinstance(page, str) and page.startswith("lower+"):  # "lower+11h": the 256-byte view
        data = module.lower() + module.read(int(page[6:8], 16), 128, 128, bank)
    else:
        data = module.lower() if page == "lower" else module.read(int(page), 128, 128, bank)
    return PageView(page, bank, data)


def take(module: Module, watch: tuple[int | str, int] | None = None) -> Snapshot:
    """Read everything a screen shows, in as few reads as the host API allows."""
    lower = LowerMemory.parse(module.lower())
    lanes, paths = module.lanes(), module.data_paths()
    dom = module.dom()
    page = read_page(module, *watch) if watch else None
    return Snapshot(
        time=module.clock.now(),
        state=describe(to_enum(ModuleState, lower.GlobalStatus.ModuleState)),
        intl=not lower.GlobalStatus.InterruptDeasserted,
        fault_cause=describe(getattr(lower, "ModuleFaultCause", 0)),
        lanes=lanes,
        data_paths=paths,
        dom=dom,
        new_flags=_drain_flags(module),
        page=page,
    )


def _drain_flags(module: Module) -> list[FlagEvent]:
    """The flags read since the last poll, once per (flag, lanes); the module's list is emptied.

    Draining (not slicing by length) keeps this right once the bounded history is full, and a
    flag byte read twice in one poll (status and DOM both cover page 11h) counts once.
    """
    first: dict[tuple[str, tuple[int, ...]], FlagEvent] = {}
    for event in module.flags:
        first.setdefault((event.name, event.lanes), event)
    module.flags.clear()
    return list(first.values())
