"""The real thing: a Prometheus scrapes the exporter every second, alerts fire, panels answer.

Needs /usr/bin/prometheus (Debian package ``prometheus``); skipped with a one-line reason
without it, unless CMIS_PROMETHEUS_REQUIRED=1 (set by .ci/run). Loopback only; every wait bounded.
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
from cmis.exporter.ports import PortSpec
from tests.cmis.exporter.conftest import prometheus_tool
from tests.cmis.exporter.test_rules import EXAMPLES

LOOPBACK = "127.0.0.1"
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
def fleet() -> Iterator[FleetCollector]:
    ports = [PortSpec(f"port{n}", "emu:osfp-800g-dr8") for n in (1, 2)]
    collector = FleetCollector(ports, timeout=0.9)
    yield collector
    collector.close()


@pytest.fixture
def prom(fleet: FleetCollector, tmp_path: Path) -> Iterator[Prom]:
    binary = prometheus_tool("prometheus")
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
        log.close()


def rx_power(prom: Prom, port: str, lane: str) -> float | None:
    found = prom.query(f'cmis_lane_rx_power_watts{{port="{port}",lane="{lane}"}}')
    return float(found[0]["value"][1]) if found else None


def test_prometheus_sees_the_emulator_lose_light_and_fires(
    prom: Prom, fleet: FleetCollector
) -> None:
    module = fleet.reader("port2").module or until(
        lambda: fleet.reader("port2").module, 10, "port2 opened"
    )
    expected = module.dom()["lanes"][2]["rx_power_mw"] / 1000
    got = until(lambda: rx_power(prom, "port2", "3"), 15, "port2 lane 3 Rx power scraped")
    assert got == pytest.approx(expected)
    with fleet.reader("port2").busy:  # not while a scrape is reading the module
        module.device.faults.rx_los = {3}
    until(lambda: rx_power(prom, "port2", "3") == 0.0, 10, "lane 3 Rx power 0")
    alert = 'ALERTS{alertname="CmisRxLossOfSignal",alertstate="firing",port="port2"}'
    firing = until(lambda: prom.query(alert), 15, "CmisRxLossOfSignal firing")
    assert [series["metric"]["lane"] for series in firing] == ["3"]
    assert prom.query('ALERTS{alertname="CmisRxLossOfSignal",port="port1"}') == []
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
