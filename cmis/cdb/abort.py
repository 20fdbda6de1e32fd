"""Stop the CDB command another host (or process) left running: CMD Abort (0004h).

Only 0004h is taken by a busy instance; a module without it ignores the trigger and the running
command ends on its own. That case is told apart by asking once more while idle: a module that
does not know 0004h answers 0x41 (CMIS.md 9.3, 9.8).
"""

from __future__ import annotations

from dataclasses import dataclass

from cmis.cdb.client import ABORT, ABORTED, CdbClient
from cmis.cdb.errors import CdbUnknownCommand, CdbUnsupported
from cmis.cdb.wire import CDB_PAGE


@dataclass(frozen=True)
class AbortOutcome:
    """What ``abort_running`` found: the CMDID that was running (None: idle) and its end."""

    running: int | None
    stopped: bool
    status: int  # the final CdbStatus: 0x03 when stopped, else the command's own result

    def line(self) -> str:
        if self.running is None:
            return "no CDB command was running"
        what = f"CDB command {self.running:04X}h"
        if self.stopped:
            return f"{what} stopped by CMD Abort (0004h)"
        return f"{what} finished (status 0x{self.status:02X}) before the abort took effect"


def abort_running(client: CdbClient) -> AbortOutcome:
    """Send 0004h if the instance is busy; CdbUnsupported if the module does not take it."""
    bank = client.instance - 1
    with client.guard:
        if not client.transport.read(0, 37 + bank, 1)[0] & 0x80:
            return AbortOutcome(None, False, 0)
        running = int.from_bytes(client.transport.read(CDB_PAGE, 128, 2, bank=bank))
        client.timeouts[ABORT] = client.timeout(-1)  # ignored, it waits for the running one
        status = client.wait(ABORT, client.send(ABORT))
        if status == ABORTED:
            return AbortOutcome(running, True, status)
        try:  # ignored, or too late: a module that knows 0004h takes it now that it is idle
            client.command(ABORT, reply=False)
        except CdbUnknownCommand:
            raise CdbUnsupported(
                ABORT, 0x41, f"the module does not support CMD Abort; {running:04X}h ran to its end"
            ) from None
        return AbortOutcome(running, False, status)
