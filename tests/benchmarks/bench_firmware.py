"""Benchmark: a 1 MiB firmware update through the emulator on a 400 kHz wire model, EPL vs LPL.

Prints host wall time, module (virtual) time, the floor it is compared with (bus time of the
bytes actually moved + the module's CDB busy times + its reset-to-ready time after Run), bus
bytes per image byte, and the status-polling floors of the peers (PEERS.md 3.1) for the same
number of commands. Each target (host wall <= 0.3 s on a zero-latency module, module time <=
1.05 x floor at 400 kHz) is printed with the measured value as a multiple of it (<= 1 meets it).
Not a test: run ``python -m tests.benchmarks.bench_firmware``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from cmis.cdb.client import CdbClient
from cmis.clock import VirtualClock
from cmis.firmware.updater import FirmwareUpdater
from cmis.transport.twi import TwiTransport
from emulator import EmulatedModule, make_firmware_image
from emulator.wire import WireBus
from tests.cmis.firmware.fw_pair import profile_variant

SIZE = 1 << 20
RESULTS: dict[str, dict[str, float]] = {}  # label -> times, written to .bench/bench_firmware.json
WALL_TARGET = 0.300  # s of host wall time with a zero-latency module (issue 4, Performance)
RATIO_TARGET = 1.05  # module time / floor on the 400 kHz wire model
PEER_POLL_FLOORS = {"sonic_xcvr (100 ms)": 0.100, "linux kernel (20 ms)": 0.020,
                    "fboss (10 ms)": 0.010}  # fmt: skip


def run(label: str, profile: object, scl_hz: float | None) -> None:
    clock = VirtualClock()
    module = EmulatedModule(profile, clock=clock, lpmode=False)  # type: ignore[arg-type]
    clock.advance(10)
    bus = WireBus(module, clock, scl_hz) if scl_hz else None
    client = CdbClient(TwiTransport(bus or module, clock=clock), clock=clock)
    image = make_firmware_image((9, 0, 1), SIZE)
    module.cdb.busy_total = module.cdb.commands = 0
    began, wall, cpu = clock.now(), time.perf_counter(), time.process_time()
    FirmwareUpdater(client, password=0x1011).update(image)
    wall, took = time.perf_counter() - wall, clock.now() - began
    cpu = time.process_time() - cpu
    busy = module.cdb.busy_total
    report(label, module, client, bus, (wall, cpu), took, busy)


def report(label, module, client, bus, times, took, busy) -> None:  # type: ignore[no-untyped-def]
    wall, cpu = times  # cpu: this process only, to tell a slow host from a busy machine
    reset = sum(module.machine.delay(k) for k in ("resetting", "mgmt_init", "module_pwr_up"))
    commands = module.cdb.commands
    print(f"\n{label}: {commands} CDB commands, {client.polls} status polls"
          f" ({client.polls / commands:.2f} per command)")  # fmt: skip
    RESULTS[label] = {"host_wall_s": wall, "host_cpu_s": cpu, "module_s": took}
    if bus is None:
        print(f"  host wall time        {wall * 1000:9.1f} ms  target <= {WALL_TARGET * 1000:.0f}"
              f" ms  ({wall / WALL_TARGET:.2f} x target; cpu {cpu * 1000:.1f} ms)")  # fmt: skip
        print(f"  module time           {took:9.3f} s   (zero-latency bus; busy {busy:.3f}"
              f" + reset {reset:.3f} = {busy + reset:.3f})")  # fmt: skip
        return
    floor = bus.bus_time + busy + reset
    ratio = took / floor
    print(f"  host wall time        {wall * 1000:9.1f} ms  (cpu {cpu * 1000:.1f} ms)")
    print(f"  module time           {took:9.3f} s")
    print(f"  floor                 {floor:9.3f} s   (bus {bus.bus_time:.3f} + busy {busy:.3f}"
          f" + reset {reset:.3f})")  # fmt: skip
    print(f"  module time / floor   {ratio:9.4f}     target <= {RATIO_TARGET:.2f}"
          f"  ({ratio / RATIO_TARGET:.2f} x target)")  # fmt: skip
    print(
        f"  bus bytes/image byte  {bus.bus_bytes / SIZE:9.3f}   ({bus.transactions} transactions)"
    )
    for peer, poll in PEER_POLL_FLOORS.items():
        print(f"  peer floor {peer:<22} >= {commands * poll:8.1f} s of status waits alone")


def main() -> None:
    epl = "osfp-800g-dr8"
    lpl = profile_variant("osfp-800g-dr8", write_mechanism="0x01")
    run("EPL, zero-latency module", epl, None)
    run("LPL, zero-latency module", lpl, None)
    run("EPL, 400 kHz", epl, 400_000)
    run("LPL, 400 kHz", lpl, 400_000)
    Path(".bench").mkdir(exist_ok=True)
    Path(".bench/bench_firmware.json").write_text(json.dumps(RESULTS, indent=2) + "\n")


if __name__ == "__main__":
    main()
