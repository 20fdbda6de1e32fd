"""Both CMIS state machines as transition tables: the module SM and the data-path SM.

Rules (reference/CMIS.md 8.1-8.3):
- Events are named after the CMIS signal that causes them (ResetS, LowPwrS, DPDeinitS, ...) or
  after a timer that ran out (``...Done``). The driver (module.py, datapath.py) evaluates the
  signals and fires only events the table allows; an event with no row raises
  IllegalTransition naming state and event, and changes nothing.
- Exit priority in the module SM: reset first, then fault, then everything else.
- ModuleStateChangedFlag (00h:8.0) is set on entry to ModuleLowPwr, ModuleReady and ModuleFault,
  never on Resetting/Reset/MgmtInit/ModulePwrUp/ModulePwrDn.
- DPStateChangedFlag (11h:134) is set on entry to a steady DP state (DPDeactivated, DPInitialized,
  DPActivated) unless the state is left at the same instant; never for transient states.
- Data-path SMs exist only while the module is ModuleReady; leaving it by reset or fault
  recreates them in DPDeactivated.
- Every transient state ends on its own timer (``..._TIMERS``: the event and the profile duration
  it runs for); the DP states without one are the steady states.
"""

from __future__ import annotations

from enum import Enum

from cmis.codec.codes import DataPathState as DP
from cmis.codec.codes import ModuleState
from emulator.errors import IllegalTransition


class Mod(Enum):
    """Module SM states; the last five are observable in 00h:3 bits 3-1 (``.code``)."""

    Resetting = 0
    Reset = -1
    MgmtInit = -2
    ModuleLowPwr = ModuleState.ModuleLowPwr
    ModulePwrUp = ModuleState.ModulePwrUp
    ModuleReady = ModuleState.ModuleReady
    ModulePwrDn = ModuleState.ModulePwrDn
    ModuleFault = ModuleState.ModuleFault

    # members are singletons compared by identity; Enum's own __hash__ (hash of the name) runs
    # in Python and showed up on every bus access (``state in HIDDEN_STATES``)
    __hash__ = object.__hash__

    @property
    def code(self) -> int:
        """The 00h:3 state code, 0 for the unobservable states."""
        return max(int(self.value), 0)


class ModEvent(Enum):
    ResetS = "ResetS"  # reset pin asserted or SoftwareReset written
    ShutdownDone = "ShutdownDone"
    ResetReleased = "NOT ResetS"
    InitDone = "MgmtInitDone"
    LowPwrCleared = "NOT LowPwrS"
    PwrUpDone = "PwrUpDone"
    LowPwrSet = "LowPwrS"
    LowPwrExS = "LowPwrExS"  # LowPwrS and every data path deactivated
    PwrDnDone = "PwrDnDone"
    Fault = "FaultDetected"

    __hash__ = object.__hash__  # as Mod's: the transition tables hash one per event


_OPERATIONAL = (Mod.ModuleLowPwr, Mod.ModulePwrUp, Mod.ModuleReady, Mod.ModulePwrDn)
FAULTABLE_STATES = frozenset(_OPERATIONAL)  # states a detected fault leaves for ModuleFault

MODULE_TRANSITIONS: dict[tuple[Mod, ModEvent], Mod] = {
    **{(s, ModEvent.ResetS): Mod.Resetting for s in Mod if s not in (Mod.Reset, Mod.Resetting)},
    (Mod.Resetting, ModEvent.ShutdownDone): Mod.Reset,
    (Mod.Reset, ModEvent.ResetReleased): Mod.MgmtInit,
    (Mod.MgmtInit, ModEvent.InitDone): Mod.ModuleLowPwr,
    (Mod.ModuleLowPwr, ModEvent.LowPwrCleared): Mod.ModulePwrUp,
    (Mod.ModulePwrUp, ModEvent.PwrUpDone): Mod.ModuleReady,
    (Mod.ModulePwrUp, ModEvent.LowPwrSet): Mod.ModulePwrDn,
    (Mod.ModuleReady, ModEvent.LowPwrExS): Mod.ModulePwrDn,
    (Mod.ModulePwrDn, ModEvent.PwrDnDone): Mod.ModuleLowPwr,
    **{(s, ModEvent.Fault): Mod.ModuleFault for s in _OPERATIONAL},
}

FLAGGED_MODULE_STATES = frozenset({Mod.ModuleLowPwr, Mod.ModuleReady, Mod.ModuleFault})
HIDDEN_STATES = frozenset(s for s in Mod if not s.code)  # unobservable: the MCI does not answer
HIGH_POWER_STATES = frozenset({Mod.ModulePwrUp, Mod.ModuleReady})  # heat sources on (CMIS.md 8.2)
MODULE_TIMERS = {
    Mod.Resetting: (ModEvent.ShutdownDone, "resetting"),
    Mod.MgmtInit: (ModEvent.InitDone, "mgmt_init"),
    Mod.ModulePwrUp: (ModEvent.PwrUpDone, "module_pwr_up"),
    Mod.ModulePwrDn: (ModEvent.PwrDnDone, "module_pwr_dn"),
}


class DPEvent(Enum):
    InitS = "NOT DPDeinitS"
    DeinitS = "DPDeinitS"
    ReDeinitS = "DPReDeinitS"
    ActivateS = "NOT DPDeactivateS"
    DeactivateS = "DPDeactivateS"
    InitDone = "DPInitDone"
    DeinitDone = "DPDeinitDone"
    TxTurnOnDone = "DPTxTurnOnDone"
    TxTurnOffDone = "DPTxTurnOffDone"

    __hash__ = object.__hash__  # as Mod's: the transition tables hash one per event


DATAPATH_TRANSITIONS: dict[tuple[DP, DPEvent], DP] = {
    (DP.DPDeactivated, DPEvent.InitS): DP.DPInit,
    (DP.DPInit, DPEvent.DeinitS): DP.DPDeinit,
    (DP.DPInit, DPEvent.InitDone): DP.DPInitialized,
    (DP.DPInitialized, DPEvent.ReDeinitS): DP.DPDeinit,
    (DP.DPInitialized, DPEvent.ActivateS): DP.DPTxTurnOn,
    (DP.DPTxTurnOn, DPEvent.DeactivateS): DP.DPTxTurnOff,
    (DP.DPTxTurnOn, DPEvent.TxTurnOnDone): DP.DPActivated,
    (DP.DPActivated, DPEvent.DeactivateS): DP.DPTxTurnOff,
    (DP.DPTxTurnOff, DPEvent.TxTurnOffDone): DP.DPInitialized,
    (DP.DPDeinit, DPEvent.DeinitDone): DP.DPDeactivated,
}

DATAPATH_TIMERS = {
    DP.DPInit: (DPEvent.InitDone, "dp_init"),
    DP.DPDeinit: (DPEvent.DeinitDone, "dp_deinit"),
    DP.DPTxTurnOn: (DPEvent.TxTurnOnDone, "tx_turn_on"),
    DP.DPTxTurnOff: (DPEvent.TxTurnOffDone, "tx_turn_off"),
}
TRANSIENT_DP_STATES = frozenset(DATAPATH_TIMERS)
STEADY_DP_STATES = frozenset(DP) - TRANSIENT_DP_STATES  # DPDeactivated, DPInitialized, DPActivated
# host-side Rx output may be valid once the path is initialised (the DPSM does not govern it)
RX_OUTPUT_STATES = frozenset({DP.DPInitialized, DP.DPTxTurnOn, DP.DPActivated, DP.DPTxTurnOff})


def module_next(state: Mod, event: ModEvent) -> Mod:
    """The module state after ``event``; IllegalTransition when the table has no row."""
    try:
        return MODULE_TRANSITIONS[state, event]
    except KeyError:
        raise IllegalTransition("module state machine", state.name, event.value) from None


def datapath_next(state: DP, event: DPEvent) -> DP:
    """The data-path state after ``event``; IllegalTransition when the table has no row."""
    try:
        return DATAPATH_TRANSITIONS[state, event]
    except KeyError:
        raise IllegalTransition("data-path state machine", state.name, event.value) from None


def datapath_signal(state: DP, reinit: bool, deinit: int, tx_off: int) -> DPEvent | None:
    """The event the signals call for: ``deinit``/``tx_off`` are those signals on its lanes."""
    if state == DP.DPDeactivated:
        return None if deinit else DPEvent.InitS
    if state == DP.DPInit:
        return DPEvent.DeinitS if deinit else None
    redeinit = deinit or reinit
    if state == DP.DPInitialized:
        return DPEvent.ReDeinitS if redeinit else (None if tx_off else DPEvent.ActivateS)
    if state in (DP.DPTxTurnOn, DP.DPActivated):
        return DPEvent.DeactivateS if redeinit or tx_off else None
    return None  # DPDeinit and DPTxTurnOff only end on their timers
