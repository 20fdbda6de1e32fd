"""A provisioning profile: what a module should look like, read from YAML and checked for shape.

    power: high                     # high | low
    applications:                   # host lanes 1-32; lanes split into the AppSel's data paths
      - {appsel: 2, lanes: 1-4}
    tx: {enable: 1-8, disable: []}  # media lanes (OutputDisableTx); others are left alone
    thresholds: {TempHighAlarmThreshold: 75.0}   # page 02h, in the field's unit
    firmware: {min_version: "3.0"}  # or version: "3.7" (exact); quoted, major.minor

Every problem is a ProfileError ``FILE:LINE: key: reason``; checks against a module are in
``plan.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cmis.codec.fieldref import resolve
from cmis.codec.lanelist import parse_lanes
from cmis.errors import InputError, cut
from cmis.host.lanes import MAX_LANES
from cmis.host.provisioning.yamlnodes import Lines, read
from cmis.host.provisioning.yamlnodes import Path as KeyPath

TOP_KEYS = ("power", "applications", "tx", "thresholds", "firmware")
KEYS: dict[KeyPath, tuple[str, ...]] = {
    (): TOP_KEYS,
    ("tx",): ("enable", "disable"),
    ("firmware",): ("version", "min_version"),
}
APP_KEYS = ("appsel", "lanes")


@dataclass(frozen=True)
class AppEntry:
    appsel: int
    lanes: list[int]
    at: KeyPath


@dataclass(frozen=True)
class Profile:
    """A checked profile; ``lines`` turns any key path back into ``FILE:LINE`` for messages."""

    lines: Lines
    power: str | None = None
    applications: list[AppEntry] = field(default_factory=list)
    tx: dict[int, bool] = field(default_factory=dict)  # media lane -> enabled
    thresholds: dict[str, float] = field(default_factory=dict)
    firmware: dict[str, tuple[int, int]] = field(default_factory=dict)


def load_profile(path: str | Path) -> Profile:
    """Read and check the profile at ``path`` (shape and types only; no module involved)."""
    data, lines = read(path, _check_key)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise lines.error((), f"expected a mapping of {', '.join(TOP_KEYS)}")
    return Profile(
        lines,
        _power(lines, data.get("power")),
        _applications(lines, data.get("applications", [])),
        _tx(lines, data.get("tx", {})),
        _thresholds(lines, data.get("thresholds", {})),
        _firmware(lines, data.get("firmware", {})),
    )


def _check_key(at: KeyPath, key: str) -> str | None:
    """Called as the file is read, so the first bad key ends the read (no waiting for the rest)."""
    in_app = len(at) == 2 and at[0] == "applications" and isinstance(at[1], int)
    allowed = APP_KEYS if in_app else KEYS.get(at)
    if allowed is not None and key not in allowed:
        return f"unknown key (allowed: {', '.join(allowed)})"
    if at == ("thresholds",) and not (key.endswith("Threshold") and _is_field(f"02h.{key}")):
        return "not a page 02h threshold (e.g. TempHighAlarmThreshold)"
    return None


def _mapping(lines: Lines, at: KeyPath, value: Any) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise lines.error(at, f"expected a mapping, got {type(value).__name__}")
    return value


def _power(lines: Lines, value: Any) -> str | None:
    if value is not None and value not in ("low", "high"):
        raise lines.error(("power",), f"{cut(value)} is not low or high")
    return value  # type: ignore[no-any-return]


def _lanes(lines: Lines, at: KeyPath, value: Any) -> list[int]:
    """``1-4``, ``"1-4,6"``, ``3`` or ``[1, 2]`` -> lanes 1-32; ``[]`` is no lanes."""
    if isinstance(value, list) and all(type(v) is int for v in value):
        text = ",".join(map(str, value))
    elif type(value) is int or isinstance(value, str):
        text = str(value)
    else:
        raise lines.error(at, f"expected lanes like 1-4 or [1, 2], got {cut(value)}")
    try:
        return parse_lanes(text, limit=MAX_LANES) if text else []
    except InputError as err:
        raise lines.error(at, str(err)) from None


def _applications(lines: Lines, value: Any) -> list[AppEntry]:
    if not isinstance(value, list):
        raise lines.error(("applications",), "expected a list of {appsel: N, lanes: 1-4}")
    return [_application(lines, ("applications", i), item) for i, item in enumerate(value)]


def _application(lines: Lines, at: KeyPath, item: Any) -> AppEntry:
    entry = _mapping(lines, at, item)
    for key in APP_KEYS:
        if key not in entry:
            raise lines.error(at, f"missing {key}")
    appsel = entry["appsel"]
    if type(appsel) is not int or not 1 <= appsel <= 15:
        raise lines.error((*at, "appsel"), f"{cut(appsel)} is not an AppSel code 1-15")
    return AppEntry(appsel, _lanes(lines, (*at, "lanes"), entry["lanes"]), at)


def _tx(lines: Lines, value: Any) -> dict[int, bool]:
    tx = _mapping(lines, ("tx",), value)
    on = _lanes(lines, ("tx", "enable"), tx.get("enable", []))
    off = _lanes(lines, ("tx", "disable"), tx.get("disable", []))
    both = sorted(set(on) & set(off))
    if both:
        raise lines.error(("tx",), f"lanes {both} are both enabled and disabled")
    return {**{lane: True for lane in on}, **{lane: False for lane in off}}


def _thresholds(lines: Lines, value: Any) -> dict[str, float]:
    found = _mapping(lines, ("thresholds",), value)
    for name, number in found.items():
        at = ("thresholds", str(name))
        if type(number) not in (int, float):
            raise lines.error(at, f"expected a number in the field's unit, got {cut(number)}")
    return {str(k): float(v) for k, v in found.items()}


def _is_field(name: str) -> bool:
    try:
        return resolve(name).leaf is not None
    except InputError:
        return False


def _firmware(lines: Lines, value: Any) -> dict[str, tuple[int, int]]:
    found = _mapping(lines, ("firmware",), value)
    return {key: _version(lines, ("firmware", key), text) for key, text in found.items()}


def _version(lines: Lines, at: KeyPath, text: Any) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)\.(\d+)", text) if isinstance(text, str) else None
    if match is None:
        raise lines.error(at, f'{cut(text)} is not a quoted major.minor version, e.g. "3.7"')
    return int(match.group(1)), int(match.group(2))
