"""The monitor and per-lane parts of the module report: thresholds, levels, aux monitors, lanes.

Pages are decoded by the fast decoder (``cmis.codec.fast``); name tables are derived from the
page Structs at import, so a report does no string building per field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cmis.codec.codes import describe
from cmis.codec.fast import fast
from cmis.codec.fields import Celsius, Volts
from cmis.codec.layout import walk
from cmis.codec.pages.lower import LowerMemory
from cmis.codec.pages.page01 import Page01h, multiplier_of
from cmis.codec.pages.page02 import LEVELS, Page02h
from cmis.codec.pages.page10 import Page10h
from cmis.codec.pages.page11 import LANE_FLAG_NAMES, Page11h
from cmis.codec.units import mw_to_dbm

Read = Callable[[int, int], "bytes | None"]  # (page, bank) -> raw upper page, None if absent


def _snake(level: str) -> str:
    return level.replace("High", "high_").replace("Low", "low_").lower()


# prefix -> ((report key, page 02h field), ...) for the four levels, built once
THRESHOLD_KEYS = {
    prefix: tuple((_snake(level), f"{prefix}{level}Threshold") for level in LEVELS)
    for prefix in ("Temp", "Vcc", "OpticalPowerTx", "LaserBiasTx", "OpticalPowerRx")
}
LANE_THRESHOLDS = (
    ("tx_power_mw", "OpticalPowerTx"),
    ("tx_bias_ma", "LaserBiasTx"),
    ("rx_power_mw", "OpticalPowerRx"),
)
# The lane flag bytes follow each other in page 11h (one byte per flag, bit i = lane i + 1).
_P11 = {s.path: s.first - 128 for s in walk(Page11h, 128)}
FLAGS_AT = slice(_P11[LANE_FLAG_NAMES[0]], _P11[LANE_FLAG_NAMES[-1]] + 1)
LANE_BITS = tuple(1 << i for i in range(8))


def monitors(lower: Any, raw02: bytes | None, p01: Any | None) -> dict[str, Any]:
    """Module monitors with thresholds and levels, plus the shared lane thresholds."""
    multiplier = multiplier_of(p01) if p01 is not None else 1
    p02 = fast(Page02h).parse(raw02, bias_multiplier=multiplier) if raw02 else None
    result: dict[str, Any] = {
        "temperature_c": _monitor(lower.TempMonValue, p02, "Temp"),
        "vcc_v": _monitor(lower.VccMonVoltage, p02, "Vcc"),
    }
    if p01 is not None:
        result.update(_aux(lower, p01))
    if p02 is not None:
        result["lane_thresholds"] = {key: thresholds(p02, pre) for key, pre in LANE_THRESHOLDS}
    return result


def module_monitors(raw_lower: bytes, raw02: bytes | None, raw01: bytes | None) -> dict[str, Any]:
    """``monitors`` from raw lower memory, page 02h and page 01h."""
    p01 = fast(Page01h).parse(raw01) if raw01 is not None else None
    return monitors(fast(LowerMemory).parse(raw_lower), raw02, p01)


def thresholds(p02: Any, prefix: str) -> dict[str, float]:
    return {key: getattr(p02, name) for key, name in THRESHOLD_KEYS[prefix]}


def _monitor(value: float, p02: Any, prefix: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"value": value}
    if p02 is not None:
        limits = thresholds(p02, prefix)
        entry["thresholds"] = limits
        entry["level"] = level_of(value, limits)
    return entry


def level_of(value: float, limits: dict[str, float]) -> str:
    """'alarm', 'warning' or 'ok' for a value against its four thresholds."""
    if value >= limits["high_alarm"] or value <= limits["low_alarm"]:
        return "alarm"
    if value >= limits["high_warning"] or value <= limits["low_warning"]:
        return "warning"
    return "ok"


def _aux(lower: Any, p01: Any) -> dict[str, Any]:
    """Aux monitors that are advertised, interpreted per page 01h byte 145."""
    supported, kind = p01.SupportedModuleMonitors, p01.ModuleCharacteristics
    meanings = {
        1: ("tec_current_percent" if kind.Aux1MonType else "aux1_custom"),
        2: ("tec_current_percent" if kind.Aux2MonType else "laser_temperature_c"),
        3: ("vcc2_v" if kind.Aux3MonType else "laser_temperature_c"),
    }
    out: dict[str, Any] = {}
    for n, key in meanings.items():
        if supported[f"Aux{n}MonSupported"]:
            out[key] = _aux_value(key, lower[f"Aux{n}MonValue"])
    return out


def _aux_value(key: str, raw: int) -> float:
    if key == "laser_temperature_c":
        return raw * Celsius.step
    if key == "tec_current_percent":
        return raw * 100 / 32767
    if key == "vcc2_v":
        return (raw & 0xFFFF) * Volts.step  # Aux3 is S16 in the map; Vcc2 is U16
    return float(raw)


def all_lanes(read: Read, multiplier: int, banks: int) -> list[dict[str, Any]]:
    """Lanes of every advertised bank whose page 11h is there."""
    lanes: list[dict[str, Any]] = []
    for bank in range(banks):
        raw10, raw11 = read(0x10, bank), read(0x11, bank)
        if raw11 is not None:
            lanes += bank_lanes(bank, raw10, raw11, multiplier)
    return lanes


def bank_lanes(bank: int, raw10: bytes | None, raw11: bytes, multiplier: int) -> list[dict]:
    """The eight lanes of one bank; each flag byte is read once for all of them."""
    p11 = fast(Page11h).parse(raw11, bias_multiplier=multiplier)
    flags: list[list[str]] = [[] for _ in range(8)]
    for name, byte in zip(LANE_FLAG_NAMES, raw11[FLAGS_AT], strict=True):
        if byte:
            for i, bit in enumerate(LANE_BITS):
                if byte & bit:
                    flags[i].append(name)
    lanes = [_lane(bank, i, p11, flags[i]) for i in range(8)]
    if raw10 is not None:
        p10: Any = fast(Page10h).parse(raw10)
        tx_off, deinit = p10.OutputDisableTx, p10.DPDeinitLane
        for i, lane in enumerate(lanes):
            lane["tx_disabled"] = bool(tx_off >> i & 1)
            lane["dp_deinit"] = bool(deinit >> i & 1)
    return lanes


def _lane(bank: int, i: int, p11: Any, flags: list[str]) -> dict[str, Any]:
    acs = p11.ACS.DPConfigLane[i]
    tx_mw, rx_mw = p11.OpticalPowerTx[i], p11.OpticalPowerRx[i]
    return {
        "lane": bank * 8 + i + 1,
        "bank": bank,
        "dp_state": describe(p11.DPStateHostLane[i]),
        "config_status": describe(p11.ConfigStatusLane[i]),
        "appsel": acs.AppSelCode,
        "data_path_id": acs.DataPathID,
        "tx_power_mw": tx_mw,
        "tx_power_dbm": mw_to_dbm(tx_mw),
        "tx_bias_ma": p11.LaserBiasTx[i],
        "rx_power_mw": rx_mw,
        "rx_power_dbm": mw_to_dbm(rx_mw),
        "tx_output_valid": bool(p11.OutputStatusTx >> i & 1),
        "rx_output_valid": bool(p11.OutputStatusRx >> i & 1),
        "dp_init_pending": bool(p11.DPInitPendingLane >> i & 1),
        "flags": flags,
    }
