"""Fibre between cages: duplex links (A's Tx lanes -> B's Rx lanes and back) and loopback plugs.

A link end is a port and its lanes ("port3:5-8"; all lanes when none are named). Light on a
near lane is the far lane's Tx power (mW) less the link's loss (dB), computed from the far
module's own state when the near module is touched (emulator/light.py), never on a timer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cmis.codec.lanelist import parse_lanes
from cmis.errors import InputError, cut
from emulator.chassis.errors import ChassisError
from emulator.chassis.port import Port
from emulator.light import Light


@dataclass(frozen=True)
class PortLanes:
    """One end of a link: a port name and its module lanes (1..N), in fibre order."""

    port: str
    lanes: tuple[int, ...]

    def __str__(self) -> str:
        return f"{self.port}:{self.lanes[0]}-{self.lanes[-1]}" if self.lanes else self.port


@dataclass
class Link:
    """A duplex fibre (a plug when ``a == b``); ``up`` False when it is cut."""

    a: PortLanes
    b: PortLanes
    loss_db: float = 0.0
    up: bool = True

    @property
    def plug(self) -> bool:
        return self.a == self.b

    def ends(self) -> tuple[tuple[PortLanes, PortLanes], ...]:
        """(near, far) pairs: each end receives what the other sends."""
        return ((self.a, self.b),) if self.plug else ((self.a, self.b), (self.b, self.a))


def parse_end(text: str, ports: dict[str, Port]) -> PortLanes:
    """``"port3"`` or ``"port3:5-8"`` -> PortLanes; ChassisError naming the bad part."""
    name, _, lanes = text.partition(":")
    port = ports.get(name)
    if port is None:
        raise ChassisError(f"no port {cut(name)}")
    count = port.lanes
    if not lanes:
        return PortLanes(name, tuple(range(1, count + 1)))
    try:
        return PortLanes(name, tuple(parse_lanes(lanes, count)))
    except InputError as err:
        raise ChassisError(str(err)) from None


def check_loss(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
        raise ChassisError(f"loss {cut(value)} must be a number of dB >= 0")
    if math.isinf(value):
        raise ChassisError("loss must be a finite number of dB")
    return float(value)


def received(port: Port, links: list[Link], ports: dict[str, Port]) -> Light:
    """The Light arriving at ``port``'s lanes through ``links`` (dark where no fibre lands)."""
    lanes = port.lanes
    power, signal = [0.0] * lanes, [None] * lanes
    pattern: list[object] = [None] * lanes
    sent: dict[str, Light] = {}
    for link in links:
        for near, far in link.ends():
            if near.port != port.name or not link.up:
                continue
            peer = ports[far.port].module
            if peer is None:
                continue
            out = sent.get(far.port) or sent.setdefault(far.port, peer.light_out())
            factor = 10 ** (-link.loss_db / 10)
            for n, f in zip(near.lanes, far.lanes, strict=True):
                if n <= lanes and f <= len(out.power_mw):
                    power[n - 1] = out.power_mw[f - 1] * factor
                    signal[n - 1] = out.signal[f - 1]  # type: ignore[call-overload]
                    pattern[n - 1] = out.pattern[f - 1] if out.pattern else None
    return Light(tuple(power), tuple(signal), tuple(pattern))
