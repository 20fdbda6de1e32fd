"""Poller: reads the module in a thread worker at a selectable rate; pauses while CDB is busy."""

from __future__ import annotations

import threading
from collections.abc import Callable

from textual.message import Message

from cmis.errors import TransportError
from tui.messages import Polled, PollPaused, TargetLost
from tui.session import Session
from tui.snapshot import take

RATES = (0.25, 0.5, 1.0, 2.0, 5.0)  # seconds between polls, the user cycles through them
LOCK_WAIT = 0.05  # s a poll waits for an action to release the bus before skipping a round


class Poller:
    """One poll = one locked pass over the module; ``run`` repeats it until ``stop``."""

    def __init__(self, session: Session, post: Callable[[Message], object], interval=1.0):
        self.session, self.post, self.interval = session, post, interval
        self.watch: tuple[int | str, int] | None = None  # the page the Pages screen shows
        self.lost = False
        self._stop, self._wake = threading.Event(), threading.Event()

    def poll_once(self) -> bool:
        """Read and post a Snapshot; False when skipped (CDB busy, bus held, target lost)."""
        if self.session.guard.busy:
            self.post(PollPaused("paused: CDB command running"))
            return False
        if not self.session.lock.acquire(timeout=LOCK_WAIT):
            self.post(PollPaused("paused: an action holds the bus"))
            return False
        try:
            return self._read()
        finally:
            self.session.lock.release()

    def _read(self) -> bool:
        try:
            if self.lost:
                self.session.module.forget_cache()  # it may be another module now
            snapshot = take(self.session.module, self.watch)
        except TransportError as err:
            self.lost = True
            self.post(TargetLost(str(err)))
            return False
        self.lost = False
        self.post(Polled(snapshot))
        return True

    def run(self) -> None:
        """The worker loop: poll, let (virtual) time pass, wait ``interval`` or a wake-up."""
        while not self._stop.is_set():
            if self.session.guard.busy:
                self.post(PollPaused("paused: CDB command running"))
                self.session.guard.wait_idle(self.interval)
                continue
            self.poll_once()
            self.session.tick(self.interval)
            self._wake.wait(self.interval)
            self._wake.clear()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def next_rate(self) -> float:
        """The rate after the current one (the caller sets it)."""
        return next((rate for rate in RATES if rate > self.interval), RATES[0])
