"""One item of a provisioning plan: what the module has, what the profile wants, how to get it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cmis.codec.lanelist import format_lanes

POWER_UP, APPS, TX, THRESHOLDS, POWER_DOWN = range(5)  # the order actions run in


@dataclass(frozen=True)
class Change:
    """``action`` is None when the module already has what the profile wants."""

    what: str
    have: str
    want: str
    step: int
    action: Callable[[], object] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "have": self.have,
            "want": self.want,
            "change": bool(self.action),
        }


def bank_lanes(lanes: Any, bank: int) -> str:
    """Bank-local lanes as global lane text: ``([1, 2], 1)`` -> ``"9-10"``."""
    return format_lanes([bank * 8 + lane for lane in lanes])
