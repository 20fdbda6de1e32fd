"""The module side of CDB: capture on the write to 9Fh:129, busy phases on the timer queue, replies.

Timeline of one command (CMIS.md 9.8), T = busy_fraction x advertised duration x busy_scale:
0 status 0x81 (captured, synchronously on the trigger write); 0.1 T 0x82 (checking);
0.2 T validation, then 0x83 (executing) or the failure code at once; T the handler runs, the
reply (RPL length, RPL check code, payload) is written, then the status, then the completion flag.
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING, Any, Protocol

from cmis.cdb.replies import CdbCommand
from cmis.codec.codes import CdbStatus
from cmis.codec.pages.page9f import cdb_check_code
from cmis.errors import TransportError
from emulator.cdb_abort import abort_wanted, stop_running
from emulator.cdb_commands import DURATION_OF, HANDLERS, PROTECTED, Request
from emulator.cdb_config import CdbConfig, cdb_config
from emulator.firmware import CommandFailed, FirmwareStore
from emulator.ports import Core

if TYPE_CHECKING:
    from emulator.faults import Faults


class CdbPort(Core, Protocol):
    faults: Faults
    unlocked: bool
    password: int
    software_reset: bool


CDB_PAGE, EPL_FIRST, CMDID_LSB = 0x9F, 0xA0, 129
STATUS_BYTE = 37  # 00h:37 instance 1, 38 instance 2
FLAGS_BYTE, COMPLETE_BIT = 8, 0x40  # 00h:8 bit 6 instance 1, bit 7 instance 2
ACTIVE_FW, INACTIVE_FW = 39, 128  # 00h:39-40 and 01h:128-129
LPL_MAX = 120
ABORT = CdbCommand.AbortCommand  # the one trigger a busy instance may take (cdb_abort.py)
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
        self.publish_versions()

    def power_on(self) -> None:
        self.firmware.power_lost()

    # --- state ---------------------------------------------------------------------------

    def busy(self, instance: int) -> bool:
        return bool(self.module.memory.lower[STATUS_BYTE + instance - 1] & 0x80)

    def publish_versions(self) -> None:
        fw, memory = self.firmware, self.module.memory
        memory.lower[ACTIVE_FW : ACTIVE_FW + 2] = bytes(fw.images[fw.running].version[:2])
        other = fw.images[fw.inactive]
        inactive = bytes(other.version[:2]) if other.valid else bytes(2)
        memory.page(0, 0x01)[INACTIVE_FW - 128 : INACTIVE_FW - 126] = inactive

    # --- one command -----------------------------------------------------------------------

    def _capture(self, instance: int) -> None:
        page = self.module.memory.page(instance - 1, CDB_PAGE)
        lpl_len, epl_len = page[4], int.from_bytes(page[2:4])
        request = Request(instance, int.from_bytes(page[0:2]), bytes(page[8 : 8 + lpl_len]),
                          self._epl(instance - 1, epl_len))  # fmt: skip
        self.requests[instance - 1] = request
        self._status(instance, CdbStatus.BusyCaptured)
        self.tokens[instance - 1] += 1
        busy = self._busy_seconds(request.cmd)
        self.busy_total, self.commands = self.busy_total + busy, self.commands + 1
        for fraction, kind in PHASES:
            self.module.schedule("cdb", self.tokens[instance - 1], (kind, instance),
                                 fraction * busy)  # fmt: skip

    def _epl(self, bank: int, length: int) -> bytes:
        """The first ``length`` bytes of the EPL pages (only the pages that hold them)."""
        if not length:
            return b""
        count = min(self.config.epl_pages, -(-length // 128))
        page = self.module.memory.page
        return b"".join([page(bank, EPL_FIRST + i) for i in range(count)])[:length]

    def _busy_seconds(self, cmd: int) -> float:
        name = DURATION_OF.get(cmd)
        ms = self.config.durations_ms[name] if name else self.config.max_completion_ms
        scale = 1.0 if cmd == ABORT else self.busy_scale  # the way out is not slowed
        return ms / 1000 * self.config.busy_fraction * scale

    def _phase(self, kind: str, instance: int) -> None:
        if kind == "checking":
            self._status(instance, CdbStatus.BusyChecking)
        elif kind == "validate":
            self._validate(instance)
        else:
            self._execute(instance)

    def _validate(self, instance: int) -> None:
        try:
            self._check_request(instance)
        except CommandFailed as failed:
            self.tokens[instance - 1] += 1  # drop the "done" phase
            self._finish(instance, failed.status, b"")
            return
        self._status(instance, CdbStatus.BusyExecuting)

    def _check_request(self, instance: int) -> None:
        page = self.module.memory.page(instance - 1, CDB_PAGE)
        req = self.requests[instance - 1]
        assert req is not None
        if page[4] > LPL_MAX or len(req.epl) < int.from_bytes(page[2:4]):
            raise CommandFailed(CdbStatus.FailedParameter, "LPLLength or EPLLength too large")
        if ~(sum(page[: 8 + page[4]]) - page[5]) & 0xFF != page[5]:  # 133 counts as 0
            raise CommandFailed(CdbStatus.FailedCheckCode, "CdbChkCode mismatch")
        if req.cmd not in HANDLERS or (req.cmd == ABORT and not self.config.abort_command):
            raise CommandFailed(CdbStatus.FailedUnknownCommand, f"CMDID {req.cmd:04X}h")
        if req.cmd in PROTECTED and self.config.password_required and not self.module.unlocked:
            raise CommandFailed(CdbStatus.FailedPassword, "firmware commands need a password")
        if req.cmd in self.fail_next:
            raise CommandFailed(self.fail_next.pop(req.cmd), "injected failure")
        failure = self.module.faults.cdb_failure(req.cmd)
        if failure is not None:
            raise CommandFailed(failure, "injected fault: cdb_fail")

    def _execute(self, instance: int) -> None:
        req = self.requests[instance - 1]
        assert req is not None
        try:
            reply = HANDLERS[req.cmd](self, req)
        except CommandFailed as failed:
            self._finish(instance, failed.status, b"")
            return
        aborted = req.cmd == ABORT and self.aborted[instance - 1]
        self._finish(instance, CdbStatus.SuccessAborted if aborted else CdbStatus.Success, reply)

    def _finish(self, instance: int, status: int, reply: bytes) -> None:
        """Reply first, then the status that clears busy, then the latched completion flag."""
        page = self.module.memory.page(instance - 1, CDB_PAGE)
        page[6], page[7] = len(reply), cdb_check_code(reply)
        page[8 : 8 + len(reply)] = reply
        self.requests[instance - 1] = None
        self.aborted[instance - 1] = False
        self._status(instance, status)
        lower, bit = self.module.memory.lower, COMPLETE_BIT << (instance - 1)
        if not lower[FLAGS_BYTE] & bit:  # still latched from an earlier command: IntL as it was
            lower[FLAGS_BYTE] |= bit
            self.module.refresh_interrupt()

    def _status(self, instance: int, status: int) -> None:
        self.module.memory.lower[STATUS_BYTE + instance - 1] = status

    # --- run ---------------------------------------------------------------------------------

    def schedule_run(self, slot: int, *, hitless: bool, delay: float) -> None:
        """0109h: switch to ``slot`` after ``delay`` s, by a reset unless it can be hitless."""
        self.run_token += 1
        self.module.schedule("cdb", self.run_token, ("run", slot, hitless), delay)

    def _run_now(self, slot: int, hitless: bool) -> None:
        if hitless:
            self.firmware.running = slot
            self.publish_versions()
            return
        self.firmware.next_boot = slot
        self.module.software_reset = True  # through the module state machine: ResetS
        self.module.settle()
