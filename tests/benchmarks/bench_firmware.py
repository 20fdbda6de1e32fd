"""Benchmark: a 1 MiB firmware update through the emulator on a 400 kHz wire model, EPL vs LPL.

Prints host wall time, module (virtual) time, the floor it is compared with (bus time of the
bytes actually moved + the module's CDB busy times + its reset-to-ready time after Run), bus
bytes per image byte, and the status-polling floors of the peers (PEERS.md 3.1) for the same
number of commands. Not a test: run ``python -m tests.benchmarks.bench_firmware``.
"""

from __future__ import annotations

import time

from cmis.cdb import CdbClient
from cmis.clock import VirtualClock
from cmis.firmware import FirmwareUpdater
from cmis.transport.twi import TwiTransport
from emulator import EmulatedModule, make_firmware_image
from emulator.wire import WireBus
from tests.cmis.fw_pair import profile_variant

SIZE = 1 << 20
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
    began, wall = clock.now(), time.perf_counter()
    FirmwareUpdater(client, password=0x1011).update(image)
    wall, took = time.perf_counter() - wall, clock.now() - began
    busy = module.cdb.busy_total
    report(label, module, client, bus, wall, took, busy)


def report(label, module, client, bus, wall, took, busy) -> None:  # type: ignore[no-untyped-def]
    reset = sum(module.machine.delay(k) for k in ("resetting", "mgmt_init", "module_pwr_up"))
    commands = module.cdb.commands
    print(f"\n{label}: {commands} CDB commands, {client.polls} status polls")
    print(f"  host wall time        {wall * 1000:9.1f} ms")
    if bus is None:
        print(f"  module time           {took:9.3f} s   (zero-latency bus)")
        return
    floor = bus.bus_time + busy + reset
    print(f"  module time           {took:9.3f} s")
    print(f"  floor                 {floor:9.3f} s   (bus {bus.bus_time:.3f} + busy {busy:.3f}"
          f" + reset {reset:.3f})  ratio {took / floor:.4f}")  # fmt: skip
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


if __name__ == "__main__":
    main()
