"""History: DOM values over time (for plots) and latched flags with timestamps, newest last."""

from __future__ import annotations

from collections import deque

from cmis.host.flags import FlagEvent
from tui.snapshot import Snapshot

MODULE_SERIES = ("temperature_c", "vcc_v")
LANE_SERIES = ("rx_power_mw", "tx_power_mw", "tx_bias_ma")
LIMIT = 600  # points per series: 10 minutes at one poll a second


class History:
    """Appended from each Polled message on the event loop (no locking needed)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.points: dict[tuple[str, int], deque[tuple[float, float]]] = {}
        self.flags: deque[FlagEvent] = deque(maxlen=1000)

    def _add(self, key: tuple[str, int], time: float, value: float | None) -> None:
        if value is not None:
            self.points.setdefault(key, deque(maxlen=self.limit)).append((time, value))

    def add(self, snap: Snapshot) -> None:
        for name in MODULE_SERIES:
            entry = snap.dom["module"].get(name)
            self._add((name, 0), snap.time, entry["value"] if entry else None)
        for lane in snap.dom["lanes"]:
            for name in LANE_SERIES:
                self._add((name, lane["lane"]), snap.time, lane[name])
        self.flags.extend(snap.new_flags)

    def series(self, name: str, lane: int = 0) -> list[tuple[float, float]]:
        return list(self.points.get((name, lane), ()))
