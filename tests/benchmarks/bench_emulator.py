"""Benchmark: page reads through TwiTransport and host bring-up of many emulated modules.

Prints 128-byte page reads per second (TwiTransport alternating pages, TwiTransport on one
page, raw ``twi_read``) and the wall time and peak memory of bringing N emulated modules from
ModuleLowPwr to every lane DPActivated with the plain TwiDevice sequence on one shared
VirtualClock, each N in its own process so peak RSS is its own. Ratios are to the targets of
issue 3 (>= 300k page reads/s; 10,000 modules in <= 30 s and <= 1 GiB). Not a test: ``make bench``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cmis.clock import VirtualClock
from cmis.transport.twi import TwiTransport
from emulator import EmulatedModule

READS = 200_000
SIZES = (1_000, 10_000)
TARGET_READS, TARGET_SECONDS, TARGET_BYTES = 300_000, 30.0, 1 << 30
POLL = 0.05  # host poll interval in virtual seconds
ALL = b"\xff"


def _rate(action: Callable[[int], object], count: int = READS) -> float:
    start = time.perf_counter()
    for i in range(count):
        action(i)
    return count / (time.perf_counter() - start)


def read_rates() -> dict[str, float]:
    """Page reads per second for each access pattern, on one module in ModuleLowPwr."""
    module = EmulatedModule(clock=VirtualClock())
    transport = TwiTransport(module, clock=module.clock)
    pages = (0x00, 0x01)
    module.twi_write(126, b"\x00\x00")
    return {
        "TwiTransport, alternating 00h/01h": _rate(
            lambda i: transport.read(pages[i & 1], 128, 128)
        ),
        "TwiTransport, same page": _rate(lambda i: transport.read(0x01, 128, 128)),
        "raw twi_read, same page": _rate(lambda i: module.twi_read(128, 128)),
    }


def _wait(clock: VirtualClock, modules: list[EmulatedModule], done: Callable) -> None:
    """Poll every module not yet ``done`` every POLL virtual seconds (bounded at 60 s)."""
    waiting, deadline = list(modules), clock.now() + 60.0
    while waiting:
        waiting = [m for m in waiting if not done(m)]
        if waiting and clock.now() > deadline:
            raise RuntimeError(f"{len(waiting)} module(s) did not get there in 60 s")
        if waiting:
            clock.advance(POLL)


def _ready(m: EmulatedModule) -> bool:
    return m.twi_read(3, 1)[0] >> 1 & 7 == 3  # 00h:3 ModuleState == ModuleReady


def _configured(m: EmulatedModule) -> bool:
    m.twi_write(127, b"\x11")
    return m.twi_read(202, 4) == b"\x11" * 4  # ConfigStatus: ConfigSuccess on all 8 lanes


def _activated(m: EmulatedModule) -> bool:
    m.twi_write(127, b"\x11")
    return m.twi_read(128, 4) == b"\x44" * 4  # DPStateHostLane: DPActivated on all 8 lanes


def _write_page10(modules: list[EmulatedModule], offset: int, data: bytes) -> None:
    for m in modules:
        m.twi_write(126, b"\x00\x10")
        m.twi_write(offset, data)


def bring_up(count: int) -> float:
    """Wall seconds of the plain host sequence on ``count`` modules sharing one VirtualClock."""
    clock = VirtualClock()
    start = time.perf_counter()
    modules = [EmulatedModule(clock=clock, seed=i) for i in range(count)]
    _write_page10(modules, 128, ALL)  # hold every data path in DPDeactivated
    for m in modules:
        assert m.twi_read(3, 1)[0] >> 1 & 7 == 1  # ModuleLowPwr
        m.twi_write(26, b"\x00")  # clear LowPwrRequestSW and LowPwrAllowRequestHW
    _wait(clock, modules, _ready)
    _write_page10(modules, 145, b"\x10" * 8)  # SCS0 DPConfig: AppSel 1, DataPathID 0, all lanes
    _write_page10(modules, 143, ALL)  # SCS0 ApplyDPInit on every lane
    _wait(clock, modules, _configured)
    _write_page10(modules, 128, b"\x00")  # release DPDeinit
    _wait(clock, modules, _activated)
    return time.perf_counter() - start


def _child(count: int) -> None:
    seconds = bring_up(count)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB
    print(json.dumps({"seconds": seconds, "peak": peak}))


def _measure(count: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--bring-up", str(count)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    print(f"128-byte page reads ({READS:,} each), target >= {TARGET_READS:,}/s")
    print(f"  {'pattern':<36}{'reads/s':>12}{'x target':>10}")
    for name, rate in read_rates().items():
        print(f"  {name:<36}{rate:>12,.0f}{rate / TARGET_READS:>10.2f}")
    print("host bring-up to DPActivated on one core (each N in its own process; RSS is whole)")
    print(f"  {'N':>7}{'wall s':>9}{'x 30 s':>8}{'us/module':>11}{'peak MiB':>10}{'x 1 GiB':>9}")
    for count in SIZES:
        r = _measure(count)
        s, peak = r["seconds"], r["peak"]
        print(
            f"  {count:>7,}{s:>9.2f}{s / TARGET_SECONDS:>8.3f}{s / count * 1e6:>11.0f}"
            f"{peak / 2**20:>10.1f}{peak / TARGET_BYTES:>9.3f}"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--bring-up":
        _child(int(sys.argv[2]))
    else:
        main()
