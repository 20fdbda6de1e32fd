"""``chassis.set_fault``: a fault by name and a value as text (a FUSE file or a CLI argument)."""

from __future__ import annotations

import math

from cmis.codec.lanelist import parse_lanes
from cmis.errors import InputError, cut
from emulator.chassis.errors import ChassisError
from emulator.faults import LANE_FAULTS, Faults

FAULT_NAMES = (
    *LANE_FAULTS, "snr_degrade_db", "nack_rate", "over_temperature_c", "module_fault",
    "cdb_fail", "clear",
)  # fmt: skip
_NONE = ("", "none")


def set_fault(port: str, faults: Faults, name: str, value: str) -> None:
    """Parse ``value`` for fault ``name`` and switch it; ChassisError (nothing changed) if bad."""
    text = value.strip().lower()
    if name == "clear":
        faults.clear()
    elif name in LANE_FAULTS:
        count = faults.module.profile.lanes
        lanes = [] if text in _NONE else _parse(port, name, lambda: parse_lanes(text, count))
        faults.set_lanes(name, lanes)
    elif name == "snr_degrade_db":
        faults.snr_degrade_db = {} if text in _NONE else _degrade(port, faults, value, text)
    elif name == "nack_rate":
        rate = _number(port, name, text)
        if not 0.0 <= rate <= 1.0:
            raise ChassisError(f"{port}: nack_rate {cut(value)} is not a probability 0-1")
        faults.nack_rate = rate
    elif name == "over_temperature_c":
        faults.over_temperature_c = None if text in _NONE else _number(port, name, text)
    elif name == "module_fault":
        faults.module_fault = None if text in _NONE + ("0",) else _cause(port, value, text)
    elif name == "cdb_fail":
        faults.cdb_fail = None if text in _NONE else _cdb_rule(port, value, text)
    else:
        raise ChassisError(f"{port}: no fault {cut(name)}; faults are {', '.join(FAULT_NAMES)}")


def _parse(port: str, name: str, parse: object) -> list[int]:
    try:
        return parse()  # type: ignore[operator, no-any-return]
    except InputError as err:
        raise ChassisError(f"{port}: {name}: {err}") from None


def _number(port: str, name: str, text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise ChassisError(f"{port}: {name} {cut(text)} is not a number")
    return number


def _cause(port: str, value: str, text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 255:
        raise ChassisError(
            f"{port}: module_fault {cut(value)} is not a fault cause 1-255 (0 or none clears it)"
        )
    return int(text)


def _degrade(port: str, faults: Faults, value: str, text: str) -> dict[int, float]:
    """``LANES:DB`` (``3:6``, ``1-4:2.5``): those lanes lose DB of eSNR, the others none."""
    lanes_text, sep, db_text = text.partition(":")
    db = _number(port, "snr_degrade_db", db_text) if sep else math.nan
    if not sep or db < 0:
        raise ChassisError(
            f"{port}: snr_degrade_db {cut(value)} is not LANES:DB (e.g. 3:6, dB >= 0; none clears)"
        )
    count = faults.module.profile.lanes
    lanes = _parse(port, "snr_degrade_db", lambda: parse_lanes(lanes_text, count))
    return dict.fromkeys(lanes, db)


def _cdb_rule(port: str, value: str, text: str) -> tuple[int | None, int]:
    """``0x45`` (every command) or ``0107:0x45`` (CMDID 0107h only) -> (CMDID, status)."""
    cmd_text, _, status_text = text.rpartition(":")
    try:
        cmd = int(cmd_text.removesuffix("h"), 16) if cmd_text else None
        status = int(status_text, 0)
    except ValueError:
        cmd, status = None, -1
    if not 0x40 <= status <= 0x7F or (cmd is not None and not 0 <= cmd <= 0xFFFF):
        raise ChassisError(
            f"{port}: cdb_fail {cut(value)} is not STATUS or CMDID:STATUS "
            "(a failure status 0x40-0x7F, a hex CMDID like 0107; none clears it)"
        )
    return cmd, status
