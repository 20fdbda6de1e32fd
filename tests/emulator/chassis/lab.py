"""Host-side steps for chassis light tests, all through port.read/port.write (optoe-linear)."""

from __future__ import annotations

from cmis.clock import VirtualClock
from cmis.codec.address import linear_offset
from cmis.host.module import Module
from cmis.transport.optoe import OptoeTransport
from emulator import addresses as a
from emulator.chassis import Chassis, Port, build_chassis

P10, P11 = 128 + 0x10 * 128 - 128, 128 + 0x11 * 128 - 128  # linear offset of byte 0 of the page


def up(clock: VirtualClock, *ports: Port) -> None:
    """Release LPMode and wait until the default data paths are activated."""
    for port in ports:
        port.lpmode = False
    clock.advance(10)


def linked_pair(clock: VirtualClock, ports: int = 2) -> Chassis:
    """A chassis of ``ports`` DR8 modules, port1 <-> port2 by fibre, every port's default data
    paths up."""
    chassis = build_chassis(ports, clock=clock)
    chassis.add_link("port1", "port2")
    up(clock, *(chassis.port(f"port{i}") for i in range(1, ports + 1)))
    return chassis


def provision(clock: VirtualClock, port: Port, appsel: int, path_lanes: int) -> None:
    """Deinit, stage ``appsel`` in paths of ``path_lanes`` lanes on every lane, apply, re-init."""
    port.write(P10 + a.DP_DEINIT, b"\xff")
    clock.advance(5)
    configs = bytes(appsel << 4 | (lane // path_lanes * path_lanes) << 1 for lane in range(8))
    port.write(P10 + a.SCS_DPCONFIG[0], configs)
    port.write(P10 + a.SCS_APPLY_DPINIT[0], b"\xff")
    clock.advance(1)
    port.write(P10 + a.DP_DEINIT, b"\x00")
    clock.advance(10)


def tx_disable(port: Port, lanes: int) -> None:
    port.write(P10 + a.OUTPUT_DISABLE_TX, bytes((lanes,)))


def rx_power_mw(port: Port) -> list[float]:
    raw = port.read(P11 + a.RX_POWER, 16)
    return [int.from_bytes(raw[i : i + 2]) * 0.0001 for i in range(0, 16, 2)]


def flags(port: Port, name: str) -> list[int]:
    """Lanes 1-8 whose latched flag ``name`` (rx_los, rx_cdr_lol, ...) is set; reading clears."""
    value = port.read(P11 + a.LANE_FAULT_FLAGS[name], 1)[0]
    return [lane + 1 for lane in range(8) if value >> lane & 1]


def clear_all(port: Port) -> None:
    port.read(8, 4)
    port.read(P11 + 134, 20)


class CageTransport(OptoeTransport):
    """The optoe target's Transport with the cage in place of the mount's eeprom file: it
    outlives the module in it, so a host sees a swap as it would through a switch's file."""

    def __init__(self, port: Port) -> None:
        super().__init__(port.name)  # (a name for messages: no file is ever opened)
        self.port = port

    def _io(self, page: int, bank: int, byte: int, size: int, data: bytes | None) -> bytes:
        where = linear_offset(bank, page, byte)
        if data is None:
            return self.port.read(where, size)
        self.port.write(where, data)
        return b""


def host_on(clock: VirtualClock, port: Port) -> Module:
    """A host Module on ``port``'s cage."""
    return Module(CageTransport(port), clock=clock, name=port.name)
