"""Host CDB client over any Transport: write a command, poll status adaptively, check replies."""

from __future__ import annotations

from cmis.cdb.errors import (
    CdbAborted,
    CdbNotCaptured,
    CdbReplyError,
    CdbTimeout,
    CdbUnsupported,
    error_for,
)
from cmis.cdb.frame import DEFAULT_MAX_BUSY, CdbAdvertisement
from cmis.cdb.guard import CdbGuard, cdb_guard
from cmis.cdb.pacing import PROBE_TOLERANCE as PROBE_TOLERANCE  # tests tune to it
from cmis.cdb.pacing import Pacing, PollRun
from cmis.cdb.wire import EPL_FIRST as EPL_FIRST  # where the firmware benchmark finds it
from cmis.cdb.wire import STATUS_BYTE, read_reply, write_command
from cmis.clock import Clock, RealClock
from cmis.errors import TransportError
from cmis.transport.base import Transport

ABORT, ABORTED = 0x0004, 0x03  # CMD Abort and its "previous command aborted" status
TIMEOUT_SLACK = 1.25  # x advertised duration, + TIMEOUT_FLOOR: bus and poll granularity
TIMEOUT_FLOOR = 0.010


class CdbClient:
    """One CDB instance of one module. ``command`` is the generic "send this CDB command" entry.

    Status is polled at 00h:37/38 only (never the COR byte 8, which would clear other flags),
    up to the command's advertised maximum duration; NACKs while busy are expected (foreground
    modules) and polling goes on. When to poll is learned per CMDID (Pacing). ``timeouts`` maps
    CMDID -> seconds (advertised MaxDurations, filled by the firmware flow from 0041h); others
    use T_CDBB from 01h:165-166.
    """

    def __init__(self, transport: Transport, *, instance: int = 1, clock: Clock | None = None):
        self.transport, self.instance = transport, instance
        self.clock: Clock = clock or getattr(transport, "clock", None) or RealClock()
        self.guard: CdbGuard = cdb_guard(transport)
        self.timeouts: dict[int, float] = {}
        self.pacing = Pacing()
        self.polls = 0
        self.abort_requested = False  # set from any thread: the running command gets 0004h
        self._unsettled = True
        self._adv: CdbAdvertisement | None = None

    def request_abort(self) -> None:
        """From any thread: the command running now gets CMD Abort (0004h) at its next poll."""
        self.abort_requested = True

    @property
    def learned(self) -> dict[int, float]:
        """CMDID -> seconds after the trigger the last run was seen done."""
        return self.pacing.learned

    @property
    def advertisement(self) -> CdbAdvertisement:
        if self._adv is None:
            self._adv = CdbAdvertisement.parse(self.transport.read(0x01, 163, 4))
            if self._adv.instances < self.instance:
                raise CdbUnsupported(0, None, f"module has {self._adv.instances} CDB instance(s)")
        return self._adv

    def command(
        self, cmd: int, lpl: bytes = b"", epl: bytes = b"", *, reply: bool = True, resend: int = 1
    ) -> bytes:
        """Run one command to completion; returns its reply payload (b"" when ``reply`` is off).

        A status of 00h after the command means the module never captured it (it reset, or a
        stale page selection sent it elsewhere): the selection is dropped and the command is
        sent again ``resend`` times before CdbNotCaptured.
        """
        with self.guard:
            if self._unsettled:
                self.wait_idle()
            self._unsettled = True
            try:
                status = self.wait(cmd, self.send(cmd, lpl, epl))
            finally:
                self.abort_requested = False  # a request is for the command running then
            self._unsettled = False
            if status == ABORTED and cmd != ABORT:
                raise CdbAborted(cmd, status)
            if status & 0x40:
                raise error_for(cmd, status)
            if status == 0:
                self._forget_selection()
                if resend <= 0:
                    raise CdbNotCaptured(cmd, status)
                return self.command(cmd, lpl, epl, reply=reply, resend=resend - 1)
            return self.read_reply(cmd) if reply else b""

    def _forget_selection(self) -> None:
        invalidate = getattr(self.transport, "invalidate", None)
        if invalidate is not None:
            invalidate()

    def wait_idle(self) -> None:
        """Before the first command and after one that did not finish cleanly: let the module
        finish what it is busy with, so its status is not taken for the next command's."""
        self.wait(-1, self.clock.now(), first=0.0)

    def send(self, cmd: int, lpl: bytes = b"", epl: bytes = b"") -> float:
        """Write the command and trigger it (cmis/cdb/wire.py); returns the trigger time."""
        write_command(self.transport, self.instance - 1, self.advertisement, cmd, lpl, epl)
        return self.clock.now()

    def wait(self, cmd: int, started: float, first: float | None = None) -> int:
        """Poll CdbStatus until not busy; CdbTimeout past the command's advertised bound.

        The first poll is at ``first`` s after ``started`` if given, else as learned (PollRun).
        """
        deadline = started + self.timeout(cmd) * TIMEOUT_SLACK + TIMEOUT_FLOOR
        run, clock, aborting = (
            PollRun(self.pacing, cmd, started, deadline, first),
            self.clock,
            False,
        )
        while True:
            now = clock.now()
            if run.due > now:
                clock.sleep(run.due - now)
                now = clock.now()
            status = self._status()
            if status is not None and not status & 0x80:
                if cmd >= 0 and not aborting:
                    run.done(now)
                return status
            run.busy(now)  # when the poll was issued: the module was busy then
            if self.abort_requested and cmd not in (-1, ABORT) and not aborting:
                self.send(ABORT)  # from this thread: the bus stays with the command's owner
                aborting = True
            now = clock.now()
            if now >= deadline:
                raise CdbTimeout(cmd, status, f"still busy after {now - started:.3f} s")
            run.next(now)

    def _status(self) -> int | None:
        self.polls += 1
        try:
            return self.transport.read(0, STATUS_BYTE + self.instance - 1, 1)[0]
        except TransportError:
            return None  # foreground modules NACK while busy

    def timeout(self, cmd: int) -> float:
        """Seconds the module may stay busy with ``cmd`` (advertised; T_CDBB otherwise)."""
        if cmd < 0:  # whatever the module may still be busy with
            return max([self.advertisement.max_busy, *self.timeouts.values()])
        advertised = self.timeouts.get(cmd) or self.advertisement.max_busy
        return advertised or DEFAULT_MAX_BUSY

    def read_reply(self, cmd: int) -> bytes:
        """Reply bytes 136.. after checking RPLLength and RPLChkCode (CMIS.md 9.2)."""
        try:
            return read_reply(self.transport, self.instance - 1, cmd)
        except CdbReplyError:
            self._forget_selection()  # a reset may have moved PageSelect back to 00h
            return read_reply(self.transport, self.instance - 1, cmd)
