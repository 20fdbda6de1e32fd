"""Timeouts from the module's advertised durations plus a margin, and a polling wait on a Clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from cmis.clock import Clock
from cmis.codec.codes import MaxDuration
from cmis.codec.pages.page01 import parse_page01
from cmis.errors import TransportError, WaitTimeoutError

T = TypeVar("T")
MIN_POLL, FIRST_POLL, MAX_POLL = 0.001, 0.005, 0.1  # seconds: fast first, then back off
MAX_STEP = 0.25  # s: the longest step between polls of an advertised wait


@dataclass(frozen=True)
class Margin:
    """How much longer than advertised we wait: ``advertised * factor + extra`` seconds.

    Modules lie (reference/PEERS.md items 11-17): SONiC multiplies DPInit by 10 when <= 1 s.
    """

    factor: float = 3.0
    extra: float = 0.5

    def apply(self, seconds: float) -> float:
        return seconds * self.factor + self.extra


@dataclass(frozen=True)
class Durations:
    """Advertised maximum durations (seconds, upper bound of each band) from page 01h."""

    dp_init: float
    dp_deinit: float
    module_pwr_up: float
    module_pwr_dn: float
    tx_turn_on: float
    tx_turn_off: float

    @classmethod
    def from_page01(cls, raw01: bytes) -> Durations:
        p01 = parse_page01(raw01)
        dp, mod, tx = p01.DataPathDurations, p01.ModuleDurations, p01.TxDurations
        return cls(
            _s(dp.MaxDurationDPInit),
            _s(dp.MaxDurationDPDeinit),
            _s(mod.MaxDurationModulePwrUp),
            _s(mod.MaxDurationModulePwrDn),
            _s(tx.MaxDurationDPTxTurnOn),
            _s(tx.MaxDurationDPTxTurnOff),
        )


DEFAULT_DURATION = 60.0  # what a reserved code (14-15) or a flat module gets (SONiC's default)


def _s(code: object) -> float:
    return code.seconds if isinstance(code, MaxDuration) else DEFAULT_DURATION


def wait_for(
    clock: Clock,
    probe: Callable[[], T],
    done: Callable[[T], bool],
    timeout: float,
    describe: Callable[[T | None, float], str],
    *,
    step: float | None = None,
) -> T:
    """Poll ``probe()`` until ``done(value)``; bus errors while waiting count as "not yet".

    Polls at once, then every ``step`` seconds when given, else backing off from FIRST_POLL.
    Raises WaitTimeoutError with ``describe(last value, waited seconds)`` after ``timeout``.
    """
    start, delay, last = clock.now(), step or FIRST_POLL, None
    while True:
        try:
            last = probe()
            if done(last):
                return last
        except TransportError:
            pass  # a module may NACK while busy (reset, MgmtInit, DPInit)
        waited = clock.now() - start
        if waited >= timeout:
            raise WaitTimeoutError(describe(last, waited))
        # never sleep less than a millisecond: a float remainder could stop time advancing
        clock.sleep(max(min(delay, timeout - waited), MIN_POLL))
        delay = delay if step else min(delay * 2, MAX_POLL)


def poll_step(advertised: float) -> float:
    """Seconds between polls of a wait the module advertises: a quarter of it, so a module as
    fast as advertised is seen within 25 % of its time, in a handful of reads."""
    return min(max(advertised / 4, MIN_POLL), MAX_STEP)
