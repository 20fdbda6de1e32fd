"""Benchmark: one Prometheus scrape of a 64-port chassis, against reading the same ports in-process.

The chassis is 64 optoe-linear files in a temp dir (the layout ``cmis-emu serve --mount`` gives).
Figure: wall time of ``GET /metrics`` over loopback (budget 250 ms, issue 16); baseline: one
``Module.poll()`` of every port in this process, sequentially, modules already open. Median of
the runs; results go to ``.bench/exporter.json``. Run: ``make bench``.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import cmis
from cmis.exporter.cli import serve
from cmis.exporter.collector import FleetCollector
from cmis.exporter.ports import from_chassis
from tests.cmis.exporter.conftest import make_chassis

PORTS, RUNS, BUDGET = 64, 15, 0.250
OUT = Path(__file__).resolve().parents[2] / ".bench" / "exporter.json"


def median_seconds(work: Callable[[], object]) -> float:
    work()  # warm: modules opened, identities read, static pages cached
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ports = from_chassis(str(make_chassis(Path(tmp), PORTS)))
        modules = [cmis.open(spec.target) for spec in ports]
        baseline = median_seconds(lambda: [module.poll().dom for module in modules])
        collector = FleetCollector(ports)
        server = serve(collector, "127.0.0.1", 0)
        url = f"http://127.0.0.1:{server.server_port}/metrics"
        try:
            size = len(urllib.request.urlopen(url, timeout=10).read())
            scrape = median_seconds(lambda: urllib.request.urlopen(url, timeout=10).read())
        finally:
            server.shutdown()
            collector.close()
    ratio = scrape / baseline
    verdict = "ok" if scrape <= BUDGET else "OVER BUDGET"
    print(f"scrape of {PORTS} ports: {scrape * 1000:.1f} ms ({size} bytes) [{verdict}: <= 250 ms]")
    print(f"baseline, in-process poll of the same ports: {baseline * 1000:.1f} ms")
    print(f"ratio scrape/baseline: {ratio:.2f}")
    OUT.parent.mkdir(exist_ok=True)
    result = {"ports": PORTS, "scrape_s": scrape, "baseline_s": baseline, "ratio": ratio}
    OUT.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
