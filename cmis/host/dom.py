"""DOM view: module and lane monitors in units and dBm, thresholds and levels, from raw pages."""

from __future__ import annotations

from typing import Any

from cmis.codec.pages.page01 import bias_multiplier
from cmis.codec.pages.page11 import LANE_FLAG_NAMES, Page11h
from cmis.codec.report import level_of, module_monitors
from cmis.codec.units import mw_to_dbm
from cmis.host import registers as r
from cmis.host.flags import FlagEvent
from cmis.host.memory import ModuleMemory

LANE_MONITORS = (
    ("tx_power_mw", "OpticalPowerTx"),
    ("tx_bias_ma", "LaserBiasTx"),
    ("rx_power_mw", "OpticalPowerRx"),
)


def read_all_flags(memory: ModuleMemory, banks: int) -> list[FlagEvent]:
    """One pass over every flag byte: lower 8-11, then page 11h 134-153 of each bank."""
    before = memory.flags.total
    memory.read(0, r.FIRST_MODULE_FLAG, r.LAST_MODULE_FLAG - r.FIRST_MODULE_FLAG + 1)
    for bank in range(banks):
        memory.read(0x11, r.FIRST_LANE_FLAG, len(LANE_FLAG_NAMES), bank)
    return memory.flags.after(before)


def dom_view(
    time: float,
    raw_lower: bytes,
    raw01: bytes | None,
    raw02: bytes | None,
    p11s: list[bytes],
    events: list[FlagEvent],
) -> dict[str, Any]:
    """Monitors of lower memory and each bank's page 11h, with the flags the reads found."""
    monitors = module_monitors(raw_lower, raw02, raw01)
    limits = monitors.pop("lane_thresholds", {})
    multiplier = bias_multiplier(raw01) if raw01 is not None else 1
    lanes = []
    for bank, raw11 in enumerate(p11s):
        p11 = Page11h.parse(raw11, bias_multiplier=multiplier)
        lanes += [_lane(bank * 8 + i + 1, p11, i, limits) for i in range(8)]
    return {
        "time": time,
        "module": monitors,
        "lane_thresholds": limits,
        "lanes": lanes,
        "flags": [event.to_dict() for event in events],
    }


def _lane(lane: int, p11: Any, i: int, limits: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"lane": lane}
    for key, field in LANE_MONITORS:
        value = p11[field][i]
        entry[key] = value
        entry[key.replace("_mw", "_level").replace("_ma", "_level")] = (
            level_of(value, limits[key]) if key in limits else None
        )
    entry["tx_power_dbm"] = mw_to_dbm(entry["tx_power_mw"])
    entry["rx_power_dbm"] = mw_to_dbm(entry["rx_power_mw"])
    return entry
