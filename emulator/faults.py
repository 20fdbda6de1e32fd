"""``module.faults``: what real modules do wrong, switchable at run time (issue 3; PEERS.md 2 B).

Every setting lives in one ``FaultState`` so ``clear()`` is one assignment and ``snapshot()``
copies it whole. Lanes are numbered 1..N across the module (lane 9 = bank 1, lane 1 of it).
"""

from __future__ import annotations

import errno
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from cmis.errors import TransportError
from emulator.profile import DURATION_KEYS, LANES_PER_BANK, lanes_of

if TYPE_CHECKING:
    import random

    from emulator.profile import Profile


class FaultsPort(Protocol):
    """The module as its faults act on it: pull it, draw NACKs, tell it a fault switched."""

    profile: Profile
    rng: random.Random

    def remove(self) -> None: ...

    def faults_changed(self) -> None: ...


LANE_FAULTS = ("rx_los", "rx_cdr_lol", "tx_fault", "tx_los", "tx_cdr_lol")
SLOW_KEYS = (*DURATION_KEYS, "mgmt_init", "resetting", "config_apply")
_ALL = "*"


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


class _LaneFault:
    """A per-lane fault read as a frozenset of lane numbers and set from any iterable of them."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, faults: Faults, owner: type | None = None) -> frozenset[int]:
        mask = faults.state.lanes[self.name]
        return frozenset(lane + 1 for lane in lanes_of(mask))

    def __set__(self, faults: Faults, lanes: Iterable[int]) -> None:
        faults.set_lanes(self.name, lanes)


class Faults:
    """The fault switches of one EmulatedModule; each takes effect at once."""

    rx_los = _LaneFault()  # media input lost: 11h:147, Rx power 0, Rx output squelched
    rx_cdr_lol = _LaneFault()  # 11h:148, Rx output squelched
    tx_fault = _LaneFault()  # laser failed: 11h:135, Tx power and bias 0, OutputStatusTx 0
    tx_los = _LaneFault()  # host input lost: 11h:136
    tx_cdr_lol = _LaneFault()  # 11h:137

    def __init__(self, module: FaultsPort) -> None:
        self.module = module
        self.state = FaultState()
        self.on_bus = False  # a bus fault is armed: the module's hot path checks only this
        # lanes where the light received (emulator/light.py) causes Rx LOS / CDR LOL, if any
        self.received: Callable[[str, int], int] | None = None

    # --- the bus ---------------------------------------------------------------------------

    @property
    def nack_rate(self) -> float:
        """Probability (0-1) that a transaction is NACKed, drawn from the module's seeded rng."""
        return self.state.nack_rate

    @nack_rate.setter
    def nack_rate(self, rate: float) -> None:
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"nack_rate must be a probability 0-1, got {rate!r}")
        self.state.nack_rate = float(rate)
        self._bus_changed()

    @property
    def nack_next(self) -> int:
        """How many of the next transactions will be NACKed (counts down)."""
        return self.state.nack_next

    @nack_next.setter
    def nack_next(self, count: int) -> None:
        self.state.nack_next = _count("nack_next", count)
        self._bus_changed()

    @property
    def nack_while_busy(self) -> bool:
        """NACK every access while a CDB command is busy, even with background mode advertised."""
        return self.state.nack_while_busy

    @nack_while_busy.setter
    def nack_while_busy(self, on: bool) -> None:
        self.state.nack_while_busy = bool(on)

    def remove_after(self, transactions: int) -> None:
        """Pull the module after ``transactions`` more accesses: the next one finds it gone."""
        self.state.remove_after = _count("remove_after", transactions)
        self._bus_changed()

    @property
    def removal_pending(self) -> int | None:
        """Transactions left before a ``remove_after`` pulls the module (None: not armed)."""
        return self.state.remove_after

    def check_transaction(self) -> None:
        """Called before each bus access while ``on_bus``: raise the NACK a fault calls for."""
        s = self.state
        if s.remove_after is not None:
            if s.remove_after == 0:
                s.remove_after = None
                self._bus_changed()
                self.module.remove()
                raise TransportError("NACK: module removed mid-transaction", errno=errno.ENXIO)
            s.remove_after -= 1
        if s.nack_next:
            s.nack_next -= 1
            self._bus_changed()
            raise TransportError("NACK (injected fault: nack_next)", errno=errno.EIO)
        if s.nack_rate and self.module.rng.random() < s.nack_rate:
            raise TransportError("NACK (injected fault: nack_rate)", errno=errno.EIO)

    def _bus_changed(self) -> None:
        s = self.state
        self.on_bus = bool(s.nack_rate or s.nack_next or s.remove_after is not None)

    # --- lanes -----------------------------------------------------------------------------

    def set_lanes(self, name: str, lanes: Iterable[int]) -> None:
        """Set the lanes (1..N) of lane fault ``name`` (one of LANE_FAULTS)."""
        count, mask = self.module.profile.lanes, 0
        for lane in lanes:
            if not 1 <= lane <= count:
                raise ValueError(f"{name}: lane {lane} is not a lane of this module (1-{count})")
            mask |= 1 << (lane - 1)
        self.state.lanes[name] = mask
        self._changed()

    def bank_lanes(self, name: str, bank: int) -> int:
        """The lane bitmap (bit 0 = first lane of the bank) where condition ``name`` holds:
        injected, or (Rx LOS / CDR LOL) from the light a chassis delivers."""
        mask = self.state.lanes[name] >> bank * LANES_PER_BANK & 0xFF
        return mask if self.received is None else mask | self.received(name, bank)

    @property
    def snr_degrade_db(self) -> dict[int, float]:
        """dB taken off each listed lane's media eSNR (a dirty connector, a bad DSP lane): VDM
        eSNR drops and pre-FEC BER rises; Rx power is untouched. {} = healthy."""
        return dict(self.state.snr_degrade_db)

    @snr_degrade_db.setter
    def snr_degrade_db(self, by_lane: dict[int, float]) -> None:
        count = self.module.profile.lanes
        for lane, db in by_lane.items():
            if not 1 <= lane <= count or not (math.isfinite(db) and db >= 0):
                raise ValueError(f"snr_degrade_db: lane {lane} (1-{count}) by {db!r} dB (>= 0)")
        self.state.snr_degrade_db = {lane: float(db) for lane, db in by_lane.items() if db}
        self._changed()

    # --- the module ------------------------------------------------------------------------

    @property
    def over_temperature_c(self) -> float | None:
        """The temperature the case heads for, whatever the power state (None: healthy)."""
        return self.state.over_temperature_c

    @over_temperature_c.setter
    def over_temperature_c(self, celsius: float | None) -> None:
        if celsius is not None and not math.isfinite(celsius):
            raise ValueError(f"over_temperature_c must be a finite temperature, got {celsius!r}")
        self.state.over_temperature_c = None if celsius is None else float(celsius)
        self._changed()

    @property
    def module_fault(self) -> int | None:
        """A ModuleFaultCause (00h:41, 1-255) the module faults with now and after every reset."""
        return self.state.module_fault

    @module_fault.setter
    def module_fault(self, cause: int | None) -> None:
        if cause is not None and not 1 <= cause <= 0xFF:
            raise ValueError(f"module_fault must be a fault cause 1-255 (CMIS.md 2.5), got {cause}")
        self.state.module_fault = cause
        self._changed()

    # --- timing and provisioning -----------------------------------------------------------

    def slow(self, factor: float, *durations: str) -> None:
        """Make state ``durations`` (all if none named) last ``factor`` times longer.

        Keys: the profile's duration names (``dp_init``, ``module_pwr_up``, ...) and its
        ``[timing]`` names. Transitions already under way keep their time. Factors multiply.
        """
        if not factor > 0:
            raise ValueError(f"slow: factor must be > 0, got {factor!r}")
        unknown = sorted(set(durations) - set(SLOW_KEYS))
        if unknown:
            raise ValueError(f"slow: unknown duration(s) {unknown}; known: {', '.join(SLOW_KEYS)}")
        for key in durations or (_ALL,):
            self.state.slow[key] = float(factor)

    def slowdown(self, key: str) -> float:
        """The factor applied to duration ``key``."""
        slow = self.state.slow
        return slow.get(_ALL, 1.0) * slow.get(key, 1.0) if slow else 1.0

    @property
    def rejected_appsels(self) -> frozenset[int]:
        """AppSel codes an Apply is answered with ConfigRejected for (0 = decommission)."""
        return self.state.rejected_appsels

    @rejected_appsels.setter
    def rejected_appsels(self, appsels: Iterable[int]) -> None:
        codes = frozenset(appsels)
        if not all(0 <= code <= 15 for code in codes):
            raise ValueError(f"rejected_appsels: AppSel codes are 0-15, got {sorted(codes)}")
        self.state.rejected_appsels = codes

    def reject_appsel(self, *appsels: int) -> None:
        """Add AppSel codes to ``rejected_appsels`` (PEERS.md 2 B item 12: AppSel 0)."""
        self.rejected_appsels = self.state.rejected_appsels | set(appsels or (0,))

    @property
    def ignore_unchanged_appsel(self) -> bool:
        """ApplyDPInit with the active AppSel is a silent no-op: no DPInitPending (item 14)."""
        return self.state.ignore_unchanged_appsel

    @ignore_unchanged_appsel.setter
    def ignore_unchanged_appsel(self, on: bool) -> None:
        self.state.ignore_unchanged_appsel = bool(on)

    # --- CDB -------------------------------------------------------------------------------

    @property
    def cdb_fail(self) -> tuple[int | None, int] | None:
        """(CMDID, status): that command (None: every command) fails with status 0x40-0x7F,
        every time until cleared; a fleet rollout's bad module (PEERS.md: a module that refuses
        a download half way must keep its old image)."""
        return self.state.cdb_fail

    @cdb_fail.setter
    def cdb_fail(self, rule: tuple[int | None, int] | None) -> None:
        if rule is not None:
            cmd, status = rule
            if not 0x40 <= status <= 0x7F:
                raise ValueError(f"cdb_fail: a failure status is 0x40-0x7F, got {status:#x}")
            if cmd is not None and not 0 <= cmd <= 0xFFFF:
                raise ValueError(f"cdb_fail: a CMDID is 0000h-FFFFh, got {cmd:#x}")
        self.state.cdb_fail = rule

    def cdb_failure(self, cmd: int) -> int | None:
        """The status CDB command ``cmd`` fails with under ``cdb_fail``, or None."""
        rule = self.state.cdb_fail
        return None if rule is None or rule[0] not in (None, cmd) else rule[1]

    # --- all -------------------------------------------------------------------------------

    def clear(self) -> None:
        """Back to a healthy module (a removed module stays out until ``insert()``)."""
        self.state = FaultState()
        self._bus_changed()
        self._changed()

    def active(self) -> dict[str, Any]:
        """The settings that differ from a healthy module, by name."""
        healthy = FaultState()
        return {k: v for k, v in vars(self.state).items() if v != getattr(healthy, k)}

    def save(self) -> FaultState:
        s = self.state
        return replace(
            s, lanes=dict(s.lanes), slow=dict(s.slow), snr_degrade_db=dict(s.snr_degrade_db)
        )

    def load(self, saved: FaultState) -> None:
        self.state = replace(saved, lanes=dict(saved.lanes), slow=dict(saved.slow),
                             snr_degrade_db=dict(saved.snr_degrade_db))  # fmt: skip
        self._bus_changed()

    def _changed(self) -> None:
        self.module.faults_changed()

    def __repr__(self) -> str:
        return f"<Faults {self.active() or 'none'}>"


def _count(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a count >= 0, got {value!r}")
    return value
