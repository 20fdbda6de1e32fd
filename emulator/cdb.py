"""The module side of CDB: capture on the write to 9Fh:129, busy phases on the timer queue, replies.

Timeline of one command (CMIS.md 9.8), T = busy_fraction x advertised duration x busy_scale:
0 status 0x81 (captured, synchronously on the trigger write); 0.1 T 0x82 (checking);
0.2 T validation, then 0x83 (executing) or the failure code at once; T the handler runs, the
reply (RPL length, RPL check code, payload) is written, then the status, then the completion flag.
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING, Any, Protocol

from cmis.codec.codes import CdbStatus
from cmis.errors import TransportError
from emulator.cdb_abort import abort_wanted, stop_running
from emulator.cdb_commands import HANDLERS
from emulator.cdb_config import CdbConfig, cdb_config
from emulator.cdb_handler import Request
from emulator.cdb_request import (
    ABORT,
    CDB_PAGE,
    CMDID_LSB,
    STATUS_BYTE,
    busy_seconds,
    check_request,
    finish,
    read_request,
    set_status,
)
from emulator.cdb_run import publish_versions, run_image
from emulator.firmware import CommandFailed, FirmwareStore
from emulator.ports import Core

if TYPE_CHECKING:
    from emulator.faults import Faults


class CdbPort(Core, Protocol):
    faults: Faults
    unlocked: bool
    password: int
    software_reset: bool


PHASES = ((0.1, "checking"), (0.2, "validate"), (1.0, "done"))


class Cdb:
    """CDB instances 1-2 and the firmware store of one EmulatedModule."""

    def __init__(self, module: CdbPort) -> None:
        self.module = module
        self.config: CdbConfig = cdb_config(module.profile.name, module.profile.data)
        self.firmware = FirmwareStore(self.config)
        self.busy_scale = 1.0  # fault knob: > 1 is slower than advertised
        self.fail_next: dict[int, int] = {}  # fault knob: CMDID -> failure code, used once
        self.tokens = [0, 0]
        self.requests: list[Request | None] = [None, None]
        self.aborted = [False, False]  # the command in progress was stopped by 0004h
        self.run_token = 0
        self.busy_total, self.commands = 0.0, 0  # totals over captured commands (benchmarks)

    # --- hooks called by EmulatedModule ---------------------------------------------------

    def on_write(self, bank: int, offset: int, length: int) -> None:
        """A host write to page 9Fh of ``bank`` covered byte 129: maybe trigger a command."""
        single = (offset, length) in ((128, 2), (CMDID_LSB, 1))
        if bank >= self.config.instances or not (single or self.config.trigger_any_write):
            return
        if self.busy(bank + 1):
            cmd = int.from_bytes(self.module.memory.page(bank, CDB_PAGE)[0:2])
            if not abort_wanted(self, bank, cmd):
                return  # a trigger while busy is ignored; the running command goes on
            stop_running(self, bank)
        self._capture(bank + 1)

    def check_access(self) -> None:
        """NACK every access while busy if the module has no background mode (or the fault)."""
        lower = self.module.memory.lower
        if not (lower[STATUS_BYTE] | lower[STATUS_BYTE + 1]) & 0x80:
            return  # (the module tests the busy bits itself before calling, on every access)
        if not self.config.background or self.module.faults.nack_while_busy:
            raise TransportError("NACK: CDB command in progress (foreground)", errno=errno.EIO)

    def on_timer(self, token: int, event: Any) -> None:
        kind = event[0]
        if kind == "run":
            if token == self.run_token:
                self._run_now(event[1], event[2])
        elif token == self.tokens[event[1] - 1]:
            self._phase(kind, event[1])

    def reset(self) -> None:
        """MgmtInit: commands are forgotten, the firmware boots, versions are republished."""
        self.tokens = [t + 1 for t in self.tokens]
        self.requests, self.run_token = [None, None], self.run_token + 1
        self.aborted = [False, False]
        self.firmware.boot()
        publish_versions(self.module.memory, self.firmware)

    def power_on(self) -> None:
        self.firmware.power_lost()

    # --- state ---------------------------------------------------------------------------

    def busy(self, instance: int) -> bool:
        return bool(self.module.memory.lower[STATUS_BYTE + instance - 1] & 0x80)

    # --- one command -----------------------------------------------------------------------

    def _capture(self, instance: int) -> None:
        request = read_request(self.module.memory, instance, self.config.epl_pages)
        self.requests[instance - 1] = request
        set_status(self.module.memory, instance, CdbStatus.BusyCaptured)
        self.tokens[instance - 1] += 1
        busy = busy_seconds(self.config, request.cmd, self.busy_scale)
        self.busy_total, self.commands = self.busy_total + busy, self.commands + 1
        for fraction, kind in PHASES:
            self.module.schedule("cdb", self.tokens[instance - 1], (kind, instance),
                                 fraction * busy)  # fmt: skip

    def _phase(self, kind: str, instance: int) -> None:
        if kind == "checking":
            set_status(self.module.memory, instance, CdbStatus.BusyChecking)
        elif kind == "validate":
            self._validate(instance)
        else:
            self._execute(instance)

    def _validate(self, instance: int) -> None:
        try:
            check_request(self, instance)
        except CommandFailed as failed:
            self.tokens[instance - 1] += 1  # drop the "done" phase
            finish(self, instance, failed.status, b"")
            return
        set_status(self.module.memory, instance, CdbStatus.BusyExecuting)

    def _execute(self, instance: int) -> None:
        req = self.requests[instance - 1]
        assert req is not None
        try:
            reply = HANDLERS[req.cmd](self, req)
        except CommandFailed as failed:
            finish(self, instance, failed.status, b"")
            return
        aborted = req.cmd == ABORT and self.aborted[instance - 1]
        finish(self, instance, CdbStatus.SuccessAborted if aborted else CdbStatus.Success, reply)

    # --- run ---------------------------------------------------------------------------------

    def schedule_run(self, slot: int, *, hitless: bool, delay: float) -> None:
        """0109h: switch to ``slot`` after ``delay`` s, by a reset unless it can be hitless."""
        self.run_token += 1
        self.module.schedule("cdb", self.run_token, ("run", slot, hitless), delay)

    def _run_now(self, slot: int, hitless: bool) -> None:
        run_image(self.module, self.firmware, slot, hitless)
