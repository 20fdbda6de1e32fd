"""Benchmark workloads: application switches on many emulated modules, host API and raw TwiDevice.

Every module cycles AppSel 1 -> 2 -> 3 -> 1 (1x800G DR8, 2x400G DR4, 8x100G DR) on all lanes:
DPDeinit, new SCS0 DPConfig, ApplyDPInit, release, wait DPActivated. One cycle of three switches
is 88 data-path transitions (12 + 40 + 36). ``host_switches`` drives it through
``cmis.host.module.Module.apply_application`` (host polling and parsing included); ``raw_switches``
writes and polls bytes on the TwiDevice in lockstep over all modules, so only emulator work is
left on top of the poll loop.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from cmis.clock import VirtualClock
from cmis.host.module import Module
from cmis.transport.twi import TwiTransport
from emulator import EmulatedModule

CYCLE = (2, 3, 1)  # from the default AppSel 1, three switches back to it
TRANSITIONS_PER_CYCLE = 12 + 40 + 36
POLL = 0.05  # virtual seconds between polls of the raw host
ALL = b"\xff"


def ready_modules(count: int, clock: VirtualClock) -> list[EmulatedModule]:
    """``count`` modules on ``clock`` brought up to ModuleReady with AppSel 1 active."""
    modules = [EmulatedModule(clock=clock, seed=i, lpmode=False) for i in range(count)]
    clock.advance(60.0)
    for m in modules:
        m.update()
    return modules


def host_switches(count: int) -> tuple[int, float]:
    """(switches, wall seconds) of CYCLE through the host API on ``count`` modules."""
    clock = VirtualClock()
    hosts = [Module(TwiTransport(m, clock=clock), clock=clock) for m in ready_modules(count, clock)]
    for host in hosts:
        host.data_paths()  # warm the static-page cache, as a long-running host would have
    start = time.perf_counter()
    for appsel in CYCLE:
        for host in hosts:
            host.apply_application(appsel)
    return count * len(CYCLE), time.perf_counter() - start


def _staged(appsel: int) -> bytes:
    """SCS0 DPConfig of all 8 lanes for AppSel 1 (one path), 2 (two) or 3 (eight)."""
    width = {1: 8, 2: 4, 3: 1}[appsel]
    return bytes(appsel << 4 | (lane - lane % width) << 1 for lane in range(8))


def _wait(clock: VirtualClock, modules: list[EmulatedModule], done: Callable) -> None:
    waiting, deadline = list(modules), clock.now() + 60.0
    while waiting:
        waiting = [m for m in waiting if not done(m)]
        if waiting and clock.now() > deadline:
            raise RuntimeError(f"{len(waiting)} module(s) did not get there in 60 s")
        if waiting:
            clock.advance(POLL)


def _page11_is(offset: int, want: bytes) -> Callable[[EmulatedModule], bool]:
    def done(m: EmulatedModule) -> bool:
        m.twi_write(127, b"\x11")
        return m.twi_read(offset, len(want)) == want

    return done


def _write10(modules: list[EmulatedModule], offset: int, data: bytes) -> None:
    for m in modules:
        m.twi_write(127, b"\x10")
        m.twi_write(offset, data)


def raw_switches(count: int) -> tuple[int, float]:
    """(switches, wall seconds) of CYCLE written and polled as bytes, modules in lockstep."""
    clock = VirtualClock()
    modules = ready_modules(count, clock)
    start = time.perf_counter()
    for appsel in CYCLE:
        _write10(modules, 128, ALL)  # DPDeinit every lane
        _wait(clock, modules, _page11_is(128, b"\x11" * 4))  # DPDeactivated
        _write10(modules, 145, _staged(appsel))
        _write10(modules, 143, ALL)  # ApplyDPInit, single byte
        _wait(clock, modules, _page11_is(202, b"\x11" * 4))  # ConfigSuccess
        _write10(modules, 128, b"\x00")
        _wait(clock, modules, _page11_is(128, b"\x44" * 4))  # DPActivated
    return count * len(CYCLE), time.perf_counter() - start


def bring_up_lockstep(count: int) -> float:
    """Wall seconds from ModuleLowPwr to every lane DPActivated, ``count`` modules in lockstep."""
    clock = VirtualClock()
    start = time.perf_counter()
    modules = [EmulatedModule(clock=clock, seed=i) for i in range(count)]
    _write10(modules, 128, ALL)  # hold every data path in DPDeactivated
    for m in modules:
        assert m.twi_read(3, 1)[0] >> 1 & 7 == 1  # ModuleLowPwr
        m.twi_write(26, b"\x00")  # clear LowPwrRequestSW and LowPwrAllowRequestHW
    _wait(clock, modules, lambda m: m.twi_read(3, 1)[0] >> 1 & 7 == 3)  # ModuleReady
    _write10(modules, 145, _staged(1))
    _write10(modules, 143, ALL)  # ApplyDPInit on every lane
    _wait(clock, modules, _page11_is(202, b"\x11" * 4))  # ConfigSuccess
    _write10(modules, 128, b"\x00")  # release DPDeinit
    _wait(clock, modules, _page11_is(128, b"\x44" * 4))  # DPActivated
    return time.perf_counter() - start
