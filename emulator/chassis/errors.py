"""ChassisError: a bad port name, file, fault or access; the message is one line for a user."""

from __future__ import annotations

from emulator.errors import EmulatorError


class ChassisError(EmulatorError, ValueError):
    """Bad chassis input or an access the cage cannot serve; nothing was changed."""
