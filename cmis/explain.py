"""Plain-language explanations of states and codes for the CLI and TUI: meaning, next step."""

from __future__ import annotations

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


def explain(table: dict[str, str], state: str) -> str:
    return table.get(state, f"{state}: not a state this tool knows; see the module's datasheet.")
