"""When to poll a CDB command's status: busy-time bounds learned per CMDID, and the back-off."""

from __future__ import annotations

import math

FIRST_POLL = 0.0002  # s after the trigger when nothing was learned about the command yet
MIN_STEP, STEP_GROWTH = 0.0001, 1.5  # back-off between polls
PROBE_TOLERANCE = 0.02  # learned bounds closer than this share: poll once, at the upper bound
BOUND_DECAY = 0.001  # share of the busy time the lower bound relaxes per run (doubles per streak)


class Pacing:
    """What was learned per CMDID. ``learned`` holds the time after the trigger at which the last
    run was seen done (an upper bound on its busy time) and the time it was last seen busy is
    kept as a lower bound. While they are far apart the first poll probes between them (a
    bisection: each probe halves the gap); once they are within PROBE_TOLERANCE the first poll
    goes at the upper bound, so a module that keeps its pace is polled once per command and the
    host idles at most that share of the busy time. The lower bound relaxes a little every run
    (faster each run a probe succeeds), so a module that got faster is followed; one that got
    slower is busy at the upper bound and polling backs off from there. A command seen for the
    first time is polled soon after the trigger and then with growing steps.
    """

    def __init__(self) -> None:
        self.learned: dict[int, float] = {}  # CMDID -> seconds after the trigger it was seen done
        self._lower: dict[int, tuple[float, int]] = {}  # CMDID -> (seen busy at, probe streak)

    def lower_bound(self, cmd: int) -> float:
        return self._lower.get(cmd, (0.0, 0))[0]

    def learn(self, cmd: int, done_at: float, busy_at: float, probed: bool) -> None:
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


class PollRun:
    """The poll times of one command triggered at ``started``: ``due`` is the next one.

    The first is at ``first`` s after ``started`` if given, else where the learned bounds of
    ``cmd`` put it; a busy status before the upper bound polls again at that bound, a busy one
    past it backs off from MIN_STEP by STEP_GROWTH. Never later than ``deadline``.
    """

    def __init__(
        self, pacing: Pacing, cmd: int, started: float, deadline: float, first: float | None
    ) -> None:
        self.pacing, self.cmd, self.started, self.deadline = pacing, cmd, started, deadline
        learned = pacing.learned.get(cmd) if first is None else None
        self.upper = math.inf if learned is None else learned  # seen done this long after
        self.probe = False
        if learned is None:
            self.due = started + (FIRST_POLL if first is None else first)
        else:
            lower = pacing.lower_bound(cmd)
            self.probe = self.upper - lower > PROBE_TOLERANCE * self.upper
            self.due = min(started + ((lower + self.upper) / 2 if self.probe else self.upper),
                           deadline)  # fmt: skip
        self.busy_at, self.step = -1.0, MIN_STEP
        self.past = learned is None  # seen busy at the upper bound

    def done(self, now: float) -> None:
        """Seen done by the poll issued at ``now``: learn from this run."""
        # not seen busy at the bound: late only by the last poll's bus time
        done_at = now - self.started if self.past else min(now - self.started, self.upper)
        self.pacing.learn(self.cmd, done_at, self.busy_at, self.probe)

    def busy(self, now: float) -> None:
        """Seen busy by the poll issued at ``now``."""
        self.busy_at = now - self.started
        self.past = self.past or now >= self.started + self.upper

    def next(self, now: float) -> None:
        if not self.past:  # busy before the bound: poll again there
            self.due = min(self.started + self.upper, self.deadline)
        else:
            self.step = min(
                self.step * STEP_GROWTH, max(0.001, (self.deadline - self.started) / 20)
            )
            self.due = min(now + self.step, self.deadline)
