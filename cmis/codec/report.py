"""A whole-module decode: identity, state, monitors, lanes and applications as plain data.

Reads through any Transport (``read(page, offset, length, bank)``), so a saved image, the
emulator and a real module decode the same way. The result is JSON-ready (codes as names, units
in the key names); rounding for display happens in the CLI/TUI, never here.
"""

from __future__ import annotations

from typing import Any, Protocol

from cmis.codec.applications import decode_applications
from cmis.codec.codes import describe
from cmis.codec.fast import fast
from cmis.codec.pages.lower import LowerMemory
from cmis.codec.pages.page00 import Page00h
from cmis.codec.pages.page01 import (
    Page01h,
    banks_of,
    multiplier_of,
)
from cmis.codec.report_identity import (
    administrative,
    advertising,
    checksums,
    identity,
    inactive_and_hardware,
    set_flags,
)
from cmis.codec.report_lanes import all_lanes, bank_lanes, level_of, module_monitors, monitors
from cmis.errors import MissingPageError

__all__ = ["level_of", "module_monitors", "module_report", "set_flags"]


class Reader(Protocol):
    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes: ...


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
        "identity": identity(lower, raw00, p01),
        "status": _status(lower),
        "monitors": monitors(lower, None if flat else pages.get(0x02), p01),
        "applications": [a.to_dict() for a in decode_applications(raw_lower, raw01)],
        "lanes": [] if flat or p01 is None else _all_lanes(pages, p01),
        "advertising": advertising(p01) if raw01 else None,
        "checksums": checksums(raw00, raw01),
    }
    report["missing_pages"] = pages.missing
    return report


def _report_without_lower(pages: _Pages, raw00: bytes | None) -> dict[str, Any]:
    """What a dump of upper pages only tells: page 00h's identity, pages 01h/11h as held."""
    raw01 = pages.get(0x01)
    raw11 = pages.get(0x11)
    p01 = fast(Page01h).parse(raw01) if raw01 is not None else None
    ident: dict[str, Any] = administrative(fast(Page00h).parse(raw00)) if raw00 else {}
    if p01 is not None:
        ident.update(inactive_and_hardware(p01))
    lanes: list[dict[str, Any]] = []
    if p01 is not None:
        lanes = _all_lanes(pages, p01)
    elif raw11 is not None:  # without 01h the bias multiplier is unknown: bias is not shown
        lanes = bank_lanes(0, pages.get(0x10), raw11, 1)
        for lane in lanes:
            lane["tx_bias_ma"] = None
    return {
        "identity": ident,
        "status": None,
        "monitors": None,
        "applications": None,
        "lanes": lanes,
        "advertising": advertising(p01) if raw01 else None,
        "checksums": checksums(raw00, raw01),
        "missing_pages": pages.missing,
    }


def _all_lanes(pages: _Pages, p01: Any) -> list[dict[str, Any]]:
    return all_lanes(pages.get, multiplier_of(p01), banks_of(p01))


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
