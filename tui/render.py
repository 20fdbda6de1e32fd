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
LANE_MONITORS = (  # optical power in dBm: a log scale shows -20 dBm and +2 dBm on one plot
    ("rx_power_dbm", "Rx power", "dBm"),
    ("tx_power_dbm", "Tx power", "dBm"),
    ("tx_bias_ma", "Tx bias", "mA"),
)
DBM_FLOOR = -40.0  # 0.1 uW, the least a CMIS power monitor reports: "no light" plots here
SPARKS = "▁▂▃▄▅▆▇█"


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
    for lane in dom["lanes"]:
        for key, label, unit in LANE_MONITORS:
            name = f"lane {lane['lane']} {label} {unit}"
            yield name, lane[key], lane[level_key(key)], lane_limits(dom, key)


def dbm(mw: float | None) -> float | None:
    """mW -> dBm, no light at DBM_FLOOR (a plot has no -inf)."""
    if mw is None:
        return None
    return max(10 * math.log10(mw), DBM_FLOOR) if mw > 0 else DBM_FLOOR


def lane_limits(dom: dict[str, Any], key: str) -> dict[str, float]:
    """Thresholds of lane monitor ``key``; dBm ones converted from the module's mW limits."""
    limits = dom["lane_thresholds"]
    if not key.endswith("_dbm"):
        return dict(limits.get(key, {}))
    return {
        k: v for k, mw in limits.get(key[:-4] + "_mw", {}).items() if (v := dbm(mw)) is not None
    }


def sparkline(values: list[float], width: int = 8) -> str:
    """The last ``width`` values as block characters scaled to their own range."""
    tail = values[-width:]
    if not tail:
        return ""
    low, span = min(tail), (max(tail) - min(tail)) or 1.0
    return "".join(SPARKS[round((v - low) / span * (len(SPARKS) - 1))] for v in tail)


def threshold_cells(thresholds: dict[str, float], digits: int = 3) -> list[str]:
    return [number(thresholds.get(key), digits) for key in THRESHOLD_KEYS]


def put_row(table: DataTable, key: str, cells: tuple[Any, ...]) -> None:
    """Add the row ``key``, or update the cells that changed (keeps cursor, scroll and CPU).

    Widths follow the new values so a longer state name is never cut ("DPDeactivat")."""
    if key not in table.rows:
        table.add_row(*cells, key=key)
        return
    for column, value in zip(table.columns, cells, strict=True):
        if table.get_cell(key, column) != value:  # Text compares text and styles
            table.update_cell(key, column, value, update_width=True)
