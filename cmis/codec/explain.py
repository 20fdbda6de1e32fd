"""Plain-language explanations of states, codes and flags for the CLI and TUI: meaning, next step.

The one place these texts live: the CLI and the TUI both show them, so they always agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cmis.codec.lanelist import format_lanes

MODULE_STATE_HELP = {
    "ModuleLowPwr": "Low power: management works, every data path is held deactivated. Set up "
    "applications now, then clear LowPwrRequestSW (00h:26 bit 4) or release LPMode to power up.",
    "ModulePwrUp": "Powering up (transient): wait up to MaxDurationModulePwrUp (01h:167).",
    "ModuleReady": "Ready: high power; data paths follow DPDeinit and the active control set.",
    "ModulePwrDn": "Powering down (transient): wait up to MaxDurationModulePwrDn (01h:167).",
    "ModuleFault": "Fault: the cause is in 00h:41. Only a reset (SoftwareReset or the Reset pin) "
    "or a power cycle leaves this state.",
}

DP_STATE_HELP = {
    "DPDeactivated": "Deactivated: the host may (re)configure the lanes; clear DPDeinit "
    "(10h:128) to initialise.",
    "DPInit": "Initialising (transient) from the active control set; should finish within "
    "MaxDurationDPInit (01h:144). Stuck here: check ConfigStatus and DPInitPending.",
    "DPDeinit": "Deinitialising (transient), within MaxDurationDPDeinit (01h:144).",
    "DPActivated": "Activated: Tx output on, ready for traffic.",
    "DPTxTurnOn": "Turning Tx on (transient), within MaxDurationDPTxTurnOn (01h:168).",
    "DPTxTurnOff": "Turning Tx off (transient), within MaxDurationDPTxTurnOff (01h:168).",
    "DPInitialized": "Initialised, Tx off: clear OutputDisableTx (10h:130) and forced squelch "
    "to activate.",
}

CONFIG_STATUS_HELP = {
    "ConfigUndefined": "No configuration command yet.",
    "ConfigSuccess": "The last ApplyDPInit/ApplyImmediate was accepted.",
    "ConfigRejected": "Rejected for an unspecified reason.",
    "ConfigRejectedInvalidAppSel": "AppSel is not advertised by this module.",
    "ConfigRejectedInvalidDataPath": "Lane group does not fit the application (count, start "
    "lane or DataPathID).",
    "ConfigRejectedInvalidSI": "Signal-integrity settings are not supported.",
    "ConfigRejectedLanesInUse": "Lanes are not deactivated; set DPDeinit and wait for "
    "DPDeactivated first.",
    "ConfigRejectedPartialDataPath": "The trigger mask covered only part of a data path.",
    "ConfigInProgress": "Being applied; new triggers on these lanes are ignored.",
}

FAULT_CAUSE_HELP = {  # 00h:41 (CMIS.md 2.5); every cause leaves ModuleFault only by a reset
    "NoFault": "No fault.",
    "TecRunaway": "The laser's temperature control ran away: check airflow, cage and heatsink, "
    "then reset; replace the module if this returns.",
    "DataMemoryCorrupted": "Data memory corrupted: reset; re-flash the firmware or replace the "
    "module if this returns.",
    "ProgramMemoryCorrupted": "Program memory corrupted: re-flash the firmware, then reset.",
    "TransmitterFault": "Transmitter fault: reset the module; replace it if this returns.",
    "ReceiverFault": "Receiver fault: reset the module; replace it if this returns.",
    "TemperatureFault": "Temperature fault: check airflow, cage and heatsink, then reset.",
}

INFORMATIONAL = ("StateChanged", "StatusChanged", "CdbCmdComplete")  # events, not faults
FLAG_ADVICE = (  # (substring of the flag name, what it means and what to do), first match wins
    ("LOSFlagRx", "no light at the receiver: check the fiber, its connectors and the far end"),
    ("LOSFlagTx", "no electrical signal from the host: check the host port is up and sending"),
    ("CDRLOLFlagRx", "receiver cannot lock: check the far end runs the same application/rate"),
    ("CDRLOLFlagTx", "cannot lock to the host signal: check host SerDes rate and SI settings"),
    ("FailureFlagTx", "transmitter failed: reset the module; replace it if this returns"),
    ("AdaptiveInputEqFail", "Tx input equaliser did not adapt: check host SI settings"),
    ("OpticalPowerLow", "power low: clean/inspect connectors, check fiber loss and far-end Tx"),
    ("OpticalPowerHigh", "power high: too little loss on the link (add an attenuator?)"),
    ("LaserBias", "laser bias out of range: the laser is ageing or failing"),
    ("Temp", "temperature out of range: check airflow, cage and heatsink"),
    ("Vcc", "supply voltage out of range: check the host 3.3 V rail"),
    ("Firmware", "firmware problem: check the firmware images; reset or re-flash"),
)


def explain(table: dict[str, str], state: str) -> str:
    return table.get(state, f"{state}: not a state this tool knows; see the module's datasheet.")


def flag_advice(name: str) -> str:
    """What latched flag ``name`` means and what to do about it."""
    return next((text for key, text in FLAG_ADVICE if key in name), "see the module's datasheet")


def short_flag(name: str) -> str:
    """ "OpticalPowerLowAlarmFlagRx" -> "Rx power low alarm"; "LOSFlagRx" -> "Rx LOS"."""
    side = next((s for s in ("Rx", "Tx") if name.endswith("Flag" + s)), "")
    core = name.removesuffix(side).removesuffix("Flag").replace("OpticalPower", "Power")
    core = core.replace("CDRLOL", "CDR LOL ").replace("LaserBias", "Bias")
    words = re.findall(r"[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|\d+", core)
    text = " ".join(w if w.isupper() else w.lower() for w in words)
    return f"{side} {text}".strip()


@dataclass(frozen=True)
class Problem:
    """A latched flag that asks for action: its name, lanes (empty: module-wide) and advice."""

    flag: str
    lanes: tuple[int, ...]
    advice: str

    @property
    def short(self) -> str:
        return short_flag(self.flag)


def problems(flags: Iterable[tuple[str, Sequence[int]]]) -> list[Problem]:
    """The (name, lanes) flags that are faults or threshold crossings, once each, in order."""
    seen = dict.fromkeys(
        (name, tuple(lanes)) for name, lanes in flags if not any(w in name for w in INFORMATIONAL)
    )
    return [Problem(name, lanes, flag_advice(name)) for name, lanes in seen]


def summary(found: Iterable[Problem]) -> list[tuple[str, str]]:
    """(what, advice) lines: flags with the same advice on the same lanes share one line."""
    groups: dict[tuple[tuple[int, ...], str], list[str]] = {}
    for problem in found:
        groups.setdefault((problem.lanes, problem.advice), []).append(problem.short)
    return [(", ".join(names) + _where(lanes), text) for (lanes, text), names in groups.items()]


def _where(lanes: tuple[int, ...]) -> str:
    if not lanes:
        return ""
    return f" on lane{'s' if len(lanes) > 1 else ''} {format_lanes(list(lanes))}"
