"""Benchmark: full application switches through the host API on many emulated modules.

Every module (emu osfp-800g-dr8) alternates AppSel 2 (2x400G) and AppSel 1 (800G) on all eight
lanes: DPDeinit -> wait DPDeactivated -> SCS0 DPConfig -> ApplyDPInit -> release -> wait
DPActivated, all on one shared VirtualClock. The in-run baseline does the same switch straight
on the TwiDevice (no host API: fixed writes, one sleep of the advertised time, one check read),
so the ratio shows what the host layer costs. Prints switches/s, baseline, ratio and the
target (issue 12: >= 1,800 switches/s); writes .bench/bench_switch.json.
Not a test: ``python -m tests.benchmarks.bench_switch [N]``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from cmis.clock import VirtualClock
from cmis.module import Module
from cmis.transport.twi import TwiTransport
from emulator import EmulatedModule

COUNT, ROUNDS = 1_000, 4  # modules, switches per module (AppSel 2, 1, 2, 1)
TARGET = 1_800.0  # switches per second on one core
PROFILE = "osfp-800g-dr8"
DPCONFIG = {1: b"\x10" * 8, 2: b"\x20" * 4 + b"\x26" * 4}  # AppSel<<4 | DataPathID<<1
ACTIVATED = b"\x44" * 4  # DPStateHostLane: DPActivated on all eight lanes


def _modules(count: int) -> tuple[VirtualClock, list[EmulatedModule]]:
    clock = VirtualClock()
    devices = [EmulatedModule(PROFILE, clock, seed=i, lpmode=False) for i in range(count)]
    clock.advance(60.0)  # past MgmtInit, ModulePwrUp and the default application's DPInit
    return clock, devices


def host_rate(count: int, rounds: int) -> float:
    """Switches per CPU second (the cores are shared) through ``Module.apply_application``."""
    clock, devices = _modules(count)
    hosts = [Module(TwiTransport(d, clock=clock), clock=clock) for d in devices]
    start = time.process_time()
    for r in range(rounds):
        for host in hosts:
            host.apply_application(2 - r % 2)
    took = time.process_time() - start
    assert all(h.data_paths()[0].appsel == 2 - (rounds - 1) % 2 for h in hosts)
    return count * rounds / took


def _page10(device: EmulatedModule, offset: int, data: bytes) -> None:
    device.twi_write(126, b"\x00\x10")
    device.twi_write(offset, data)


def raw_switch(clock: VirtualClock, device: EmulatedModule, appsel: int) -> None:
    """The same switch with bare TwiDevice accesses and the advertised waits of this profile."""
    _page10(device, 128, b"\xff")  # DPDeinit every lane
    clock.advance(0.55)  # MaxDurationDPTxTurnOff + MaxDurationDPDeinit (50 ms + 500 ms)
    device.twi_write(145, DPCONFIG[appsel])
    device.twi_write(143, b"\xff")  # ApplyDPInit every lane
    clock.advance(0.002)
    device.twi_write(128, b"\x00")  # release DPDeinit
    clock.advance(1.1)  # MaxDurationDPInit + MaxDurationDPTxTurnOn (1 s + 100 ms)
    device.twi_write(127, b"\x11")
    assert device.twi_read(128, 4) == ACTIVATED


def raw_rate(count: int, rounds: int) -> float:
    clock, devices = _modules(count)
    start = time.process_time()
    for r in range(rounds):
        for device in devices:
            raw_switch(clock, device, 2 - r % 2)
    return count * rounds / (time.process_time() - start)


def main(count: int = COUNT) -> None:
    host, raw = host_rate(count, ROUNDS), raw_rate(count, ROUNDS)
    print(f"application switch, {count:,} x {PROFILE} on one VirtualClock, {ROUNDS} rounds")
    print(
        f"  host API        {host:>9,.0f} switches/s  ({host / TARGET:.2f} x target {TARGET:,.0f})"
    )
    print(f"  raw TwiDevice   {raw:>9,.0f} switches/s  (in-run baseline)")
    print(f"  host / raw      {host / raw:>9.3f}")
    out = Path(".bench")
    out.mkdir(exist_ok=True)
    result = {"modules": count, "rounds": ROUNDS, "host_per_s": host, "raw_per_s": raw,
              "ratio": host / raw, "target_per_s": TARGET}  # fmt: skip
    (out / "bench_switch.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else COUNT)
