"""What a module sends is kept between its touches (a mounted read asks the far end each time):
whatever the host, the pins, the faults, the cage or time do, the kept answer is never stale."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cmis.clock import VirtualClock
from cmis.errors import TransportError
from emulator import addresses as a
from emulator.chassis import ChassisError, Port, build_chassis
from emulator.snapshot import Snapshot
from tests.emulator.chassis.lab import P10, P11, up

P13 = P10 + 3 * 128  # linear offset of byte 0 of page 13h
TX_DISABLE, LOOPBACK = P10 + a.OUTPUT_DISABLE_TX, P13 + 180  # 13h:180: media output loopback

lanes = st.integers(0, 255)
steps = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["tx_disable", "loopback"]), lanes),
        st.tuples(st.sampled_from(["lpmode", "reset"]), st.booleans()),
        st.tuples(st.just("tx_fault"), st.frozensets(st.integers(1, 8), max_size=3)),
        st.tuples(st.sampled_from(["cage", "module"]), st.sampled_from(["remove", "insert"])),
        st.tuples(st.just("wait"), st.sampled_from([0.001, 0.1, 1.0, 10.0])),
        st.tuples(st.sampled_from(["restore", "look"]), st.none()),
    ),
    max_size=12,
)


def act(port: Port, far: Port, clock: VirtualClock, snap: Snapshot, step: str, arg: Any) -> None:
    module = port.module
    if step in ("tx_disable", "loopback"):
        port.write(TX_DISABLE if step == "tx_disable" else LOOPBACK, bytes((arg,)))
    elif step in ("lpmode", "reset"):
        setattr(port, step, arg)
    elif step == "cage":
        port.remove() if arg == "remove" else port.insert()
    elif step == "wait":
        clock.advance(arg)
    elif step == "look":
        far.read(P11 + a.RX_POWER, 16)  # Rx power: the far end asks this one what it sends
    elif module is not None and step == "tx_fault":
        module.faults.tx_fault = arg
    elif module is not None and step == "module":
        module.remove() if arg == "remove" else module.insert()
    elif module is not None and step == "restore":
        module.restore(snap)


@given(steps)
def test_the_light_a_module_sends_is_never_stale(plan: list[tuple[str, Any]]) -> None:
    clock = VirtualClock()
    chassis = build_chassis(2, clock=clock)
    chassis.add_link("port1", "port2")
    near, far = chassis.port("port1"), chassis.port("port2")
    up(clock, near, far)
    assert near.module is not None
    snap = near.module.snapshot()
    for step, arg in plan:
        with suppress(TransportError, ChassisError):  # a NACK (busy) or an empty cage: no step
            act(near, far, clock, snap, step, arg)
        module = near.module
        if module is not None:
            assert module.light_out() == module.light.out(), (step, arg)
