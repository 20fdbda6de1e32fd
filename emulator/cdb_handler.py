"""What a CDB command handler gets: the captured request and a narrow view of the engine."""

from __future__ import annotations

from typing import NamedTuple, Protocol

from cmis.codec.codes import CdbStatus
from emulator.cdb_config import CdbConfig
from emulator.firmware import CommandFailed, FirmwareStore


class Lock(Protocol):
    """The module's password state, which Enter Password and Query Status use."""

    unlocked: bool
    password: int


class Cdb(Protocol):
    """What a handler uses of the CDB engine (emulator.cdb.Cdb)."""

    config: CdbConfig
    firmware: FirmwareStore

    @property
    def module(self) -> Lock: ...

    def schedule_run(self, slot: int, *, hitless: bool, delay: float) -> None: ...


class Request(NamedTuple):
    """A captured command: what page 9Fh (and the EPL pages) held when it was triggered."""

    instance: int
    cmd: int
    lpl: bytes
    epl: bytes


def need_lpl(req: Request, size: int, what: str) -> None:
    if len(req.lpl) < size:
        raise CommandFailed(
            CdbStatus.FailedParameter, f"{what} needs {size} LPL bytes, got {len(req.lpl)}"
        )
