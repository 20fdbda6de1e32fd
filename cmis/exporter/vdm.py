"""VDM metric families of one scrape (README, exporter table): one gauge family per unit."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client.core import GaugeMetricFamily, Metric

from cmis.exporter.reader import Reading

# VDM unit -> metric name (units in names where Prometheus has one)
VDM_UNITS = {"dB": "decibels", "dBm": "dbm", "degC": "celsius", "frames": "frames", "": "ratio",
             "%": "percent"}  # fmt: skip
VDM_LABELS = ["port", "lane", "type"]


def vdm_families(live: list[Reading]) -> Iterator[Metric]:
    """``cmis_vdm_<unit>{type,lane}`` per basic observable (flags: the lane flag counters)."""
    families: dict[str, GaugeMetricFamily] = {}
    for reading in live:
        for row in reading.vdm:
            unit = VDM_UNITS.get(row["unit"], "value")
            family = families.get(unit)
            if family is None:
                family = families[unit] = GaugeMetricFamily(
                    f"cmis_vdm_{unit}", f"VDM observables in {unit}", labels=VDM_LABELS
                )
            lane = "" if row["lane"] is None else str(row["lane"])
            labels = [reading.port, lane, row["name"]]
            family.add_metric(labels, row["value"])
    yield from families.values()
