"""Chassis: named cages on one shared clock, their fault switches and status, built in code."""

from __future__ import annotations

import threading
from typing import Any

from cmis.clock import Clock, ScaledClock
from cmis.errors import cut
from emulator.chassis.errors import ChassisError
from emulator.chassis.faults import set_fault
from emulator.chassis.port import Port
from emulator.chassis.status import port_status

DEFAULT_PROFILE = "osfp-800g-dr8"


class Chassis:
    """Ports in order, one clock, one lock: light makes ports look at each other, so an access
    holds the chassis lock (re-entrant) rather than one per port, which could deadlock."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.lock = threading.RLock()
        self.ports: dict[str, Port] = {}

    def add_port(self, name: str, profile: str, *, lpmode: bool = True) -> Port:
        if name in self.ports:
            raise ChassisError(f"port {cut(name)} is defined twice")
        port = Port(name, profile, self.clock, self.lock, seed=len(self.ports), lpmode=lpmode)
        self.ports[name] = port
        return port

    def port(self, name: str) -> Port:
        """The port called ``name``; ChassisError listing the names if there is none."""
        found = self.ports.get(name)
        if found is None:
            raise ChassisError(f"no port {cut(name)}; ports are {self.port_names()}")
        return found

    def port_names(self) -> str:
        names = list(self.ports)
        if names == [f"port{i}" for i in range(1, len(names) + 1)] and len(names) > 2:
            return f"port1..port{len(names)}"
        return ", ".join(names) or "none"

    def set_fault(self, port_name: str, name: str, value: str) -> None:
        """Switch fault ``name`` of a port's module from text; ChassisError if bad or empty."""
        port = self.port(port_name)
        with self.lock:
            faults = port.faults
            if faults is None:
                raise ChassisError(f"{port.name}: no module")
            set_fault(port.name, faults, name, value)

    def update(self) -> None:
        """Run every module's due timers (reading a port does this for that port anyway)."""
        with self.lock:
            for port in self.ports.values():
                if port.module is not None:
                    port.module.update()

    def status(self) -> list[dict[str, Any]]:
        return [port_status(port) for port in self.ports.values()]


def build_chassis(
    ports: int = 32,
    profile: str = DEFAULT_PROFILE,
    clock: Clock | None = None,
    speed: float = 1.0,
) -> Chassis:
    """``ports`` cages port1..portN, each with a ``profile`` module, LPMode asserted."""
    if isinstance(ports, bool) or not isinstance(ports, int) or not 1 <= ports <= 1024:
        raise ChassisError(f"ports {cut(ports)} must be a count 1-1024")
    chassis = Chassis(clock if clock is not None else scaled(speed))
    for i in range(1, ports + 1):
        chassis.add_port(f"port{i}", profile)
    return chassis


def scaled(speed: float) -> Clock:
    try:
        return ScaledClock(speed)
    except (TypeError, ValueError):
        raise ChassisError(f"speed {cut(speed)} must be a number > 0") from None
