"""Errors the emulator raises on purpose; all sit in the ``cmis.errors`` hierarchy."""

from __future__ import annotations

from cmis.errors import CmisError


class EmulatorError(CmisError):
    """Base of the emulator's own errors (bus-level failures stay ``TransportError``)."""


class IllegalTransition(EmulatorError, RuntimeError):
    """A state machine got an event its table has no row for; nothing was changed."""

    def __init__(self, machine: str, state: object, event: object) -> None:
        super().__init__(
            f"{machine}: no transition for event {event} in state {state} "
            f"(see emulator/rules.py for the rows that exist)"
        )
        self.machine = machine
        self.state = state
        self.event = event


class ProfileError(EmulatorError, ValueError):
    """A profile file is missing, unreadable or has a bad value; the message names the key."""
