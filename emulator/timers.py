"""The module's own event queue: (due, seq, target, token, event), processed lazily on access.

No threads and no clock callbacks: the module pops due entries whenever it is touched, so an
idle module costs nothing. ``token`` lets a state machine drop a timer it no longer wants by
bumping its own token instead of searching the heap.
"""

from __future__ import annotations

import heapq
from typing import Any

Entry = tuple[float, int, Any, int, Any]  # due, seq, target, token, event


class EventQueue:
    """A min-heap of pending timer events ordered by due time, then by scheduling order."""

    __slots__ = ("heap", "seq")

    def __init__(self) -> None:
        self.heap: list[Entry] = []
        self.seq = 0

    def push(self, due: float, target: Any, token: int, event: Any) -> None:
        self.seq += 1
        heapq.heappush(self.heap, (due, self.seq, target, token, event))

    def pop(self) -> Entry:
        return heapq.heappop(self.heap)

    def clear(self) -> None:
        self.heap.clear()

    def relative(self, now: float) -> list[Entry]:
        """The entries with due times made relative to ``now`` (for snapshots)."""
        return [(due - now, *rest) for due, *rest in self.heap]  # type: ignore[misc]

    def load(self, entries: list[Entry], now: float) -> None:
        """Replace the queue with snapshot ``entries`` re-based on ``now``."""
        self.heap = [(due + now, *rest) for due, *rest in entries]  # type: ignore[misc]
        heapq.heapify(self.heap)
        self.seq = max((entry[1] for entry in self.heap), default=self.seq)
