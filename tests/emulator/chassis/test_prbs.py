"""PRBS through fibre and loopbacks, host API against chassis modules on a VirtualClock."""

from __future__ import annotations

import pytest

from cmis.clock import VirtualClock
from cmis.codec.diag import PatternId
from cmis.errors import InputError
from cmis.host import diag
from cmis.host.loopback import set_loopback
from cmis.host.memory import ModuleMemory
from cmis.transport.twi import TwiTransport
from emulator.chassis import Chassis, Port
from emulator.module import EmulatedModule
from tests.emulator.chassis.lab import linked_pair

Q31 = PatternId.PRBS31Q
ALL = list(range(1, 9))


def host(port: Port | EmulatedModule, clock: VirtualClock) -> ModuleMemory:
    device = port.module if isinstance(port, Port) else port
    return ModuleMemory(TwiTransport(device, clock=clock), clock=clock)


@pytest.fixture
def pair(clock: VirtualClock) -> Chassis:
    """port1 <-> port2 running 800GBASE-DR8; port3 alone."""
    return linked_pair(clock, 3)


def run(pair: Chassis, clock: VirtualClock, seconds: float = 10.0) -> list[diag.LaneResult]:
    a, b = host(pair.port("port1"), clock), host(pair.port("port2"), clock)
    diag.start(a, "media", Q31, ALL, ("generator",))
    diag.start(b, "media", Q31, ALL, ("checker",))
    clock.advance(seconds)
    return diag.read(b)


def test_a_clean_link_locks_and_counts_only_the_dsp_floor(
    pair: Chassis, clock: VirtualClock
) -> None:
    results = run(pair, clock)
    assert [r.lane for r in results] == ALL and all(r.side == "media" for r in results)
    assert all(r.locked and 0 < r.ber < 1e-8 for r in results)  # type: ignore[operator]
    assert all(r.bits == pytest.approx(100e9 * 10, rel=0.01) for r in results)


def test_attenuation_counts_errors_and_more_loss_means_a_higher_ber(
    pair: Chassis, clock: VirtualClock
) -> None:
    pair.set_loss("port1", "port2", 8.0)
    some = run(pair, clock)
    assert all(r.locked and r.errors > 0 for r in some)
    diag.stop(host(pair.port("port2"), clock))
    pair.set_loss("port1", "port2", 9.5)
    more = run(pair, clock)
    assert all(m.ber > s.ber > 1e-12 for m, s in zip(more, some, strict=True))  # type: ignore[operator]
    assert all(m.ber < 0.5 for m in more)  # type: ignore[operator]


def test_a_cut_during_the_count_marks_lost_sync(pair: Chassis, clock: VirtualClock) -> None:
    run(pair, clock, 1.0)
    pair.cut("port1", "port2")
    clock.advance(1.0)
    results = diag.read(host(pair.port("port2"), clock))
    assert all(not r.locked and r.sync_lost for r in results)


def test_a_loopback_plug_checks_its_own_pattern(pair: Chassis, clock: VirtualClock) -> None:
    pair.add_link("port3", "port3", 1.0)
    m = host(pair.port("port3"), clock)
    diag.start(m, "media", Q31, [1, 2])
    clock.advance(2)
    results = diag.read(m)
    assert [r.lane for r in results] == [1, 2]
    assert all(r.locked and r.ber < 1e-8 for r in results)  # type: ignore[operator]


def test_standalone_checker_sees_no_lock(clock: VirtualClock) -> None:
    module = EmulatedModule(clock=clock, lpmode=False)
    clock.advance(10)
    m = host(module, clock)
    diag.start(m, "media", Q31, ALL)
    clock.advance(5)
    assert all(not r.locked and r.bits == 0 and r.ber is None for r in diag.read(m))


def test_media_output_loopback_darkens_the_far_end_and_checks_itself(
    pair: Chassis, clock: VirtualClock
) -> None:
    a = host(pair.port("port1"), clock)
    set_loopback(a, "media-side-output", [1, 2, 3, 4], True)
    assert pair.status()[1]["lanes_los"] == [1, 2, 3, 4]
    diag.start(a, "media", Q31, [1, 5])
    clock.advance(1)
    locked = {r.lane: r.locked for r in diag.read(a)}
    assert locked == {1: True, 5: False}  # lane 5 has no loopback and port2 sends no pattern
    set_loopback(a, "media-side-output", [1, 2, 3, 4], False)
    assert pair.status()[1]["lanes_los"] == []


def _page13(port: Port) -> bytes:
    return bytes(port.module.memory.page(0, 0x13))  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m: diag.start(m, "media", PatternId.PRBS31, ALL), "does not offer PRBS31"),
        (lambda m: diag.start(m, "host", Q31, [1, 9]), "lane 9 does not exist"),
        (lambda m: set_loopback(m, "media-side-input", [9], True), "lane 9 does not exist"),
    ],
)
def test_refusals_write_nothing(pair: Chassis, clock: VirtualClock, call, message) -> None:  # type: ignore[no-untyped-def]
    port = pair.port("port1")
    before = _page13(port)
    with pytest.raises(InputError, match=message):
        call(host(port, clock))
    assert _page13(port) == before


def test_host_and_media_loopbacks_at_once_are_refused(pair: Chassis, clock: VirtualClock) -> None:
    m = host(pair.port("port1"), clock)
    set_loopback(m, "host-side-input", [1], True)
    before = _page13(pair.port("port1"))
    with pytest.raises(InputError, match="cannot loop host and media"):
        set_loopback(m, "media-side-output", [2], True)
    assert _page13(pair.port("port1")) == before


def test_an_unoffered_loopback_type_is_refused(clock: VirtualClock) -> None:
    module = EmulatedModule("qsfpdd-800g-2xfr4", clock=clock)
    with pytest.raises(InputError, match="does not offer media-side-input"):
        set_loopback(host(module, clock), "media-side-input", [1], True)
    assert module.memory.page(0, 0x13)[181 - 128] == 0


def test_far_media_input_loopback_returns_the_pattern(pair: Chassis, clock: VirtualClock) -> None:
    a, b = host(pair.port("port1"), clock), host(pair.port("port2"), clock)
    diag.start(a, "media", Q31, [1, 2])
    clock.advance(1)
    assert not any(r.locked for r in diag.read(a))  # port2 sends traffic, not the pattern
    set_loopback(b, "media-side-input", [1], True)
    diag.stop(a), diag.start(a, "media", Q31, [1, 2])
    clock.advance(1)
    assert {r.lane: r.locked for r in diag.read(a)} == {1: True, 2: False}


def test_host_output_loopback_feeds_the_host_checker(pair: Chassis, clock: VirtualClock) -> None:
    m = host(pair.port("port1"), clock)
    diag.start(m, "host", PatternId.SSPRQ, [3])
    clock.advance(1)
    assert not diag.read(m)[0].locked  # no host ASIC sends the pattern
    set_loopback(m, "host-side-output", [3], True)
    diag.stop(m), diag.start(m, "host", PatternId.SSPRQ, [3])
    clock.advance(1)
    (result,) = diag.read(m)
    assert result.locked and result.errors == 0 and result.bits > 0
