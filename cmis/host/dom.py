"""DOM snapshot: module and lane monitors in units and dBm, thresholds, levels, latched flags."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cmis.host import registers as r
from cmis.host.flags import FlagEvent
from cmis.pages.page01 import bias_multiplier
from cmis.pages.page11 import LANE_FLAG_NAMES, Page11h
from cmis.report import level_of, module_monitors
from cmis.units import mw_to_dbm

if TYPE_CHECKING:
    from cmis.module import Module

LANE_MONITORS = (
    ("tx_power_mw", "OpticalPowerTx"),
    ("tx_bias_ma", "LaserBiasTx"),
    ("rx_power_mw", "OpticalPowerRx"),
)


def _new_events(module: Module, before: int) -> list[FlagEvent]:
    return module.flags.after(before)


def read_all_flags(module: Module) -> list[FlagEvent]:
    """One pass over every flag byte: lower 8-11, then page 11h 134-153 of each bank."""
    before = module.flags.total
    module.read(0, r.FIRST_MODULE_FLAG, r.LAST_MODULE_FLAG - r.FIRST_MODULE_FLAG + 1)
    for bank in range(module.banks):
        module.read(0x11, r.FIRST_LANE_FLAG, len(LANE_FLAG_NAMES), bank)
    return _new_events(module, before)


def snapshot(module: Module) -> dict[str, Any]:
    """Monitors and flags read in one pass (lower memory + page 11h per bank)."""
    before = module.flags.total
    raw_lower = module.lower()
    paged = not raw_lower[2] & 0x80
    raw01 = module.page(0x01) if paged else None
    monitors = module_monitors(raw_lower, module.page(0x02) if paged else None, raw01)
    limits = monitors.pop("lane_thresholds", {})
    multiplier = bias_multiplier(raw01) if raw01 is not None else 1
    lanes = []
    for bank in range(module.banks):
        p11 = Page11h.parse(module.page(0x11, bank), bias_multiplier=multiplier)
        lanes += [_lane(bank * 8 + i + 1, p11, i, limits) for i in range(8)]
    events = _new_events(module, before)
    return {
        "time": module.clock.now(),
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
