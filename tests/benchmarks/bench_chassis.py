"""Benchmark: start of a 64-port chassis (target <= 2 s) against 64 bare EmulatedModules.

The in-run baseline is the same number of modules built alone, so the ratio is what the chassis
(cages, fibre, light hook) adds. Also: one read of page 11h through a linked port vs a bare
module. Results go to ``.bench/chassis.json``. Not a test: ``make bench``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cmis.clock import VirtualClock
from emulator import EmulatedModule
from emulator.chassis import build_chassis

OUT = Path(__file__).resolve().parents[2] / ".bench" / "chassis.json"
PORTS, READS, TARGET_S = 64, 5_000, 2.0


def best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def start_chassis() -> None:
    chassis = build_chassis(PORTS, clock=VirtualClock())
    for i in range(1, PORTS, 2):
        chassis.add_link(f"port{i}", f"port{i + 1}")


def bare_modules() -> None:
    clock = VirtualClock()
    for seed in range(PORTS):
        EmulatedModule("osfp-800g-dr8", clock, seed)


def read_rate(read: Callable[[], object]) -> float:
    return READS / best(lambda: [read() for _ in range(READS)])


def main() -> None:
    chassis_s, bare_s = best(start_chassis), best(bare_modules)
    clock = VirtualClock()
    chassis = build_chassis(2, clock=clock)
    chassis.add_link("port1", "port2")
    port = chassis.port("port2")
    module = EmulatedModule("osfp-800g-dr8", clock)
    p11 = 128 + 0x11 * 128

    def bare_read() -> bytes:
        module.twi_write(127, b"\x11")
        data = module.twi_read(128, 128)
        module.twi_write(127, b"\x00")
        return data

    linked, bare = read_rate(lambda: port.read(p11, 128)), read_rate(bare_read)
    figures = {
        "start_64_ports_s": chassis_s,
        "baseline_64_modules_s": bare_s,
        "start_ratio": chassis_s / bare_s,
        "target_s": TARGET_S,
        "linked_page_reads_per_s": linked,
        "baseline_bare_page_reads_per_s": bare,
        "read_ratio": linked / bare,
    }
    print(f"start of {PORTS} ports: {chassis_s:.3f} s (target <= {TARGET_S} s); "
          f"{PORTS} bare modules: {bare_s:.3f} s; ratio {chassis_s / bare_s:.2f}")  # fmt: skip
    print(f"page 11h reads through a linked port: {linked:,.0f}/s; bare module (same 3 "
          f"transactions): {bare:,.0f}/s; ratio {linked / bare:.2f}")  # fmt: skip
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
