"""The lane table of a module report (state, application, Tx/Rx dBm, bias, latched flags) and
the level and data-path colours every CLI table shares."""

from __future__ import annotations

import math
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from cmis.codec.explain import DP_STATE_HELP, explain
from cmis.codec.report import level_of

LEVEL_STYLE = {"ok": "green", "warning": "yellow", "alarm": "bold red"}
DP_STYLE = {"DPActivated": "green", "DPInitialized": "cyan", "DPDeactivated": "dim"}


def _dbm(value: float) -> str:
    return f"{value:.2f}" if math.isfinite(value) else "-inf"


def short_flag(flag: str) -> str:
    """'OpticalPowerLowWarningFlagRx' -> 'Rx pwr low warn': lane flags fit a table cell."""
    side = flag[-2:] if flag.endswith(("Tx", "Rx")) else ""
    core = flag.removesuffix(side).removesuffix("Flag")
    for long, short in (
        ("OpticalPower", "pwr "),
        ("LaserBias", "bias "),
        ("Warning", " warn"),
        ("Alarm", " alarm"),
        ("High", "high"),
        ("Low", "low"),
        ("AdaptiveInputEqFail", "EQ fail"),
        ("OutputStatusChanged", "out chg"),
        ("DPStateChanged", "DP state chg"),
        ("Failure", "fault"),
    ):
        core = core.replace(long, short)
    return f"{side} {core}".strip().replace("  ", " ")


def _cell(text: str, value: float, limits: dict[str, float] | None) -> Text:
    return Text(text, style=LEVEL_STYLE[level_of(value, limits)] if limits else "")


def _bias(value: float | None, limits: dict[str, float] | None) -> Text:
    # None: the bias multiplier (page 01h) is not in the dump, so the bias is unknown
    return Text("absent") if value is None else _cell(f"{value:.2f}", value, limits)


def lanes_table(lanes: list[dict[str, Any]], limits: dict[str, Any]) -> Table:
    table = Table(title="Lanes", title_justify="left", box=box.SIMPLE_HEAD)
    for col in ("#", "DP state", "config", "app", "Tx", "Tx dBm", "bias mA", "Rx dBm"):
        table.add_column(
            col, no_wrap=True, justify="right" if "dBm" in col or "mA" in col else "left"
        )
    table.add_column("latched flags")
    for lane in lanes:
        state = lane["dp_state"]
        flags = ", ".join(short_flag(f) for f in lane["flags"])
        table.add_row(
            str(lane["lane"]),
            Text(state, style=DP_STYLE.get(state, "yellow")),
            lane["config_status"].removeprefix("Config"),
            str(lane["appsel"]),
            "off" if lane.get("tx_disabled") else "on",
            _cell(_dbm(lane["tx_power_dbm"]), lane["tx_power_mw"], limits.get("tx_power_mw")),
            _bias(lane["tx_bias_ma"], limits.get("tx_bias_ma")),
            _cell(_dbm(lane["rx_power_dbm"]), lane["rx_power_mw"], limits.get("rx_power_mw")),
            Text(flags or "-", style="yellow" if flags else ""),
        )
    stuck = sorted({lane["dp_state"] for lane in lanes} - {"DPActivated"})
    caption = [explain(DP_STATE_HELP, state) for state in stuck]
    table.caption = "\n".join(caption) if caption else None
    return table
