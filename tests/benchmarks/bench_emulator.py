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
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

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
READS, REF_OPS, SWITCH_MODULES, BRING_UP = 200_000, 300_000, 1_000, 10_000
PAGES = (0x00, 0x01, 0x11)
T = TypeVar("T")


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


def bracketed(measure: Callable[[], T]) -> tuple[T, float]:
    """(figure, reference ops/s averaged just before and just after it): load drifts in a run."""
    before = reference_rate()
    value = measure()
    return value, (before + reference_rate()) / 2


def figures() -> dict[str, tuple[float, str, str, float]]:
    """Each figure as (value, unit, target, baseline); baseline in ops/s, or MiB for memory."""
    host_rate, host_ref = bracketed(lambda: _rate(host_switches(SWITCH_MODULES)))
    raw_rate, raw_ref = bracketed(lambda: _rate(raw_switches(SWITCH_MODULES)))
    up, up_ref = bracketed(lambda: bring_up(BRING_UP))
    reads, reads_ref = bracketed(raw_read_rate)
    via, via_ref = bracketed(transport_read_rate)
    return {
        "reads: select + 128 B, 00h/01h/11h": (reads, "reads/s", ">= 300,000", reads_ref),
        "reads: same via TwiTransport": (via, "reads/s", "-", via_ref),
        "switch: host API, 1,000 modules": (host_rate, "switches/s", ">= 1,800", host_ref),
        "switch: host API, DP transitions": (
            host_rate * TRANSITIONS_PER_CYCLE / 3, "transitions/s", "-", host_ref),
        "switch: raw TwiDevice, 1,000 modules": (raw_rate, "switches/s", "-", raw_ref),
        "bring-up 10,000 modules: wall": (up["seconds"], "s", "<= 15", up_ref),
        "bring-up 10,000 modules: peak RSS": (up["peak_mib"], "MiB", "<= 250", up["base_mib"]),
    }  # fmt: skip


def _rate(result: tuple[int, float]) -> float:
    return result[0] / result[1]


def ratio(value: float, unit: str, baseline: float) -> float:
    """Rates per reference op/s; seconds per second of 1,000,000 reference ops; memory per base."""
    if unit == "s":
        return value / (1_000_000 / baseline)
    return value / baseline


def main() -> None:
    results = figures()
    previous = json.loads(OUT.read_text())["figures"] if OUT.exists() else {}
    print("baseline: ops/s of a fixed pure-Python loop, measured just before and after each "
          "figure; for memory, the bring-up process's RSS before it builds modules")  # fmt: skip
    print(f"  {'figure':<38}{'value':>12} {'unit':<14}{'baseline':>11}{'ratio':>10}"
          f"{'target':>12}{'vs last':>8}")  # fmt: skip
    saved = {}
    for name, (value, unit, target, baseline) in results.items():
        r = ratio(value, unit, baseline)
        last = previous.get(name, {}).get("ratio")
        change = f"{r / last:>8.2f}" if last else f"{'-':>8}"
        print(f"  {name:<38}{value:>12,.1f} {unit:<14}{baseline:>11,.0f}{r:>10.4g}{target:>12}"
              f"{change}")  # fmt: skip
        saved[name] = {"value": value, "unit": unit, "baseline": baseline, "ratio": r,
                       "target": target}  # fmt: skip
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({"figures": saved}, indent=1) + "\n")
    print(f"written to {OUT} (vs last: this ratio / the one it replaced)")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--bring-up":
        _bring_up_child(int(sys.argv[2]))
    else:
        main()
