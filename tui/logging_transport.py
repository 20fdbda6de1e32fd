"""A Transport decorator that writes every host read/write (and CDB command) to the EventLog."""

from __future__ import annotations

from typing import Any

from cmis.cdb.replies import CdbCommand
from cmis.errors import TransportError
from tui.eventlog import EventLog

CDB_PAGE, CDB_CMDID = 0x9F, 128
QUIET = frozenset({CdbCommand.WriteBlockLpl, CdbCommand.WriteBlockEpl})  # thousands per update


class LoggingTransport:
    """Wraps ``inner``; exposes its ``device`` (so the CDB guard is shared) and other attributes."""

    def __init__(self, inner: Any, log: EventLog) -> None:
        self.inner, self.log = inner, log
        self.device = getattr(inner, "device", inner)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes:
        where = f"read  {bank}:{page:02X}h byte {offset} +{length}"
        try:
            data = self.inner.read(page, offset, length, bank)
        except TransportError as err:
            self.log.add("error", f"{where}: {err}")
            raise
        self.log.add("bus", f"{where}: {data[:16].hex(' ')}{' ...' if length > 16 else ''}")
        return data

    def write(self, page: int, offset: int, data: bytes, bank: int = 0, **limits: int) -> None:
        where = f"write {bank}:{page:02X}h byte {offset}: {bytes(data[:16]).hex(' ')}"
        try:
            self.inner.write(page, offset, data, bank, **limits)  # limits: a CDB max_write
        except TransportError as err:
            self.log.add("error", f"{where}: {err}")
            raise
        self.log.add("bus", where)
        if page == CDB_PAGE and offset == CDB_CMDID and len(data) >= 2:
            cmdid = int.from_bytes(data[:2], "big")
            if cmdid not in QUIET:
                self.log.add("cdb", f"command {_command(cmdid)}")


def _command(cmdid: int) -> str:
    try:
        return f"{CdbCommand(cmdid).name} ({cmdid:04X}h)"
    except ValueError:
        return f"{cmdid:04X}h"
