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
from cmis.codec.fast import fast
from cmis.codec.pages.lower import LowerMemory
from cmis.codec.pages.page00 import Page00h, checksum00, page_checksum
from cmis.codec.pages.page01 import (
    BANK_COUNTS,
    CHECKSUM_FIRST,
    CHECKSUM_LAST,
    Page01h,
    banks_of,
    multiplier_of,
)
from cmis.codec.report_lanes import all_lanes, bank_lanes, level_of, module_monitors, monitors
from cmis.codec.sff8024 import connector_name, identifier_name, media_type_name
from cmis.errors import MissingPageError

__all__ = ["level_of", "module_monitors", "module_report", "set_flags"]


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
    lower: Any = fast(LowerMemory).parse(raw_lower)
    flat = lower.ManagementCharacteristics.MemoryModel
    raw01 = None if flat or raw00 is None else pages.get(0x01)
    p01 = fast(Page01h).parse(raw01) if raw01 is not None else None
    report: dict[str, Any] = {
        "identity": _identity(lower, raw00, p01),
        "status": _status(lower),
        "monitors": monitors(lower, None if flat else pages.get(0x02), p01),
        "applications": [a.to_dict() for a in decode_applications(raw_lower, raw01)],
        "lanes": [] if flat or p01 is None else _all_lanes(pages, p01),
        "advertising": _advertising(p01) if raw01 else None,
        "checksums": _checksums(raw00, raw01),
    }
    report["missing_pages"] = pages.missing
    return report


def _report_without_lower(pages: _Pages, raw00: bytes | None) -> dict[str, Any]:
    """What a dump of upper pages only tells: page 00h's identity, pages 01h/11h as held."""
    raw01 = pages.get(0x01)
    raw11 = pages.get(0x11)
    p01 = fast(Page01h).parse(raw01) if raw01 is not None else None
    identity: dict[str, Any] = _administrative(fast(Page00h).parse(raw00)) if raw00 else {}
    if p01 is not None:
        identity.update(_inactive_and_hardware(p01))
    lanes: list[dict[str, Any]] = []
    if p01 is not None:
        lanes = _all_lanes(pages, p01)
    elif raw11 is not None:  # without 01h the bias multiplier is unknown: bias is not shown
        lanes = bank_lanes(0, pages.get(0x10), raw11, 1)
        for lane in lanes:
            lane["tx_bias_ma"] = None
    return {
        "identity": identity,
        "status": None,
        "monitors": None,
        "applications": None,
        "lanes": lanes,
        "advertising": _advertising(p01) if raw01 else None,
        "checksums": _checksums(raw00, raw01),
        "missing_pages": pages.missing,
    }


def _all_lanes(pages: _Pages, p01: Any) -> list[dict[str, Any]]:
    return all_lanes(pages.get, multiplier_of(p01), banks_of(p01))


def _identity(lower: Any, raw00: bytes | None, p01: Any | None) -> dict[str, Any]:
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
        ident.update(_administrative(fast(Page00h).parse(raw00)))
    if p01 is not None:
        ident.update(_inactive_and_hardware(p01))
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


def _advertising(p01: Any) -> dict[str, Any]:
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
        "tx_bias_multiplier": multiplier_of(p01),
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
