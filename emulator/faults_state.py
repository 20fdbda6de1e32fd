"""Every fault setting of one module in one record, and the module as the faults act on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from emulator.profile import DURATION_KEYS

if TYPE_CHECKING:
    import random

    from emulator.profile import Profile


class FaultsPort(Protocol):
    """The module as its faults act on it: pull it, draw NACKs, tell it a fault switched."""

    profile: Profile

    @property
    def rng(self) -> random.Random: ...

    def remove(self) -> None: ...

    def faults_changed(self) -> None: ...


LANE_FAULTS = ("rx_los", "rx_cdr_lol", "tx_fault", "tx_los", "tx_cdr_lol")
SLOW_KEYS = (*DURATION_KEYS, "mgmt_init", "resetting", "config_apply")
ALL = "*"  # slow(): every duration


@dataclass
class FaultState:
    """Every fault setting; the defaults are a healthy module."""

    nack_rate: float = 0.0
    nack_next: int = 0
    nack_while_busy: bool = False
    remove_after: int | None = None
    lanes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LANE_FAULTS, 0))
    over_temperature_c: float | None = None
    module_fault: int | None = None
    slow: dict[str, float] = field(default_factory=dict)
    rejected_appsels: frozenset[int] = frozenset()
    ignore_unchanged_appsel: bool = False
    snr_degrade_db: dict[int, float] = field(default_factory=dict)  # lane 1..N -> dB
    cdb_fail: tuple[int | None, int] | None = None  # (CMDID or None for any, failure status)


def checked_count(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a count >= 0, got {value!r}")
    return value
