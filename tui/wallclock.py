"""WallClock: module-clock seconds as the host's local wall-clock time (offset taken once)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime


class WallClock:
    """``epoch(t)``: the wall time at module time ``t``. The offset between the two clocks is
    taken once, at session start, so a VirtualClock maps each ``t`` to the same time however
    long the test takes, and events logged with their own module time get their own time."""

    def __init__(self, now: Callable[[], float], wall: Callable[[], float] = time.time) -> None:
        self.offset = wall() - now()

    def epoch(self, t: float) -> float:
        return self.offset + t

    def at(self, t: float) -> datetime:
        """Local time with its timezone (ISO 8601 for saved logs)."""
        return datetime.fromtimestamp(self.epoch(t)).astimezone()

    def hms(self, t: float) -> str:
        """ "14:03:27": how screens show when something happened."""
        return self.at(t).strftime("%H:%M:%S")
