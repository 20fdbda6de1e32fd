"""EventLog: module events (kept long) apart from bus transactions (own ring); thread-safe."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import takewhile

from tui.wallclock import WallClock

KINDS = ("bus", "state", "flag", "cdb", "action", "error")
# Polls read ~10 bus lines a second, so bus traffic gets its own ring: events (a few a minute
# on a healthy module) then last for days instead of the ~9 minutes a shared ring gave them.
EVENT_LIMIT, BUS_LIMIT = 50_000, 5_000


@dataclass(frozen=True)
class Entry:
    """One line: ``seq`` orders entries, ``time`` is the module clock, ``wall`` the host's
    (epoch seconds at that module time).

    ``count`` > 1 is a line repeated back to back, kept once; ``replaces`` is the seq of the
    entry it updates (0 for a new line), so a view can rewrite its last line instead of adding.
    """

    seq: int
    time: float
    wall: float
    kind: str
    text: str
    count: int = 1
    replaces: int = 0

    def stamp(self, date: bool = False) -> str:
        """ "14:03:27.512" on screen; ISO 8601 with the timezone (``date``) in saved files."""
        at = datetime.fromtimestamp(self.wall).astimezone()
        return at.isoformat("T", "milliseconds") if date else at.strftime("%H:%M:%S.%f")[:-3]

    def line(self, date: bool = False) -> str:
        repeat = f"  x{self.count}" if self.count > 1 else ""
        return f"{self.stamp(date)}  {self.kind:<6}  {self.text}{repeat}"

    def record(self) -> dict[str, object]:
        """The entry as one JSON object (for a saved log)."""
        return {
            "time": self.stamp(date=True),
            "module_time": round(self.time, 3),
            "kind": self.kind,
            "text": self.text,
            "count": self.count,
        }


class EventLog:
    """Two bounded, lock-protected rings (events, bus); readers ask for what came after a seq."""

    def __init__(
        self,
        now: Callable[[], float],
        wall: WallClock | None = None,
        limits: tuple[int, int] = (EVENT_LIMIT, BUS_LIMIT),
    ) -> None:
        self._now, self._wall = now, wall or WallClock(now)
        self._events: deque[Entry] = deque(maxlen=limits[0])
        self._bus: deque[Entry] = deque(maxlen=limits[1])
        self._lock = threading.Lock()
        self._seq = 0

    def add(self, kind: str, text: str, time: float | None = None) -> None:
        ring = self._bus if kind == "bus" else self._events
        with self._lock:
            self._seq += 1
            stamp = self._now() if time is None else time
            entry = Entry(self._seq, stamp, self._wall.epoch(stamp), kind, text)
            if ring and (ring[-1].kind, ring[-1].text) == (kind, text):
                last = ring.pop()  # a repeat: one line with a count (and the newest time)
                entry = replace(entry, count=last.count + 1, replaces=last.seq)
            ring.append(entry)

    def since(self, seq: int) -> list[Entry]:
        """Entries newer than ``seq`` from both rings, oldest first."""
        with self._lock:
            return _merge(_after(self._events, seq), _after(self._bus, seq))

    def events(self) -> list[Entry]:
        with self._lock:
            return list(self._events)


def _after(ring: deque[Entry], seq: int) -> list[Entry]:
    """The tail of ``ring`` newer than ``seq`` (seqs grow along a ring: stop at the first old)."""
    return list(takewhile(lambda e: e.seq > seq, reversed(ring)))[::-1]


def _merge(*parts: Iterable[Entry]) -> list[Entry]:
    return sorted((e for part in parts for e in part), key=lambda e: e.seq)
