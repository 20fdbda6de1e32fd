"""Host CDB client over any Transport: write a command, poll status adaptively, check replies."""

from __future__ import annotations

import math
from collections.abc import Callable

from cmis.cdb.errors import (
    CdbAborted,
    CdbNotCaptured,
    CdbReplyError,
    CdbTimeout,
    CdbUnsupported,
    error_for,
)
from cmis.cdb.frame import DEFAULT_MAX_BUSY, CdbAdvertisement, frame, reply_ok
from cmis.cdb.guard import CdbGuard, cdb_guard
from cmis.clock import Clock, RealClock
from cmis.errors import TransportError
from cmis.transport.base import Transport

CDB_PAGE, EPL_FIRST, STATUS_BYTE = 0x9F, 0xA0, 37
ABORT, ABORTED = 0x0004, 0x03  # CMD Abort and its "previous command aborted" status
FIRST_POLL = 0.0002  # s after the trigger when nothing was learned about the command yet
MIN_STEP, STEP_GROWTH = 0.0001, 1.5  # back-off between polls
PROBE_TOLERANCE = 0.02  # learned bounds closer than this share: poll once, at the upper bound
BOUND_DECAY = 0.001  # share of the busy time the lower bound relaxes per run (doubles per streak)
TIMEOUT_SLACK = 1.25  # x advertised duration, + TIMEOUT_FLOOR: bus and poll granularity
TIMEOUT_FLOOR = 0.010


class CdbClient:
    """One CDB instance of one module. ``command`` is the generic "send this CDB command" entry.

    Status is polled at 00h:37/38 only (never the COR byte 8, which would clear other flags),
    up to the command's advertised maximum duration; NACKs while busy are expected (foreground
    modules) and polling goes on. When to poll is learned per CMDID: ``learned`` holds the time
    after the trigger at which the last run was seen done (an upper bound on its busy time) and
    the time it was last seen busy is kept as a lower bound. While they are far apart the first
    poll probes between them (a bisection: each probe halves the gap); once they are within
    PROBE_TOLERANCE the first poll goes at the upper bound, so a module that keeps its pace is
    polled once per command and the host idles at most that share of the busy time. The lower
    bound relaxes a little every run (faster each run a probe succeeds), so a module that got
    faster is followed; one that got slower is busy at the upper bound and polling backs off
    from there. A command seen for the first time is polled soon after the trigger and then with
    growing steps. ``timeouts`` maps CMDID -> seconds (advertised MaxDurations, filled by the
    firmware flow from 0041h); others use T_CDBB from 01h:165-166.
    """

    def __init__(self, transport: Transport, *, instance: int = 1, clock: Clock | None = None):
        self.transport, self.instance = transport, instance
        self.clock: Clock = clock or getattr(transport, "clock", None) or RealClock()
        self.guard: CdbGuard = cdb_guard(transport)
        self.timeouts: dict[int, float] = {}
        self.learned: dict[int, float] = {}  # CMDID -> seconds after the trigger it was seen done
        self._lower: dict[int, tuple[float, int]] = {}  # CMDID -> (seen busy at, probe streak)
        self.polls = 0
        self.abort_requested = False  # set from any thread: the running command gets 0004h
        self._unsettled = True
        self._adv: CdbAdvertisement | None = None

    def request_abort(self) -> None:
        """From any thread: the command running now gets CMD Abort (0004h) at its next poll."""
        self.abort_requested = True

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
        """Write EPL, then header + LPL, then CMDID (the trigger); returns the trigger time.

        Each write goes out in as few transactions as the advertised CDB write length allows
        (one for a whole LPL with ``rw_length_ext`` >= 15, one per EPL page half up to 128).
        """
        body = frame(cmd, lpl, len(epl))
        bank, adv = self.instance - 1, self.advertisement
        if epl:
            write = self._writer(adv.epl_write_limit)
            for k in range(0, len(epl), 128):
                write(EPL_FIRST + k // 128, 128, epl[k : k + 128])
        self._write(CDB_PAGE, 130, body[2:], adv.lpl_write_limit)
        self.transport.write(CDB_PAGE, 128, body[:2], bank=bank)  # 2-byte write at 128 triggers
        return self.clock.now()

    def _write(self, page: int, offset: int, data: bytes, limit: int) -> None:
        self._writer(limit)(page, offset, data)

    def _writer(self, limit: int) -> Callable[[int, int, bytes], None]:
        """A host write in transactions of up to the CDB ``limit`` where the transport can
        take a per-call limit (TwiTransport and its wrappers); others chunk as they always do.
        Decided once per command, not once per EPL page."""
        bank, write = self.instance - 1, self.transport.write
        if limit > getattr(self.transport, "max_write", limit):
            return lambda page, offset, data: write(page, offset, data, bank, max_write=limit)  # type: ignore[call-arg]
        return lambda page, offset, data: write(page, offset, data, bank)

    def wait(self, cmd: int, started: float, first: float | None = None) -> int:
        """Poll CdbStatus until not busy; CdbTimeout past the command's advertised bound.

        The first poll is at ``first`` s after ``started`` if given, else where the learned
        bounds of ``cmd`` put it (see the class); a busy status before the upper bound polls
        again at that bound, a busy one past it backs off from MIN_STEP by STEP_GROWTH.
        """
        deadline = started + self.timeout(cmd) * TIMEOUT_SLACK + TIMEOUT_FLOOR
        clock = self.clock
        learned = self.learned.get(cmd) if first is None else None
        upper = math.inf if learned is None else learned  # seen done this long after, last time
        probe = False
        if learned is None:
            due = started + (FIRST_POLL if first is None else first)
        else:
            lower = self._lower.get(cmd, (0.0, 0))[0]
            probe = upper - lower > PROBE_TOLERANCE * upper
            due = min(started + ((lower + upper) / 2 if probe else upper), deadline)
        busy_at, step, past = -1.0, MIN_STEP, learned is None  # past: seen busy at the bound
        aborting = False
        while True:
            now = clock.now()
            if due > now:
                clock.sleep(due - now)
                now = clock.now()
            status = self._status()
            if status is not None and not status & 0x80:
                if (
                    cmd >= 0 and not aborting
                ):  # not seen busy at the bound: late only by the last poll's bus time
                    done_at = now - started if past else min(now - started, upper)
                    self._learn(cmd, done_at, busy_at, probe)
                return status
            busy_at = now - started  # when the poll was issued: the module was busy then
            if self.abort_requested and cmd not in (-1, ABORT) and not aborting:
                self.send(ABORT)  # from this thread: the bus stays with the command's owner
                aborting = True
            past = past or now >= started + upper
            now = clock.now()
            if now >= deadline:
                raise CdbTimeout(cmd, status, f"still busy after {now - started:.3f} s")
            if not past:  # busy before the bound: poll again there
                due = min(started + upper, deadline)
            else:
                step = min(step * STEP_GROWTH, max(0.001, (deadline - started) / 20))
                due = min(now + step, deadline)

    def _learn(self, cmd: int, done_at: float, busy_at: float, probed: bool) -> None:
        """Keep the bounds of ``cmd``: seen done at ``done_at``, last seen busy at ``busy_at``
        (< 0: not this run), ``probed`` if the first poll was a probe below the upper bound.
        Times are when polls were issued, so a fixed bus latency is on both sides and does not
        accumulate."""
        self.learned[cmd] = done_at
        if busy_at >= 0:
            self._lower[cmd] = (busy_at, 0)
            return
        lower, streak = self._lower.get(cmd, (0.0, 0))
        if probed:  # done at a probe below the upper bound: maybe faster than the lower bound
            streak += 1
        lower -= BOUND_DECAY * (1 << min(streak, 10)) * done_at
        self._lower[cmd] = (min(max(lower, 0.0), done_at), streak)

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
            return self._reply(cmd)
        except CdbReplyError:
            self._forget_selection()  # a reset may have moved PageSelect back to 00h
            return self._reply(cmd)

    def _reply(self, cmd: int) -> bytes:
        length, check = self.transport.read(CDB_PAGE, 134, 2, bank=self.instance - 1)
        if length > 120:
            raise CdbReplyError(cmd, None, f"RPLLength {length} is larger than 120")
        payload = (
            self.transport.read(CDB_PAGE, 136, length, bank=self.instance - 1) if length else b""
        )
        if not reply_ok(length, check, payload):
            raise CdbReplyError(cmd, None, f"RPLChkCode {check:02X}h does not match the payload")
        return payload
