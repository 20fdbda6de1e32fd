"""CMD Abort (0004h): the one trigger a busy CDB instance takes; it stops the running command.

A trigger while busy is otherwise ignored (CMIS.md 9.8). A module that supports Abort (profile
``[cdb] abort_command``) captures 0004h even then: the running command is dropped before its
handler runs, so it takes no effect; a firmware download it belonged to is dropped as 0102h
would (the target image stays erased, the committed image untouched). The 0004h command then
goes through its own busy phases and ends with 0x03 ("previous command aborted").
"""

from __future__ import annotations

from typing import Protocol

from cmis.cdb.replies import CdbCommand as C
from emulator.cdb_config import CdbConfig
from emulator.cdb_handler import Request
from emulator.firmware import FirmwareStore


class Cdb(Protocol):
    """What abort uses of the CDB engine (emulator.cdb.Cdb)."""

    config: CdbConfig
    firmware: FirmwareStore
    requests: list[Request | None]
    aborted: list[bool]


DOWNLOAD = frozenset({C.StartDownload, C.WriteBlockLpl, C.WriteBlockEpl, C.CompleteDownload})


def abort_wanted(cdb: Cdb, bank: int, cmd: int) -> bool:
    """A busy instance takes a trigger of ``cmd`` only for 0004h, and only where supported."""
    running = cdb.requests[bank]
    return (
        cmd == C.AbortCommand
        and cdb.config.abort_command
        and running is not None
        and running.cmd != C.AbortCommand
    )


def stop_running(cdb: Cdb, bank: int) -> None:
    """Drop the command in progress on ``bank`` (its timer phases die with the next capture)."""
    running = cdb.requests[bank]
    assert running is not None
    cdb.aborted[bank] = True
    if running.cmd in DOWNLOAD:
        cdb.firmware.abort()  # a half-written block cannot be trusted: the download is over
