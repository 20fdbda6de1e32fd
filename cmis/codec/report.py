"""A whole-module decode: identity, state, monitors, lanes and applications as plain data.

Reads through any Transport (``read(page, offset, length, bank)``), so a saved image, the
emulator and a real module decode the same way. The result is JSON-ready (codes as names, units
in the key names); rounding for display happens in the CLI/TUI, never here.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, Protocol

from cmis.codec.applications import decode_applications
from cmis.codec.codes import describe
from cmis.codec.fields import Celsius, Volts
from cmis.codec.pages.lower import LowerMemory
from cmis.codec.pages.page00 import Page00h, checksum00, page_checksum
from cmis.codec.pages.page01 import (
    BANK_COUNTS,
    CHECKSUM_FIRST,
    CHECKSUM_LAST,
    bias_multiplier,
    lane_banks,
    parse_page01,
)
from cmis.codec.pages.page02 import LEVELS, Page02h
from cmis.codec.pages.page10 import Page10h
from cmis.codec.pages.page11 import LANE_FLAG_NAMES, Page11h
from cmis.codec.sff8024 import connector_name, identifier_name, media_type_name
from cmis.codec.units import mw_to_dbm
from cmis.errors import MissingPageError


class Reader(Protocol):
    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes: ...


def set_flags(bits: Any) -> list[str]:
    """Names of the set bits of a parsed BitStruct (reserved/custom bits left out)."""
    return [k for k, v in bits.items() if v is True and not k.startswith(("reserved", "custom"))]


class _Pages:
    """Raw pages read once each; absent ones are remembered instead of raising."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.missing: list[str] = []

    def lower(self) -> bytes | None:
        try:
            return self.reader.read(0, 0, 128)
        except MissingPageError:
            self.missing.append("lower memory")
            return None

    def get(self, page: int, bank: int = 0) -> bytes | None:
        try:
            return self.reader.read(page, 128, 128, bank)
        except MissingPageError:
            self.missing.append(f"{page:02X}h" + (f" bank {bank}" if bank else ""))
            return None


def module_report(reader: Reader) -> dict[str, Any]:
    """Everything a first look at a module needs, decoded.

    Absent is not zero: what a saved image lacks (lower memory, a page, some bytes) is listed
    in ``missing_pages`` and nothing is derived from it; sections that need lower memory are
    None without it (a report from a live module always has them).
    """
    pages = _Pages(reader)
    raw_lower = pages.lower()
    raw00 = pages.get(0x00)
    if raw_lower is None:
        return _report_without_lower(pages, raw00)
    lower = LowerMemory.parse(raw_lower)
    flat = lower.ManagementCharacteristics.MemoryModel
    raw01 = None if flat or raw00 is None else pages.get(0x01)
    report: dict[str, Any] = {
        "identity": _identity(lower, raw00, raw01),
        "status": _status(lower),
        "monitors": _monitors(lower, None if flat else pages.get(0x02), raw01),
        "applications": [a.to_dict() for a in decode_applications(raw_lower, raw01)],
        "lanes": [] if flat or raw01 is None else _all_lanes(pages, raw01),
        "advertising": _advertising(raw01) if raw01 else None,
        "checksums": _checksums(raw00, raw01),
    }
    report["missing_pages"] = pages.missing
    return report


def _report_without_lower(pages: _Pages, raw00: bytes | None) -> dict[str, Any]:
    """What a dump of upper pages only tells: page 00h's identity, pages 01h/11h as held."""
    raw01 = pages.get(0x01)
    raw11 = pages.get(0x11)
    identity: dict[str, Any] = _administrative(Page00h.parse(raw00)) if raw00 else {}
    if raw01 is not None:
        identity.update(_inactive_and_hardware(parse_page01(raw01)))
    lanes: list[dict[str, Any]] = []
    if raw01 is not None:
        lanes = _all_lanes(pages, raw01)
    elif raw11 is not None:  # without 01h the bias multiplier is unknown: bias is not shown
        lanes = [{**lane, "tx_bias_ma": None} for lane in _lanes(0, pages.get(0x10), _p11(raw11))]
    return {
        "identity": identity,
        "status": None,
        "monitors": None,
        "applications": None,
        "lanes": lanes,
        "advertising": _advertising(raw01) if raw01 else None,
        "checksums": _checksums(raw00, raw01),
        "missing_pages": pages.missing,
    }


def _p11(raw11: bytes) -> Any:
    return Page11h.parse(raw11, bias_multiplier=1)


def _identity(lower: Any, raw00: bytes | None, raw01: bytes | None) -> dict[str, Any]:
    rev = lower.CmisRevision
    ident: dict[str, Any] = {
        "identifier": identifier_name(int(lower.SFF8024Identifier)),
        "cmis_revision": f"{rev >> 4}.{rev & 0xF}",
        "memory_model": "flat" if lower.ManagementCharacteristics.MemoryModel else "paged",
        "media_type": media_type_name(int(lower.MediaType)),
        "firmware_active": _version(
            lower.ModuleActiveFirmwareMajorRevision, lower.ModuleActiveFirmwareMinorRevision
        ),
    }
    if raw00 is not None:
        ident.update(_administrative(Page00h.parse(raw00)))
    if raw01 is not None:
        ident.update(_inactive_and_hardware(parse_page01(raw01)))
    return ident


def _inactive_and_hardware(p01: Any) -> dict[str, str]:
    return {
        "firmware_inactive": _version(
            p01.ModuleInactiveFirmwareMajorRevision, p01.ModuleInactiveFirmwareMinorRevision
        ),
        "hardware_revision": _version(
            p01.ModuleHardwareMajorRevision, p01.ModuleHardwareMinorRevision
        ),
    }


def _version(major: int, minor: int) -> str:
    if (major, minor) == (0xFF, 0xFF):
        return "invalid"
    return "none" if (major, minor) == (0, 0) else f"{major}.{minor}"


def _administrative(p00: Any) -> dict[str, Any]:
    return {
        "vendor_name": _text(p00.VendorName),
        "vendor_oui": p00.VendorOUI.hex(":"),
        "vendor_pn": _text(p00.VendorPN),
        "vendor_rev": _text(p00.VendorRev),
        "vendor_sn": _text(p00.VendorSN),
        "date_code": _text(p00.DateCode),
        "clei": _text(p00.CLEICode) or None,
        "power_class": p00.PowerClass.ModulePowerClass + 1,
        "max_power_w": p00.MaxPower * 0.25,
        "connector": connector_name(int(p00.ConnectorType)),
        "media_technology": describe(p00.MediaInterfaceTechnology),
    }


def _text(value: str) -> str:
    """Printable form of a fixed-width ASCII field: padding stripped, odd bytes escaped."""
    trimmed = value.rstrip(" \x00")
    return "".join(c if 0x20 <= ord(c) < 0x7F else f"\\x{ord(c):02x}" for c in trimmed)


def _status(lower: Any) -> dict[str, Any]:
    controls = lower.ModuleGlobalControls
    return {
        "module_state": describe(lower.GlobalStatus.ModuleState),
        "interrupt_asserted": not lower.GlobalStatus.InterruptDeasserted,
        "fault_cause": describe(lower.ModuleFaultCause),
        "low_power_request_sw": controls.LowPwrRequestSW,
        "low_power_allow_request_hw": controls.LowPwrAllowRequestHW,
        "module_flags": set_flags(lower.ModuleFlags),
        "monitor_flags": set_flags(lower.TempVccFlags)
        + set_flags(lower.Aux1Aux2Flags)
        + set_flags(lower.Aux3CustomFlags),
        "cdb_status": describe(lower.CdbStatus1),
    }


def _monitors(lower: Any, raw02: bytes | None, raw01: bytes | None) -> dict[str, Any]:
    multiplier = bias_multiplier(raw01) if raw01 else 1
    p02 = Page02h.parse(raw02, bias_multiplier=multiplier) if raw02 else None
    result: dict[str, Any] = {
        "temperature_c": _monitor(lower.TempMonValue, p02, "Temp"),
        "vcc_v": _monitor(lower.VccMonVoltage, p02, "Vcc"),
    }
    if raw01 is not None:
        result.update(_aux(lower, parse_page01(raw01)))
    if p02 is not None:
        result["lane_thresholds"] = {
            key: _thresholds(p02, prefix)
            for key, prefix in (
                ("tx_power_mw", "OpticalPowerTx"),
                ("tx_bias_ma", "LaserBiasTx"),
                ("rx_power_mw", "OpticalPowerRx"),
            )
        }
    return result


def module_monitors(raw_lower: bytes, raw02: bytes | None, raw01: bytes | None) -> dict[str, Any]:
    """Module monitors with thresholds and levels, plus the shared lane thresholds."""
    return _monitors(LowerMemory.parse(raw_lower), raw02, raw01)


def _thresholds(p02: Any, prefix: str) -> dict[str, float]:
    return {_snake(level): p02[f"{prefix}{level}Threshold"] for level in LEVELS}


def _snake(level: str) -> str:
    return level.replace("High", "high_").replace("Low", "low_").lower()


def _monitor(value: float, p02: Any, prefix: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"value": value}
    if p02 is not None:
        limits = _thresholds(p02, prefix)
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


def _all_lanes(pages: _Pages, raw01: bytes) -> list[dict[str, Any]]:
    multiplier = bias_multiplier(raw01)
    banks = lane_banks(raw01)
    lanes: list[dict[str, Any]] = []
    for bank in range(banks):
        raw10, raw11 = pages.get(0x10, bank), pages.get(0x11, bank)
        if raw11 is not None:
            lanes += _lanes(bank, raw10, Page11h.parse(raw11, bias_multiplier=multiplier))
    return lanes


def _lanes(bank: int, raw10: bytes | None, p11: Any) -> list[dict[str, Any]]:
    p10 = Page10h.parse(raw10) if raw10 is not None else None
    return [_lane(bank, i, p10, p11) for i in range(8)]


def _lane(bank: int, i: int, p10: Any, p11: Any) -> dict[str, Any]:
    acs = p11.ACS.DPConfigLane[i]
    tx_mw, rx_mw = p11.OpticalPowerTx[i], p11.OpticalPowerRx[i]
    lane: dict[str, Any] = {
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
        "flags": [flag for flag in LANE_FLAG_NAMES if p11[flag] >> i & 1],
    }
    if p10 is not None:
        lane["tx_disabled"] = bool(p10.OutputDisableTx >> i & 1)
        lane["dp_deinit"] = bool(p10.DPDeinitLane >> i & 1)
    return lane


def _advertising(raw01: bytes) -> dict[str, Any]:
    p01 = parse_page01(raw01)
    durations = {
        **p01.DataPathDurations,
        **p01.ModuleDurations,
        **p01.TxDurations,
    }
    cdb = p01.CdbSupport
    return {
        "max_durations_s": {
            k: (v.seconds if isinstance(v, IntEnum) and hasattr(v, "seconds") else None)
            for k, v in durations.items()
            if k.startswith("MaxDuration")
        },
        "banks": BANK_COUNTS.get(p01.SupportedPages.BanksSupported),
        "pages": set_flags(p01.SupportedPages),
        "cdb_instances": cdb.CdbInstancesSupported,
        "cdb_background_mode": cdb.CdbBackgroundModeSupported,
        "cdb_epl_pages": cdb.CdbMaxPagesEPL,
        "cdb_rw_length": 8 * (1 + p01.CdbReadWriteLengthExtension),
        "tx_bias_multiplier": bias_multiplier(raw01),
    }


def _checksums(raw00: bytes | None, raw01: bytes | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if raw00 is not None:
        out["00h"] = _check(raw00[222 - 128], checksum00(raw00))
    if raw01 is not None:
        out["01h"] = _check(raw01[255 - 128], page_checksum(raw01, CHECKSUM_FIRST, CHECKSUM_LAST))
    return out


def _check(stored: int, computed: int) -> dict[str, Any]:
    return {"stored": stored, "computed": computed, "ok": stored == computed}
