"""Injected time: the Clock protocol, RealClock (and ScaledClock), VirtualClock for tests."""

from __future__ import annotations

import heapq
import math
import threading
import time
from collections.abc import Callable
from typing import Protocol, runtime_checkable

__all__ = ["Clock", "RealClock", "ScaledClock", "TimerHandle", "VirtualClock"]


@runtime_checkable
class Clock(Protocol):
    """A source of monotonic time in seconds that can also wait."""

    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class RealClock:
    """Wall time: the only place in ``cmis`` that calls ``time.monotonic`` and ``time.sleep``."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        _check_duration("sleep", seconds)
        time.sleep(seconds)


class ScaledClock:
    """Wall time running ``speed`` times faster (an emulated chassis served in real time)."""

    def __init__(self, speed: float = 1.0) -> None:
        if not speed > 0 or math.isinf(speed):
            raise ValueError(f"speed must be a finite number > 0, got {speed!r}")
        self.speed = float(speed)
        self._t0 = time.monotonic()

    def now(self) -> float:
        return self._t0 + (time.monotonic() - self._t0) * self.speed

    def sleep(self, seconds: float) -> None:
        _check_duration("sleep", seconds)
        time.sleep(seconds / self.speed)


class TimerHandle:
    """A callback scheduled on a VirtualClock; ``cancel()`` it before it fires to drop it."""

    __slots__ = ("_callback", "_clock", "_state", "when")

    def __init__(self, clock: VirtualClock, when: float, callback: Callable[[], object]) -> None:
        self._clock = clock
        self._callback = callback
        self._state = "pending"
        self.when = when

    @property
    def cancelled(self) -> bool:
        return self._state == "cancelled"

    def cancel(self) -> None:
        """Drop the callback; harmless if it already fired or was cancelled."""
        self._clock._cancel(self)

    def __repr__(self) -> str:
        return f"<TimerHandle when={self.when!r} {self._state}>"


class VirtualClock:
    """Simulated time: ``sleep`` and ``advance`` jump instantly, firing due timers in order.

    Timers fire in ``(when, scheduling order)`` order as time passes them (``when <= new now``),
    and ``now()`` reads exactly the timer's ``when`` while its callback runs, so a timer that
    schedules the next one with ``call_later`` chains without drift. Callbacks may schedule or
    cancel timers; new ones fire in the same advance if they are due. A timer set at or before
    the current time fires on the next ``advance``/``sleep``, even ``sleep(0)``, and then sees the
    current time (time never runs backwards). If a callback raises, the exception propagates out
    of the advance with the clock left at that timer's time and later timers still pending.

    Thread safety: one re-entrant lock guards the clock, and an advance holds it while callbacks
    run, so concurrent ``sleep`` calls serialise instead of corrupting the timer heap. Callbacks
    must therefore not block on another thread that is itself waiting for this clock.
    """

    def __init__(self, start: float = 0.0) -> None:
        self._now = float(start)
        self._heap: list[tuple[float, int, TimerHandle]] = []
        self._seq = 0
        self._live = 0
        self._lock = threading.RLock()

    def now(self) -> float:
        return self._now

    def sleep(self, seconds: float) -> None:
        _check_duration("sleep", seconds)
        self.advance(seconds)

    def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds``, firing every timer that falls due on the way."""
        _check_duration("advance", seconds)
        with self._lock:
            self._run_until(self._now + seconds)

    def advance_to(self, when: float) -> None:
        """Move time forward to ``when`` (not before now), firing due timers on the way."""
        with self._lock:
            if not when >= self._now or math.isinf(when):
                raise ValueError(f"advance_to({when!r}): time is {self._now!r} and cannot go back")
            self._run_until(when)

    def call_at(self, when: float, callback: Callable[[], object]) -> TimerHandle:
        """Run ``callback()`` when time reaches ``when`` (next advance if that is not later)."""
        if math.isnan(when):
            raise ValueError("call_at: when is NaN")
        with self._lock:
            handle = TimerHandle(self, when, callback)
            heapq.heappush(self._heap, (when, self._seq, handle))
            self._seq += 1
            self._live += 1
            return handle

    def call_later(self, delay: float, callback: Callable[[], object]) -> TimerHandle:
        """Run ``callback()`` ``delay`` seconds from now."""
        return self.call_at(self._now + delay, callback)

    def pending(self) -> int:
        """How many timers are scheduled and not yet fired or cancelled."""
        return self._live

    def next_deadline(self) -> float | None:
        """When the earliest pending timer is due, or None if there is none."""
        with self._lock:
            self._drop_cancelled_head()
            return self._heap[0][0] if self._heap else None

    def _run_until(self, target: float) -> None:
        while True:
            self._drop_cancelled_head()
            if not self._heap or self._heap[0][0] > target:
                break
            when, _, handle = heapq.heappop(self._heap)
            handle._state = "fired"
            self._live -= 1
            self._now = max(self._now, when)
            handle._callback()
        # A callback may itself have slept past the target; time still only moves forward.
        self._now = max(self._now, target)

    def _cancel(self, handle: TimerHandle) -> None:
        with self._lock:
            if handle._state != "pending":
                return
            handle._state = "cancelled"
            self._live -= 1
            # Cancelled entries are dropped lazily; compact when they dominate the heap.
            if len(self._heap) > 64 and self._live < len(self._heap) // 2:
                self._heap = [entry for entry in self._heap if entry[2]._state == "pending"]
                heapq.heapify(self._heap)

    def _drop_cancelled_head(self) -> None:
        while self._heap and self._heap[0][2]._state == "cancelled":
            heapq.heappop(self._heap)


def _check_duration(what: str, seconds: float) -> None:
    if not seconds >= 0 or math.isinf(seconds):
        raise ValueError(f"{what}({seconds!r}): duration must be a finite number >= 0")
