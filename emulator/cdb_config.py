"""The CDB and firmware settings of a profile ([cdb], [cdb.firmware], [firmware]), typed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulator.errors import ProfileError

EPL_PAGES = (0, 1, 2, 3, 4, 8, 12, 16)  # 01h:163.3-0 code -> EPL pages A0h.. (CMIS.md 4.3)
DURATION_NAMES = ("start", "abort", "write", "complete", "copy")
FEATURE_ABORT, FEATURE_COPY, FEATURE_SKIP_ERASED, FEATURE_10MS = 0x01, 0x02, 0x04, 0x08
MECH_LPL, MECH_EPL = 0x01, 0x10
IMAGE_FORMATS = ("ocfw", "vendor")  # what Start accepts (specs/firmware-image.md)


@dataclass(frozen=True)
class CdbConfig:
    """What the module advertises about CDB and how long its commands really take."""

    instances: int
    background: bool
    epl_pages: int
    trigger_any_write: bool  # 01h:165.7
    busy_fraction: float  # real busy time = fraction x advertised duration
    max_completion_ms: int  # 0040h bytes 170-171
    password_required: bool
    abort_command: bool  # CMD Abort (0004h) stops a busy command; else 0004h answers 0x41
    features: int  # 0041h byte 137
    start_payload_size: int
    erased_byte: int
    rw_length_ext: int
    write_mechanism: int
    read_mechanism: int
    hitless: bool
    image_format: str
    durations_ms: dict[str, int]
    images: tuple[dict[str, Any], dict[str, Any]]  # image A, image B at power-on

    @property
    def max_lpl_block(self) -> int:
        return min(8 * (1 + min(self.rw_length_ext, 15)), 120) - 4

    @property
    def max_epl_block(self) -> int:
        return min(8 * (1 + self.rw_length_ext), 128 * self.epl_pages)


def cdb_config(name: str, data: dict[str, Any]) -> CdbConfig:
    """Read the CDB sections of profile ``name``; ProfileError names a missing or bad key."""
    cdb = data["cdb"]
    adv = cdb["advertisement"]
    fw = cdb.get("firmware", {})
    try:
        return CdbConfig(
            instances=adv[0] >> 6,
            background=bool(adv[0] & 0x20),
            trigger_any_write=bool(adv[2] & 0x80),
            epl_pages=EPL_PAGES[min(adv[0] & 15, 7)],
            busy_fraction=float(cdb.get("busy_fraction", 0.5)),
            max_completion_ms=int(cdb.get("max_completion_ms", 20)),
            password_required=bool(cdb.get("password_required", False)),
            abort_command=bool(cdb.get("abort_command", False)),
            features=int(fw.get("features", FEATURE_ABORT)),
            start_payload_size=int(fw.get("start_payload_size", 64)),
            erased_byte=int(fw.get("erased_byte", 0xFF)),
            rw_length_ext=int(fw.get("rw_length_ext", adv[1])),
            write_mechanism=int(fw.get("write_mechanism", MECH_LPL)),
            read_mechanism=int(fw.get("read_mechanism", 0)),
            hitless=bool(fw.get("hitless_restart", False)),
            image_format=_image_format(fw.get("image_format", "ocfw")),
            durations_ms={k: int(fw.get("max_duration_ms", {}).get(k, 0)) for k in DURATION_NAMES},
            images=_images(data["firmware"]),
        )
    except (TypeError, ValueError, IndexError) as err:
        raise ProfileError(f"profile {name}: [cdb] or [cdb.firmware] is invalid: {err}") from err


def _image_format(value: object) -> str:
    if value not in IMAGE_FORMATS:
        raise ValueError(f"image_format {str(value)[:40]!r} is not one of {IMAGE_FORMATS}")
    return str(value)


def write_limits(data: dict[str, Any]) -> dict[int, int]:
    """Page -> longest WRITE it accepts, from the CDB advertisement (others take 8 bytes)."""
    cdb = data["cdb"]["advertisement"]
    if not cdb[0] >> 6:
        return {}
    ext = cdb[1]  # 01h:164 CdbReadWriteLengthExtension
    return {0x9F: 8 * (1 + min(ext, 15)), **{page: 8 * (1 + ext) for page in range(0xA0, 0xB0)}}


def _images(fw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Image A (running, committed) and image B from [firmware] active/inactive (+ build, text)."""
    builds = fw.get("build", [0, 0])
    texts = fw.get("text", ["", ""])
    return (
        {"version": (*fw["active"], builds[0]), "text": texts[0]},
        {"version": (*fw["inactive"], builds[1]), "text": texts[1]},
    )
