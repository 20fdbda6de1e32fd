"""Session: the Module, its clock, ONE lock for all bus access from workers, the CDB guard."""

from __future__ import annotations

import threading
from collections.abc import Callable
from time import time
from typing import Any, TypeVar

import cmis
from cmis.cdb.client import CdbClient
from cmis.cdb.guard import CdbGuard, cdb_guard
from cmis.clock import Clock, RealClock, VirtualClock
from cmis.firmware.updater import FirmwareUpdater
from cmis.firmware.updater import Progress as FirmwareProgress
from cmis.host.module import Module
from cmis.host.targets import DEFAULT_TARGET, split_target
from tui.eventlog import EventLog
from tui.logging_transport import LoggingTransport
from tui.wallclock import WallClock

T = TypeVar("T")


class Session:
    """Everything workers share; ``run`` serialises every bus access under one lock."""

    def __init__(
        self, module: Module, target: str = DEFAULT_TARGET, host_time: Callable[[], float] = time
    ) -> None:
        self.target = target
        self.clock: Clock = module.clock
        self.wall = WallClock(self.clock.now, host_time)  # module time -> host time, once
        self.log = EventLog(self.clock.now, self.wall)
        module.transport = LoggingTransport(module.transport, self.log)
        self.module = module
        self.lock = threading.RLock()
        self.guard: CdbGuard = cdb_guard(module.transport)

    @property
    def device(self) -> Any:
        """The emulated module behind the target (None for real hardware and files)."""
        return self.module.device

    @property
    def emulated(self) -> bool:
        return hasattr(self.device, "faults")

    @property
    def virtual(self) -> bool:
        return isinstance(self.clock, VirtualClock)

    def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.lock:
            return fn(*args, **kwargs)

    def tick(self, seconds: float) -> None:
        """Let virtual time pass between polls (a VirtualClock target would stand still)."""
        if isinstance(self.clock, VirtualClock):
            self.clock.advance(seconds)

    def updater(self, progress: FirmwareProgress | None = None) -> FirmwareUpdater:
        client = CdbClient(self.module.transport, clock=self.clock)
        return FirmwareUpdater(client, progress=progress)


def open_session(target: str | None = None, clock: Clock | None = None) -> Session:
    """Open ``target``; the default emulated module runs in real time, released from LPMode."""
    target = target or DEFAULT_TARGET
    scheme, _ = split_target(target)
    options: dict[str, Any] = {"lpmode": False} if scheme == "emu" else {}
    module = cmis.open(target, clock=clock or RealClock(), **options)
    return Session(module, target)
