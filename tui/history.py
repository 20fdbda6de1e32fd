"""History: DOM values over time (for plots) and a tally of latched flags, newest last."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from tui.render import LANE_MONITORS, MODULE_MONITORS, dbm
from tui.snapshot import Snapshot

LIMIT = 600  # points per series: 10 minutes at one poll a second


@dataclass
class FlagTally:
    """One flag on one set of lanes: when it was first and last seen, in how many polls."""

    name: str
    lanes: tuple[int, ...]
    first: float
    last: float
    polls: int = 1


class History:
    """Appended from each Polled message on the event loop (no locking needed)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.points: dict[tuple[str, int], deque[tuple[float, float]]] = {}
        self.flags: dict[tuple[str, tuple[int, ...]], FlagTally] = {}

    def _add(self, key: tuple[str, int], time: float, value: float | None) -> None:
        if value is not None:
            self.points.setdefault(key, deque(maxlen=self.limit)).append((time, value))

    def add(self, snap: Snapshot) -> None:
        for name, _, _ in MODULE_MONITORS:
            entry = snap.dom["module"].get(name)
            self._add((name, 0), snap.time, entry["value"] if entry else None)
        for lane in snap.dom["lanes"]:
            for name, _, _ in LANE_MONITORS:
                value = dbm(lane[name[:-4] + "_mw"]) if name.endswith("_dbm") else lane[name]
                self._add((name, lane["lane"]), snap.time, value)
        for event in snap.new_flags:
            tally = self.flags.get((event.name, event.lanes))
            if tally is None:
                self.flags[(event.name, event.lanes)] = FlagTally(
                    event.name, event.lanes, event.time, event.time
                )
            else:
                tally.last, tally.polls = event.time, tally.polls + 1

    def series(self, name: str, lane: int = 0) -> list[tuple[float, float]]:
        return list(self.points.get((name, lane), ()))

    def recent_flags(self) -> list[FlagTally]:
        """Every flag seen so far, the most recently seen first."""
        return sorted(self.flags.values(), key=lambda t: t.last, reverse=True)
