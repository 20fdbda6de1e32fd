"""The module state machine driver: evaluates CMIS signals, fires table events, runs timers."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Protocol

from cmis.codec.codes import MaxDuration
from cmis.codec.pages.page01 import Page01h
from emulator import addresses as a
from emulator.ports import Core
from emulator.rules import (
    FAULTABLE_STATES,
    FLAGGED_MODULE_STATES,
    HIDDEN_STATES,
    MODULE_TIMERS,
    Mod,
    ModEvent,
    module_next,
)

if TYPE_CHECKING:
    from emulator.cdb import Cdb
    from emulator.datapath import DataPaths
    from emulator.faults import Faults
    from emulator.thermal import Thermal
    from emulator.timers import EventQueue


class MachinePort(Core, Protocol):
    """The module as its state machine drives it: signals in, subsystems to start and stop."""

    faults: Faults
    cdb: Cdb
    thermal: Thermal
    datapaths: DataPaths
    queue: EventQueue
    software_reset: bool
    duration_scale: float

    @property
    def reset_pin(self) -> bool: ...

    @property
    def low_pwr_s(self) -> bool: ...

    def load_defaults(self) -> None: ...


DURATION_FRACTION = 0.5  # transitions take half the advertised band's upper bound


@functools.lru_cache(maxsize=64)
def advertised_codes(page01: bytes) -> dict[str, int]:
    """The MaxDuration codes page 01h advertises, by profile duration key (parsed once per page)."""
    v = Page01h.parse(page01)
    return {
        "dp_init": v.DataPathDurations.MaxDurationDPInit,
        "dp_deinit": v.DataPathDurations.MaxDurationDPDeinit,
        "module_pwr_up": v.ModuleDurations.MaxDurationModulePwrUp,
        "module_pwr_dn": v.ModuleDurations.MaxDurationModulePwrDn,
        "tx_turn_on": v.TxDurations.MaxDurationDPTxTurnOn,
        "tx_turn_off": v.TxDurations.MaxDurationDPTxTurnOff,
    }


@functools.cache
def _seconds(code: int) -> float:
    """Seconds a transition with MaxDuration ``code`` takes before the scale knobs."""
    return MaxDuration(code).seconds * DURATION_FRACTION


class ModuleMachine:
    """State, signals and timers of the module SM; ``settle`` runs it to a steady point."""

    def __init__(self, module: MachinePort) -> None:
        self.module = module
        self.state = Mod.MgmtInit
        self.token = 0
        self.codes = advertised_codes(module.memory.template[0, 0x01])

    def delay(self, key: str) -> float:
        """Seconds a timed state lasts: advertised code, or an emulator ``[timing]`` value."""
        m = self.module
        slow = m.faults.slowdown(key)
        if key in m.profile.timing:
            return m.profile.timing[key] * slow
        return _seconds(self.codes[key]) * m.duration_scale * slow

    def power_on(self) -> None:
        """Insertion or power-up: straight into MgmtInit (not a table transition)."""
        self.module.cdb.power_on()  # volatile CDB/firmware state is lost
        self.enter(Mod.MgmtInit)

    def fire(self, event: ModEvent) -> None:
        self.enter(module_next(self.state, event))

    def enter(self, state: Mod) -> None:
        m = self.module
        self.state, self.token = state, self.token + 1
        if state == Mod.Resetting:
            m.queue.clear()  # every pending timer dies with the reset
            m.thermal.rearm()  # ... but the case keeps heating
        if state == Mod.MgmtInit:
            m.load_defaults()
        if state in (Mod.Resetting, Mod.ModuleFault):
            m.datapaths.reset()  # data paths cease to exist outside the operational states
        lower = m.memory.lower
        lower[a.STATE_BYTE] = (lower[a.STATE_BYTE] & ~a.STATE_MASK) | state.code << a.STATE_SHIFT
        if state in FLAGGED_MODULE_STATES:
            lower[a.MODULE_FLAGS] |= a.STATE_CHANGED
        if state == Mod.ModuleFault:
            lower[a.FAULT_CAUSE] = self.fault_cause()
        m.thermal.retarget()
        timed = MODULE_TIMERS.get(state)
        if timed is not None:
            m.schedule("module", self.token, timed[0], self.delay(timed[1]))

    def on_timer(self, token: int, event: ModEvent) -> None:
        if token == self.token:
            self.fire(event)
            self.settle()

    def settle(self) -> None:
        """Fire signal-driven transitions (module and data paths) until nothing moves."""
        m = self.module
        while True:
            if self.state not in HIDDEN_STATES:
                m.datapaths.evaluate(self.state != Mod.ModuleReady or m.low_pwr_s)
            event = self.signal_event()
            if event is None:
                break
            self.fire(event)
        m.refresh_interrupt()

    def fault_cause(self) -> int:
        """00h:41 for a fault seen now: an injected one, or the case past its limit (0: none)."""
        m = self.module
        if m.faults.module_fault is not None:
            return m.faults.module_fault
        return m.profile.dom.shutdown_fault_cause if m.thermal.over_limit(m.now) else 0

    def signal_event(self) -> ModEvent | None:
        """The event the current signals call for in this state, if any (reset first)."""
        m, state = self.module, self.state
        if m.reset_pin or m.software_reset:
            m.software_reset = False  # SoftwareReset self-clears on entry to Reset
            return None if state in (Mod.Resetting, Mod.Reset) else ModEvent.ResetS
        if state == Mod.Reset:
            return ModEvent.ResetReleased
        if state in FAULTABLE_STATES and self.fault_cause():
            return ModEvent.Fault
        low = m.low_pwr_s
        if state == Mod.ModuleLowPwr and not low:
            return ModEvent.LowPwrCleared
        if state == Mod.ModulePwrUp and low:
            return ModEvent.LowPwrSet
        if state == Mod.ModuleReady and low and m.datapaths.all_deactivated():
            return ModEvent.LowPwrExS
        return None
