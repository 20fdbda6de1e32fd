"""The real thing: a Prometheus scrapes the exporter on a mounted chassis every second, a cut
fibre fires the LOS alert, every dashboard panel answers.

Needs /usr/bin/prometheus (Debian package ``prometheus``) and FUSE; skipped with a one-line
reason without them, unless CMIS_PROMETHEUS_REQUIRED=1 / CMIS_FUSE_REQUIRED=1 (set by .ci/run).
Loopback only; every wait bounded.
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cmis.exporter.cli import serve
from cmis.exporter.collector import FleetCollector
from cmis.exporter.ports import from_chassis
from tests.cmis.exporter.conftest import prometheus_tool
from tests.cmis.exporter.test_rules import EXAMPLES
from tests.emulator.service.mounted import run

LOOPBACK = "127.0.0.1"
LAB = """\
[chassis]
speed = 8.0
[[port]]
name = "port1"
lpmode = false
[[port]]
name = "port2"
lpmode = false
[[link]]
a = "port1"
b = "port2"
loss_db = 3.0
"""
CONFIG = """\
global: {{scrape_interval: 1s, evaluation_interval: 1s}}
rule_files: ["{rules}"]
scrape_configs:
  - job_name: cmis
    scrape_timeout: 1s
    static_configs: [{{targets: ["{exporter}"]}}]
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def until(check: Callable[[], Any], seconds: float, what: str) -> Any:
    """``check()``'s first truthy value, polled for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.25)
    pytest.fail(f"{what}: not within {seconds:g} s")


class Prom:
    def __init__(self, port: int) -> None:
        self.base = f"http://{LOOPBACK}:{port}"

    def get(self, path: str) -> bytes | None:
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as answer:
                return answer.read()  # type: ignore[no-any-return]
        except OSError:
            return None

    def query(self, promql: str) -> list[dict[str, Any]]:
        raw = self.get("/api/v1/query?" + urllib.parse.urlencode({"query": promql}))
        assert raw is not None, f"no answer to {promql}"
        answer = json.loads(raw)
        assert answer["status"] == "success", answer
        return answer["data"]["result"]  # type: ignore[no-any-return]


@pytest.fixture
def chassis(cmis_mounted_chassis: Path) -> Path:
    """port1 and port2 powered up on a 3 dB fibre, light on both ends."""
    until(lambda: not los(cmis_mounted_chassis, "port2"), 20, "light on port2")
    return cmis_mounted_chassis


def los(mount: Path, port: str) -> list[int]:
    rows = json.loads(run("cmis-emu", "status", str(mount), "--json").stdout)
    return next(row["lanes_los"] for row in rows if row["port"] == port)  # type: ignore[no-any-return]


@pytest.fixture
def prom(chassis: Path, tmp_path: Path) -> Iterator[Prom]:
    binary = prometheus_tool("prometheus")
    fleet = FleetCollector(from_chassis(str(chassis)), timeout=0.9)
    server = serve(fleet, LOOPBACK, 0)
    exporter = f"{LOOPBACK}:{server.server_port}"
    config = tmp_path / "prometheus.yml"
    config.write_text(CONFIG.format(rules=EXAMPLES / "cmis-rules.yml", exporter=exporter))
    port = free_port()
    args = [
        binary,
        f"--config.file={config}",
        f"--storage.tsdb.path={tmp_path / 'data'}",
        f"--web.listen-address={LOOPBACK}:{port}",
    ]
    log = (tmp_path / "prometheus.log").open("w")
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    try:
        prom = Prom(port)
        until(lambda: prom.get("/-/ready"), 30, "Prometheus ready")
        yield prom
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        server.shutdown()
        fleet.close()
        log.close()


def rx_power(prom: Prom, port: str, lane: str) -> float | None:
    found = prom.query(f'cmis_lane_rx_power_watts{{port="{port}",lane="{lane}"}}')
    return float(found[0]["value"][1]) if found else None


def rx_power_mw(mount: Path, port: str, lane: int) -> float:
    """What the module reports through its eeprom file, as any other host reads it."""
    dom = json.loads(run("cmis", "-t", f"optoe:{mount}/{port}/eeprom", "dom", "--json").stdout)
    return float(dom["lanes"][lane - 1]["rx_power_mw"])


@pytest.mark.cmis_chassis(LAB)
def test_prometheus_sees_a_cut_fibre_and_fires(prom: Prom, chassis: Path) -> None:
    got = until(lambda: rx_power(prom, "port2", "3"), 15, "port2 lane 3 Rx power scraped")
    # two samples of the emulator's Rx power differ by its noise, +-2 % each (profile [dom])
    assert got * 1000 == pytest.approx(rx_power_mw(chassis, "port2", 3), rel=0.041)
    run("cmis-emu", "link", str(chassis), "cut", "port1", "port2")
    until(lambda: rx_power(prom, "port2", "3") == 0.0, 10, "lane 3 Rx power 0")
    alert = 'ALERTS{alertname="CmisRxLossOfSignal",alertstate="firing"}'
    until(lambda: len(prom.query(alert)) == 16, 15, "CmisRxLossOfSignal on 2 x 8 lanes")
    firing = {(s["metric"]["port"], s["metric"]["lane"]) for s in prom.query(alert)}
    assert firing == {(p, str(lane)) for p in ("port1", "port2") for lane in range(1, 9)}
    for panel, expr in dashboard_queries():
        assert prom.query(expr), f"panel {panel!r}: no series for {expr}"


def dashboard_queries() -> list[tuple[str, str]]:
    """Every panel query of the example dashboard, its ``$port`` variable set to all ports."""
    dashboard = json.loads((EXAMPLES / "cmis-dashboard.json").read_text())
    return [
        (panel["title"], target["expr"].replace("$port", ".*"))
        for panel in dashboard["panels"]
        for target in panel["targets"]
    ]
