"""The [[link]] and [[plug]] tables of a chassis file, checked and added to the chassis."""

from __future__ import annotations

from typing import Any

from emulator.chassis.chassis import Chassis
from emulator.chassis.errors import ChassisError, Where

_KEYS = {"link": ("a", "b", "loss_db"), "plug": ("port", "loss_db")}


def wire(chassis: Chassis, data: dict[str, Any], where: Where) -> None:
    """Add every link, then every plug, in file order; the first bad one raises."""
    for table in ("link", "plug"):
        entries = data.get(table, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise where.fail(f"[[{table}]]", f"must be an array of tables ([[{table}]])")
        for index, entry in enumerate(entries, 1):
            at = where.at(table, index)
            extra = sorted(set(entry) - set(_KEYS[table]))
            if extra:
                raise at.fail(
                    str(extra[0])[:40], f"unknown key; keys are {', '.join(_KEYS[table])}"
                )
            ends = [_end(at, entry, key) for key in _KEYS[table][:-1]]
            loss = entry.get("loss_db", 0.0)
            _add(chassis, at, ends, loss)


def _end(at: Where, entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str):
        raise at.fail(key, 'is missing (a port name, optionally with lanes: "port3:5-8")')
    return value


def _add(chassis: Chassis, at: Where, ends: list[str], loss: object) -> None:
    """Add one link (or plug), naming the key the problem is in."""
    keys = ["a", "b"] if len(ends) == 2 else ["port"]
    for key, end in zip(keys, ends, strict=True):
        try:
            chassis.check_end(end)
        except ChassisError as err:
            raise at.fail(key, str(err)) from None
    try:
        chassis.add_link(ends[0], ends[-1], loss)  # type: ignore[arg-type]
    except ChassisError as err:
        key = "loss_db" if str(err).startswith("loss") else "lanes"
        raise at.fail(key, str(err)) from None
