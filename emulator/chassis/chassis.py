"""Chassis: named cages on one shared clock, their fault switches and status, built in code."""

from __future__ import annotations

import functools
import threading
from typing import Any

from cmis.clock import Clock, ScaledClock
from cmis.codec.lanelist import parse_lanes
from cmis.errors import InputError, cut
from emulator.chassis.errors import ChassisError
from emulator.chassis.faults import set_fault
from emulator.chassis.links import Link, PortLanes, check_loss, parse_end, received
from emulator.chassis.port import Port
from emulator.chassis.status import port_status
from emulator.light import Light

DEFAULT_PROFILE = "osfp-800g-dr8"


class Chassis:
    """Ports in order, one clock, one lock: light makes ports look at each other, so an access
    holds the chassis lock (re-entrant) rather than one per port, which could deadlock."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.lock = threading.RLock()
        self.ports: dict[str, Port] = {}
        self.links: list[Link] = []
        self._feeds: dict[str, list[Link]] = {}  # port -> the links that end on it

    def add_port(self, name: str, profile: str, *, lpmode: bool = True) -> Port:
        if name in self.ports:
            raise ChassisError(f"port {cut(name)} is defined twice")
        port = Port(name, profile, self.clock, self.lock, seed=len(self.ports), lpmode=lpmode)
        self.ports[name] = port
        port.connect(functools.partial(self._light_into, port))
        return port

    def _light_into(self, port: Port) -> Light:
        return received(port, self._feeds.get(port.name, []), self.ports)

    # --- fibre -----------------------------------------------------------------------------

    def add_link(self, a: str, b: str, loss_db: float = 0.0) -> Link:
        """A duplex fibre from ``a`` to ``b`` ("port3:5-8"); a plug when ``b`` is ``a``."""
        end_a, end_b = parse_end(a, self.ports), parse_end(b, self.ports)
        if len(end_a.lanes) != len(end_b.lanes):
            raise ChassisError(
                f"{end_a} has {len(end_a.lanes)} lane(s) but {end_b} has "
                f"{len(end_b.lanes)}; a link joins as many lanes at each end"
            )
        link = Link(end_a, end_b, check_loss(loss_db))
        taken = {(e.port, lane) for other in self.links for e in _ends(other) for lane in e.lanes}
        claim = [(e.port, lane) for e in _ends(link) for lane in e.lanes]
        clash = [pl for i, pl in enumerate(claim) if pl in taken or pl in claim[:i]]
        if clash:
            raise ChassisError(f"{clash[0][0]} lane {clash[0][1]} is already on a link or plug")
        self.links.append(link)
        for port in {end_a.port, end_b.port}:
            self._feeds.setdefault(port, []).append(link)
        return link

    def check_end(self, text: str) -> PortLanes:
        """A link end ("port3" or "port3:5-8") of this chassis; ChassisError if it is not."""
        return parse_end(text, self.ports)

    def link(self, a: str, b: str) -> Link:
        """The link between ``a`` and ``b`` (either order; lanes, if given, must match)."""
        want = [_end_filter(a), _end_filter(b)]
        for link in self.links:
            ends = [link.a, link.b]
            if any(_matches(ends[0], want[i]) and _matches(ends[1], want[1 - i]) for i in (0, 1)):
                return link
        raise ChassisError(f"no link between {cut(a)} and {cut(b)}")

    def cut(self, a: str, b: str) -> None:
        with self.lock:
            self._notice(self.link(a, b), up=False)

    def restore(self, a: str, b: str) -> None:
        with self.lock:
            self._notice(self.link(a, b), up=True)

    def set_loss(self, a: str, b: str, db: float) -> None:
        with self.lock:
            self._notice(self.link(a, b), loss_db=check_loss(db))

    def _notice(self, link: Link, **change: object) -> None:
        """Change ``link``; its ends notice at once, so PRBS checkers count the old light up
        to this moment and the new one from it (they would otherwise notice at their next read)."""
        for name, value in change.items():
            setattr(link, name, value)
        for end in {link.a.port, link.b.port}:
            module = self.ports[end].module
            if module is not None:
                module.update()

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


def _ends(link: Link) -> tuple[PortLanes, ...]:
    return (link.a,) if link.plug else (link.a, link.b)


def _end_filter(text: str) -> tuple[str, tuple[int, ...] | None]:
    name, _, lanes = text.partition(":")
    try:
        return name, (tuple(parse_lanes(lanes, 32)) if lanes else None)
    except InputError as err:
        raise ChassisError(str(err)) from None


def _matches(end: PortLanes, want: tuple[str, tuple[int, ...] | None]) -> bool:
    return end.port == want[0] and (want[1] is None or end.lanes == want[1])
