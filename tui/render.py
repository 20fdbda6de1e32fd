"""Small presentation helpers shared by screens: colours, numbers, monitor rows, table rows."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

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
THRESHOLD_KEYS = ("low_alarm", "low_warning", "high_warning", "high_alarm")
THRESHOLD_COLUMNS = ("lo alarm", "lo warn", "hi warn", "hi alarm")
MODULE_MONITORS = (("temperature_c", "Temperature", "°C"), ("vcc_v", "Vcc", "V"))
LANE_MONITORS = (
    ("rx_power_mw", "Rx power", "mW"),
    ("tx_power_mw", "Tx power", "mW"),
    ("tx_bias_ma", "Tx bias", "mA"),
)


def level_text(text: str, level: str | None) -> Text:
    return Text(text, LEVEL_STYLES.get(level or "", ""))


def state_text(state: str) -> Text:
    return Text(state, STATE_STYLES.get(state, "bold red"))


def number(value: float | None, digits: int = 3) -> str:
    if value is None:
        return "-"
    if math.isinf(value):
        return "-∞" if value < 0 else "∞"  # 0 mW in dBm: no light at all
    return f"{value:.{digits}f}"


def level_key(key: str) -> str:
    """The DOM snapshot's level entry for a lane monitor: "rx_power_mw" -> "rx_power_level"."""
    return key.rsplit("_", 1)[0] + "_level"


def monitor_rows(dom: dict[str, Any], lanes: bool = True) -> Iterator[tuple[str, Any, Any, Any]]:
    """(label, value, level, thresholds) for the module monitors, then (optionally) each lane's."""
    for key, label, unit in MODULE_MONITORS:
        entry = dom["module"].get(key)
        if entry:
            yield f"{label} {unit}", entry["value"], entry["level"], entry["thresholds"]
    if not lanes:
        return
    limits = dom["lane_thresholds"]
    for lane in dom["lanes"]:
        for key, label, unit in LANE_MONITORS:
            name = f"lane {lane['lane']} {label} {unit}"
            yield name, lane[key], lane[level_key(key)], limits.get(key, {})


def threshold_cells(thresholds: dict[str, float], digits: int = 3) -> list[str]:
    return [number(thresholds.get(key), digits) for key in THRESHOLD_KEYS]


def put_row(table: DataTable, key: str, cells: tuple[Any, ...]) -> None:
    """Add the row ``key``, or update its cells in place (keeps the cursor and scroll)."""
    if key not in table.rows:
        table.add_row(*cells, key=key)
        return
    for column, value in zip(table.columns, cells, strict=True):
        table.update_cell(key, column, value)
