"""``module.faults``: what real modules do wrong, switchable at run time (issue 3; PEERS.md 2 B).

Every setting lives in one ``FaultState`` so ``clear()`` is one assignment and ``snapshot()``
copies it whole. Lanes are numbered 1..N across the module (lane 9 = bank 1, lane 1 of it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from emulator.faults_bus import BusFaults
from emulator.faults_commands import CommandFaults
from emulator.faults_state import LANE_FAULTS as LANE_FAULTS
from emulator.faults_state import SLOW_KEYS as SLOW_KEYS
from emulator.faults_state import FaultsPort, FaultState
from emulator.profile import LANES_PER_BANK, lanes_of


class _LaneFault:
    """A per-lane fault read as a frozenset of lane numbers and set from any iterable of them."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, faults: Faults, owner: type | None = None) -> frozenset[int]:
        mask = faults.state.lanes[self.name]
        return frozenset(lane + 1 for lane in lanes_of(mask))

    def __set__(self, faults: Faults, lanes: Iterable[int]) -> None:
        faults.set_lanes(self.name, lanes)


class Faults(BusFaults, CommandFaults):
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
