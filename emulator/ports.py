"""What a subsystem may see of its module: memory, profile, the module's time and an event sink.

Subsystems (DOM, data paths, control sets, CDB, thermal, the module state machine) are handed
their ``EmulatedModule`` typed as ``Core`` plus the few neighbours they name in their own port
Protocol, never as the whole module: this file and those Protocols are the whole of what they
may use, and ``emulator.module`` is imported by no subsystem (no import cycle between them).
"""

from __future__ import annotations

from typing import Any, Protocol

from emulator.memory import Memory
from emulator.profile import Profile
from emulator.rules import Mod


class Core(Protocol):
    """Memory, profile, time and the event sink every subsystem shares."""

    memory: Memory
    profile: Profile

    @property
    def now(self) -> float:
        """Module time: the due time of the timer being processed, else the clock's now."""

    @property
    def mod(self) -> Mod:
        """The module state machine's state, as it is (timers are not processed)."""

    def schedule(self, target: Any, token: int, event: Any, delay: float | str) -> None:
        """Queue ``event`` for ``target`` after ``delay`` seconds (or a named duration)."""

    def refresh_interrupt(self) -> None:
        """A flag or mask changed: the flag summary and IntL follow."""

    def settle(self) -> None:
        """A signal changed: run the state machines to a steady point."""
