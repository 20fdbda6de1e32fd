"""Metric families of one scrape, from the Readings of every port (names: docs/exporter.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    InfoMetricFamily,
    Metric,
)

from cmis.codec.codes import DataPathState, ModuleState
from cmis.exporter.reader import IDENTITY_KEYS, Reading
from cmis.exporter.vdm import vdm_families

LANE = ["port", "lane", "bank", "datapath"]
# dom_view key -> (metric name, help, factor to base units: W and A, as the guidelines ask)
MODULE_MONITORS = {
    "temperature_c": ("cmis_module_temperature_celsius", "Module case temperature", 1.0),
    "vcc_v": ("cmis_module_supply_voltage_volts", "Module 3.3 V supply voltage", 1.0),
}
LANE_MONITORS = {
    "tx_power_mw": ("cmis_lane_tx_power_watts", "Media-side Tx optical power", 1e-3),
    "rx_power_mw": ("cmis_lane_rx_power_watts", "Media-side Rx optical power", 1e-3),
    "tx_bias_ma": ("cmis_lane_tx_bias_amperes", "Laser bias current", 1e-3),
}


def families(readings: list[Reading]) -> Iterator[Metric]:
    """Every family, each holding the samples of all ports (a family is declared once)."""
    up = GaugeMetricFamily("cmis_up", "1 if the module answered this scrape", labels=["port"])
    took = GaugeMetricFamily(
        "cmis_scrape_duration_seconds", "Time to read the port this scrape", labels=["port"]
    )
    for reading in readings:
        up.add_metric([reading.port], 0.0 if reading.snapshot is None else 1.0)
        took.add_metric([reading.port], reading.seconds)
    yield from (up, took)
    live = [reading for reading in readings if reading.snapshot is not None]
    yield _info(live)
    yield _module_state(live)
    yield from _module_monitors(live)
    yield from _lane_status(live)
    yield from _lane_monitors(live)
    yield from _flags(live)
    yield from vdm_families(live)


def _info(live: list[Reading]) -> Metric:
    info = InfoMetricFamily(
        "cmis_module", "Module identity and firmware", labels=["port", *IDENTITY_KEYS]
    )
    for reading in live:
        identity = [reading.identity.get(key, "") for key in IDENTITY_KEYS]
        info.add_metric([reading.port, *identity], {})
    return info


def _module_state(live: list[Reading]) -> Metric:
    gauge = GaugeMetricFamily(
        "cmis_module_state", "1 for the module's current state", labels=["port", "state"]
    )
    for reading in live:
        for state in ModuleState:
            gauge.add_metric([reading.port, state.name], float(reading.module_state == state))
    return gauge


def _module_monitors(live: list[Reading]) -> Iterator[Metric]:
    for key, (name, text, factor) in MODULE_MONITORS.items():
        value = GaugeMetricFamily(name, text, labels=["port"])
        limits = _thresholds(name, text)
        for reading in live:
            monitor = _dom(reading)["module"].get(key)
            if monitor is None:
                continue
            value.add_metric([reading.port], monitor["value"] * factor)
            for level, limit in monitor["thresholds"].items():
                limits.add_metric([reading.port, level], limit * factor)
        yield from (value, limits)


def _lane_status(live: list[Reading]) -> Iterator[Metric]:
    states = GaugeMetricFamily(
        "cmis_lane_datapath_state", "1 for the lane's data-path state", labels=[*LANE, "state"]
    )
    appsel = GaugeMetricFamily(
        "cmis_lane_application", "Active AppSel code of the lane (0: none)", labels=LANE
    )
    for reading in live:
        assert reading.snapshot is not None
        for lane in reading.snapshot.lanes:
            labels = _lane_labels(reading.port, lane.lane, lane.appsel, lane.data_path_id)
            appsel.add_metric(labels, float(lane.appsel))
            for state in DataPathState:
                states.add_metric([*labels, state.name], float(lane.dp_state == state))
    yield from (states, appsel)


def _lane_monitors(live: list[Reading]) -> Iterator[Metric]:
    for key, (name, text, factor) in LANE_MONITORS.items():
        value = GaugeMetricFamily(name, text, labels=LANE)
        limits = _thresholds(name, text)
        for reading in live:
            assert reading.snapshot is not None
            paths = {lane.lane: lane for lane in reading.snapshot.lanes}
            dom = _dom(reading)
            for entry in dom["lanes"]:
                status = paths[entry["lane"]]
                labels = _lane_labels(reading.port, status.lane, status.appsel, status.data_path_id)
                value.add_metric(labels, entry[key] * factor)
            for level, limit in dom["lane_thresholds"].get(key, {}).items():
                limits.add_metric([reading.port, level], limit * factor)
        yield from (value, limits)


def _flags(live: list[Reading]) -> Iterator[Metric]:
    module = CounterMetricFamily(
        "cmis_module_flags", "Latched module flags seen since start", labels=["port", "flag"]
    )
    lanes = CounterMetricFamily(
        "cmis_lane_flags", "Latched lane flags seen since start", labels=[*LANE[:3], "flag"]
    )
    for reading in live:
        for (flag, lane), count in sorted(reading.flags.items()):
            if lane:
                lanes.add_metric([reading.port, str(lane), str((lane - 1) // 8), flag], count)
            else:
                module.add_metric([reading.port, flag], count)
    yield from (module, lanes)


def _thresholds(name: str, text: str) -> GaugeMetricFamily:
    """``cmis_x_celsius`` -> ``cmis_x_threshold_celsius`` (the unit stays the suffix)."""
    stem, _, unit = name.rpartition("_")
    return GaugeMetricFamily(
        f"{stem}_threshold_{unit}", f"{text}: alarm and warning limits", labels=["port", "level"]
    )


def _lane_labels(port: str, lane: int, appsel: int, data_path_id: int) -> list[str]:
    """``datapath`` is the data path's first host lane (1-based across banks), '' when unused."""
    bank = (lane - 1) // 8
    datapath = str(bank * 8 + data_path_id + 1) if appsel else ""
    return [port, str(lane), str(bank), datapath]


def _dom(reading: Reading) -> dict[str, Any]:
    assert reading.snapshot is not None
    return reading.snapshot.dom
