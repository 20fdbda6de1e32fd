"""The per-module CDB busy primitive: pollers (DOM, TUI) check ``busy`` or ``wait_idle`` first."""

from __future__ import annotations

import threading
import weakref

_guards: dict[int, CdbGuard] = {}
_guards_lock = threading.Lock()


class CdbGuard:
    """Held by the CDB client while a command (or a whole firmware update) runs; re-entrant.

    ``with guard:`` (or ``with guard.hold():``) holds it; entering and leaving are one lock
    round-trip each, as the client enters it once per command.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._depth = 0
        self.owner: object = None

    @property
    def busy(self) -> bool:
        return self._depth > 0

    def hold(self) -> CdbGuard:
        return self

    def __enter__(self) -> CdbGuard:
        with self._cond:
            self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        with self._cond:
            self._depth -= 1
            if not self._depth:
                self._cond.notify_all()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no CDB work is running (thread wait, real time); False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._depth == 0, timeout)


def cdb_guard(transport: object) -> CdbGuard:
    """The guard of the module behind ``transport`` (shared by every transport on one device)."""
    key = getattr(transport, "device", transport)
    with _guards_lock:
        guard = _guards.get(id(key))
        if guard is None:
            guard = _guards[id(key)] = CdbGuard()
            try:
                weakref.finalize(key, _guards.pop, id(key), None)
            except TypeError:
                guard.owner = key  # cannot be weakly referenced: keep it so its id stays unique
        return guard
