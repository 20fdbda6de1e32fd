"""The worst level a module's monitors reached, counting only the monitors that mean something.

A low-power module reads zero Tx and Rx power (no light, not a fault), and a lane whose data
path is off or whose Tx the host disabled reads zero Tx power: counting those would call
every idle port "alarm". ``cmis status``, ``cmis dom --json``, the chassis grid and the fleet
all judge a module this one way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cmis.codec.codes import DataPathState, ModuleState
from cmis.host.status import LaneStatus

_RANK = {"ok": 0, "warning": 1, "alarm": 2}
_TX_MONITORS = ("tx_power", "tx_bias")  # meaningless while the host holds Tx disabled


def counted_lanes(lanes: Sequence[LaneStatus], state: ModuleState | int) -> dict[int, set[str]]:
    """Lane -> the monitors that mean something there: none unless the module is ready and the
    lane's data path activated; Tx power and bias not while the host keeps Tx disabled."""
    if state != ModuleState.ModuleReady:
        return {}
    return {
        lane.lane: {"rx_power", *(() if lane.tx_disabled else _TX_MONITORS)}
        for lane in lanes
        if lane.dp_state == DataPathState.DPActivated
    }


def worst_level(dom: dict[str, Any], lanes: dict[int, set[str]] | None = None) -> dict[str, Any]:
    """The worst level any monitor reached ("ok", "warning", "alarm") and which monitors
    (name -> lanes, empty for a module monitor) reached it; ``lanes`` limits the lane monitors
    counted (lane -> monitor names; None counts every lane)."""
    seen = [(n, e["level"], 0) for n, e in dom["module"].items() if isinstance(e, dict)]
    for lane in dom["lanes"]:
        seen += [
            (name, v, lane["lane"])
            for k, v in lane.items()
            if k.endswith("_level")
            and (name := k.removesuffix("_level"))
            and (lanes is None or name in lanes.get(lane["lane"], ()))
        ]
    level = max((lv for _, lv, _ in seen if lv in _RANK), key=_RANK.__getitem__, default="ok")
    where: dict[str, list[int]] = {}
    for name, lv, lane in seen:
        if lv == level != "ok":
            where.setdefault(name, []).extend([lane] if lane else [])
    return {"level": level, "monitors": where}
