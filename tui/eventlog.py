"""EventLog: bus transactions and module events (state, flags, CDB, actions), thread-safe."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

KINDS = ("bus", "state", "flag", "cdb", "action", "error")


@dataclass(frozen=True)
class Entry:
    """One line of the log: ``seq`` orders entries, ``time`` is the module clock."""

    seq: int
    time: float
    kind: str
    text: str

    def line(self) -> str:
        return f"{self.time:10.3f}  {self.kind:<6}  {self.text}"


class EventLog:
    """A bounded, lock-protected list of entries; readers ask for what came after a seq."""

    def __init__(self, now, limit: int = 5000) -> None:
        self._now = now
        self._entries: deque[Entry] = deque(maxlen=limit)
        self._lock = threading.Lock()
        self._seq = 0

    def add(self, kind: str, text: str, time: float | None = None) -> None:
        with self._lock:
            self._seq += 1
            stamp = self._now() if time is None else time
            self._entries.append(Entry(self._seq, stamp, kind, text))

    def since(self, seq: int) -> list[Entry]:
        with self._lock:
            return [entry for entry in self._entries if entry.seq > seq]
