"""The Lanes table's columns and one row per lane (the bank column only for several banks)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from cmis.codec.codes import describe
from cmis.codec.explain import Problem
from cmis.codec.lanelist import format_lanes
from cmis.host.lanes import DataPath
from cmis.host.status import LaneStatus
from tui.render import level_text, number, state_text

COLUMNS = (  # what matters at a glance first, so an 80-column terminal still shows it
    "lane",
    "data path",
    "AppSel",
    "DP state",
    "Tx",
    "Rx dBm",
    "Tx dBm",
    "bias mA",
    "problems now",
    "ConfigStatus",
    "DPDeinit",
    "Rx mW",
    "Tx mW",
)


def columns(banks: int) -> tuple[str, ...]:
    return COLUMNS[:1] + ("bank",) * (banks > 1) + COLUMNS[1:]


def lane_row(
    status: LaneStatus,
    dom: dict[str, Any],
    path: DataPath | None,
    found: list[Problem],
    bank: bool,
) -> tuple[Any, ...]:
    """The cells of one lane, in ``columns`` order (``bank``: include the bank column)."""
    return (
        str(status.lane),
        *((str((status.lane - 1) // 8),) if bank else ()),
        format_lanes(list(path.lanes)) if path else "-",
        str(status.appsel),
        state_text(describe(status.dp_state)),
        Text("off", "yellow") if status.tx_disabled else "on",
        level_text(number(dom["rx_power_dbm"], 2), dom["rx_power_level"]),
        level_text(number(dom["tx_power_dbm"], 2), dom["tx_power_level"]),
        level_text(number(dom["tx_bias_ma"], 1), dom["tx_bias_level"]),
        problems_cell(on_lane(found, status.lane)),
        describe(status.config_status),
        "set" if status.dp_deinit else "-",
        level_text(number(dom["rx_power_mw"]), dom["rx_power_level"]),
        level_text(number(dom["tx_power_mw"]), dom["tx_power_level"]),
    )


def on_lane(found: list[Problem], lane: int) -> list[Problem]:
    return [problem for problem in found if lane in problem.lanes]


def problems_cell(found: list[Problem]) -> Text:
    return Text(", ".join(p.short for p in found), "bold red") if found else Text("-")


def effect(lane: int, path: list[int], down: bool, what: str) -> str:
    """What the user will really see: a data path (the link) rises and falls as a whole."""
    if len(path) == 1:
        return f"{what}: lane {lane} (its own data path) {'goes down' if down else 'comes up'}."
    return (
        f"lane {lane} is in data path {format_lanes(path)}: "
        f"all {len(path)} lanes (the whole link) {'go down' if down else 'come up'}."
    )
