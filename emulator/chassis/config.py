"""``load_chassis``: a chassis TOML file ([chassis], [[port]], [[link]], [[plug]]) checked whole.

Every problem is one line naming the file, the table and the key:
``lab.toml: [[port]] #3: profile: ...``. Nothing is built until the whole file checks out.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from cmis.clock import Clock
from cmis.errors import cut, cut_path
from emulator.chassis.chassis import DEFAULT_PROFILE, Chassis, scaled
from emulator.chassis.errors import ChassisError, Where
from emulator.chassis.wiring import wire


def load_chassis(path: str | Path, clock: Clock | None = None) -> Chassis:
    """The chassis ``path`` describes; ChassisError (one line) if the file is missing or bad."""
    where = Where(cut_path(path))
    try:
        data = tomllib.loads(Path(path).read_text())
    except OSError as err:
        raise ChassisError(f"{where.file}: cannot read ({err.strerror or err})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ChassisError(f"{where.file}: not valid TOML ({err})") from None
    return build_from(data, where, clock)


def build_from(data: dict[str, Any], where: Where, clock: Clock | None) -> Chassis:
    unknown = sorted(set(data) - {"chassis", "port", "link", "plug"})
    if unknown:
        raise where.fail(f"[{cut(unknown[0])}]", "unknown table; tables are [chassis], "
                         "[[port]], [[link]], [[plug]]")  # fmt: skip
    head = _table(where, data, "chassis")
    speed = where.get(head, "speed", (int, float), 1.0)
    if not speed > 0:
        raise where.fail("[chassis] speed", f"{cut(speed)} must be a number > 0")
    chassis = Chassis(clock if clock is not None else scaled(speed))
    for index, (name, profile, lpmode) in enumerate(_ports(where, data, head), 1):
        try:
            chassis.add_port(name, profile, lpmode=lpmode)
        except ChassisError as err:
            raise where.at("port", index).fail("profile", str(err)) from None
    wire(chassis, data, where)
    return chassis


def _ports(where: Where, data: dict[str, Any], head: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(name, profile, lpmode) per [[port]]; without any, [chassis] ports/profile make them."""
    default = where.get(head, "profile", str, DEFAULT_PROFILE)
    tables = _tables(where, data, "port")
    if not tables:
        count = where.get(head, "ports", int, 32)
        if not 1 <= count <= 1024:
            raise where.fail("[chassis] ports", f"{count} is not a count 1-1024")
        return [(f"port{i}", default, True) for i in range(1, count + 1)]
    ports = []
    for index, table in enumerate(tables, 1):
        at = where.at("port", index)
        extra = sorted(set(table) - {"name", "profile", "lpmode"})
        if extra:
            raise at.fail(cut(extra[0], quote=False), "unknown key; keys are name, profile, lpmode")
        name = at.get(table, "name", str, f"port{index}")
        if not name or "/" in name or ":" in name or name.startswith("."):
            raise at.fail("name", f"{cut(name)} is not a port name (no '/', ':' or leading '.')")
        ports.append(
            (name, at.get(table, "profile", str, default), at.get(table, "lpmode", bool, True))
        )
    return ports


def _table(where: Where, data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise where.fail(f"[{key}]", "must be a table")
    return value


def _tables(where: Where, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise where.fail(f"[[{key}]]", "must be an array of tables ([[" + key + "]])")
    return value
