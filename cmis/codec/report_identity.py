"""Module report sections from lower memory, 00h and 01h: identity, advertising, checksums."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from cmis.codec.codes import describe
from cmis.codec.fast import fast
from cmis.codec.pages.page00 import Page00h, checksum00, page_checksum
from cmis.codec.pages.page01 import BANK_COUNTS, CHECKSUM_FIRST, CHECKSUM_LAST, multiplier_of
from cmis.codec.sff8024 import connector_name, identifier_name, media_type_name


def set_flags(bits: Any) -> list[str]:
    """Names of the set bits of a parsed BitStruct (reserved/custom bits left out)."""
    return [k for k, v in bits.items() if v is True and not k.startswith(("reserved", "custom"))]


def identity(lower: Any, raw00: bytes | None, p01: Any | None) -> dict[str, Any]:
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
        ident.update(administrative(fast(Page00h).parse(raw00)))
    if p01 is not None:
        ident.update(inactive_and_hardware(p01))
    return ident


def inactive_and_hardware(p01: Any) -> dict[str, str]:
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


def administrative(p00: Any) -> dict[str, Any]:
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


def advertising(p01: Any) -> dict[str, Any]:
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


def checksums(raw00: bytes | None, raw01: bytes | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if raw00 is not None:
        out["00h"] = _check(raw00[222 - 128], checksum00(raw00))
    if raw01 is not None:
        out["01h"] = _check(raw01[255 - 128], page_checksum(raw01, CHECKSUM_FIRST, CHECKSUM_LAST))
    return out


def _check(stored: int, computed: int) -> dict[str, Any]:
    return {"stored": stored, "computed": computed, "ok": stored == computed}
