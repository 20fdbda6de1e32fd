"""Small presentation helpers shared by screens: level and state colours, value formatting."""

from __future__ import annotations

from rich.text import Text

LEVEL_STYLES = {"ok": "green", "warning": "bold yellow", "alarm": "bold white on red"}
STATE_STYLES = {
    "DPActivated": "bold green",
    "DPDeactivated": "grey62",
    "DPInitialized": "cyan",
    "DPInit": "bold yellow",
    "DPDeinit": "bold yellow",
    "DPTxTurnOn": "bold magenta",
    "DPTxTurnOff": "bold magenta",
    "ModuleReady": "bold green",
    "ModuleLowPwr": "cyan",
    "ModulePwrUp": "bold yellow",
    "ModulePwrDn": "bold yellow",
    "ModuleFault": "bold white on red",
}


def level_text(text: str, level: str | None) -> Text:
    return Text(text, LEVEL_STYLES.get(level or "", ""))


def state_text(state: str) -> Text:
    return Text(state, STATE_STYLES.get(state, "bold red"))


def lanes_label(lanes: tuple[int, ...] | list[int]) -> str:
    """(1, 2, 3, 4) -> "1-4"; (1, 3) -> "1,3"."""
    items = list(lanes)
    if items and items == list(range(items[0], items[0] + len(items))) and len(items) > 1:
        return f"{items[0]}-{items[-1]}"
    return ",".join(map(str, items))


def number(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"
