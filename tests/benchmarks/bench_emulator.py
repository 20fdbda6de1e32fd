"""Benchmark: emulator reads, application switches and fabric bring-up, against an in-run baseline.

Each figure is printed with a baseline measured in the same run and the ratio to it: rates and
times against a fixed pure-Python reference loop (machine speed cancels out), peak memory against
the bring-up process's own RSS before it builds modules; and with the target of issue 12.
Results go to ``.bench/emulator.json``; when it already holds a run, each ratio is compared.
Bring-up runs in its own process so its peak RSS is its own. Not a test: ``make bench``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cmis.clock import VirtualClock
from cmis.transport.twi import TwiTransport
from tests.benchmarks.bench_switch import (
    TRANSITIONS_PER_CYCLE,
    bring_up_lockstep,
    host_switches,
    raw_switches,
    ready_modules,
)

OUT = Path(__file__).resolve().parents[2] / ".bench" / "emulator.json"
READS, REF_OPS, SWITCH_MODULES, BRING_UP = 200_000, 1_000_000, 1_000, 10_000
PAGES = (0x00, 0x01, 0x11)


def reference_rate() -> float:
    """Ops/s of a fixed loop shaped like emulator work: a call, a dict hit, a bytearray slice."""
    table, buf = {i: i for i in range(256)}, bytearray(256)

    def op(i: int) -> bytes:
        return bytes(buf[table[i & 255] >> 1 : 128])

    start = time.perf_counter()
    for i in range(REF_OPS):
        op(i)
    return REF_OPS / (time.perf_counter() - start)


def raw_read_rate() -> float:
    """Page select + 128-byte upper read per second, cycling 00h/01h/11h, module ready."""
    module = ready_modules(1, VirtualClock())[0]
    selects = [bytes([p]) for p in PAGES]
    start = time.perf_counter()
    for i in range(READS):
        module.twi_write(127, selects[i % 3])
        module.twi_read(128, 128)
    return READS / (time.perf_counter() - start)


def transport_read_rate() -> float:
    """The same cycle through TwiTransport (select written only when it changes)."""
    module = ready_modules(1, VirtualClock())[0]
    transport = TwiTransport(module, clock=module.clock)
    start = time.perf_counter()
    for i in range(READS):
        transport.read(PAGES[i % 3], 128, 128)
    return READS / (time.perf_counter() - start)


def _bring_up_child(count: int) -> None:
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    seconds = bring_up_lockstep(count)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mib": peak, "base_mib": base}))


def bring_up(count: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--bring-up", str(count)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def figures() -> tuple[float, float, dict[str, tuple[float, str, str]]]:
    """The baseline (ref ops/s), the bring-up child's RSS before it starts, and each figure."""
    ref = reference_rate()
    host_n, host_s = host_switches(SWITCH_MODULES)
    raw_n, raw_s = raw_switches(SWITCH_MODULES)
    up = bring_up(BRING_UP)
    return ref, up["base_mib"], {
        "reads: select + 128 B, 00h/01h/11h": (raw_read_rate(), "reads/s", ">= 300,000"),
        "reads: same via TwiTransport": (transport_read_rate(), "reads/s", "-"),
        "switch: host API, 1,000 modules": (host_n / host_s, "switches/s", ">= 1,800"),
        "switch: host API, DP transitions": (
            host_n / 3 * TRANSITIONS_PER_CYCLE / host_s, "transitions/s", "-"),
        "switch: raw TwiDevice, 1,000 modules": (raw_n / raw_s, "switches/s", "-"),
        "bring-up 10,000 modules: wall": (up["seconds"], "s", "<= 15"),
        "bring-up 10,000 modules: peak RSS": (up["peak_mib"], "MiB", "<= 250"),
    }  # fmt: skip


def main() -> None:
    ref, base_mib, results = figures()
    ref_s = REF_OPS / ref  # seconds of the reference loop: the baseline of time figures
    previous = json.loads(OUT.read_text())["figures"] if OUT.exists() else {}
    print(f"baseline: reference loop {ref:,.0f} ops/s ({ref_s:.3f} s per {REF_OPS:,} ops); "
          f"bring-up process before its modules {base_mib:.1f} MiB")  # fmt: skip
    print(f"  {'figure':<40}{'value':>14} {'unit':<14}{'x ref':>10}{'target':>12}{'vs last':>9}")
    saved = {}
    for name, (value, unit, target) in results.items():
        ratio = value / {"s": ref_s, "MiB": base_mib}.get(unit, ref)
        last = previous.get(name, {}).get("ratio")
        change = f"{ratio / last:>9.2f}" if last else f"{'-':>9}"
        print(f"  {name:<40}{value:>14,.1f} {unit:<14}{ratio:>10.4g}{target:>12}{change}")
        saved[name] = {"value": value, "unit": unit, "ratio": ratio, "target": target}
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({"baseline_ops_s": ref, "figures": saved}, indent=1) + "\n")
    print(f"written to {OUT}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--bring-up":
        _bring_up_child(int(sys.argv[2]))
    else:
        main()
