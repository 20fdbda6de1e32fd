"""Exporter test helpers: a chassis of optoe-linear files, scrapes as text, Prometheus binaries."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families

import cmis
from cmis.cli.memory import all_pages
from cmis.exporter.collector import FleetCollector
from cmis.images.writers import to_linear

GET_IT = "apt-get install --no-install-recommends prometheus"


def linear_of(profile: str = "osfp-800g-dr8") -> bytes:
    """A running emulated module's memory as the optoe driver's linear file shows it.

    Polled once first: the latched flags of its bring-up are read (cleared), as a host that has
    been watching the module would have left them.
    """
    module = cmis.open(f"emu:{profile}")
    module.poll()
    return to_linear(all_pages(module))


def make_chassis(root: Path, count: int, profile: str = "osfp-800g-dr8") -> Path:
    """``root/port1..N/eeprom``, the layout ``cmis-emu serve --mount`` gives."""
    data = linear_of(profile)
    for n in range(1, count + 1):
        (root / f"port{n}").mkdir()
        (root / f"port{n}" / "eeprom").write_bytes(data)
    return root


def scrape(collector: FleetCollector) -> str:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(collector)
    return generate_latest(registry).decode()


def samples(text: str, name: str, **labels: str) -> list[float]:
    """Values of samples called ``name`` whose labels include ``labels``."""
    return [
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name and labels.items() <= sample.labels.items()
    ]


def prometheus_tool(name: str) -> str:
    """Path of ``prometheus``/``promtool``; skips (or fails under CMIS_PROMETHEUS_REQUIRED=1)."""
    found = shutil.which(name)
    if found:
        return found
    reason = f"needs {name} from the Debian 'prometheus' package: {GET_IT}"
    if os.environ.get("CMIS_PROMETHEUS_REQUIRED") == "1":
        pytest.fail(reason)
    pytest.skip(reason)
