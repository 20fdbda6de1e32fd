"""A port of the fleet: its switch, its module target, and the I2C bus it shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from cmis.host.targets import parse_i2c, split_target

_SYSFS_BUS = re.compile(r"/(\d+)-00[0-9a-fA-F]{2}/")  # /sys/bus/i2c/devices/5-0050/eeprom


@dataclass(frozen=True)
class FleetPort:
    """``bus`` names what the port shares with others of its switch: one CDB download at a time."""

    switch: str
    name: str
    target: str
    bus: str

    @property
    def key(self) -> str:
        return f"{self.switch}:{self.name}"

    def to_dict(self) -> dict[str, Any]:
        return {"switch": self.switch, "port": self.name, "target": self.target, "bus": self.bus}


def bus_of(target: str) -> str:
    """i2c:BUS@ADDR and sysfs optoe paths by bus number; a chassis port by its chassis folder
    (DIR/port1/eeprom: the emulated chassis serves all its ports through one bus)."""
    scheme, rest = split_target(target)
    if scheme == "i2c":
        return parse_i2c(rest)[0].removeprefix("/dev/")
    match = _SYSFS_BUS.search(rest)
    if match:
        return f"i2c-{match.group(1)}"
    return str(PurePosixPath(rest).parent.parent)


def fleet_ports(switch: str, targets: dict[str, str]) -> list[FleetPort]:
    return [FleetPort(switch, name, target, bus_of(target)) for name, target in targets.items()]


def interleave(ports: list[FleetPort]) -> list[FleetPort]:
    """One port of each bus in turn, so a wave spreads over buses and runs in parallel."""
    lanes: dict[tuple[str, str], list[FleetPort]] = {}
    for port in ports:
        lanes.setdefault((port.switch, port.bus), []).append(port)
    order: list[FleetPort] = []
    queues = list(lanes.values())
    for depth in range(max((len(q) for q in queues), default=0)):
        order += [q[depth] for q in queues if depth < len(q)]
    return order
