"""Fleet errors: a port that failed (with what its module runs now) and a stopped rollout."""

from __future__ import annotations

from typing import Any

from cmis.errors import CmisError


class PortFailed(CmisError):
    """One port's operation failed; ``firmware`` is what the module runs afterwards, if known."""

    def __init__(self, reason: str, firmware: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.firmware = firmware


class RolloutStopped(CmisError):
    """Failures in a wave passed --max-failures: later waves were not started (exit 1)."""


class SwitchUnreachable(CmisError):
    """A switch that could not be reached or listed: none of its ports can be planned."""
