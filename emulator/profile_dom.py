"""A profile's telemetry model: [thermal], [monitors], [noise] and [thresholds], checked."""

from __future__ import annotations

from dataclasses import dataclass

from emulator.profile_check import Checker

THRESHOLD_KEYS = ("temperature_c", "vcc_v", "tx_power_mw", "tx_bias_ma", "rx_power_mw")
NOISE_KEYS = ("temperature_c", "vcc_v", "laser_temperature_c", "tx_power_fraction",
              "tx_bias_fraction", "rx_power_fraction")  # fmt: skip
LASER_MONITORS = (0, 2, 3)  # Aux2/Aux3 can report laser temperature (01h:145); 0 = none


@dataclass(frozen=True)
class DomSettings:
    """The telemetry model: ``[thermal]``, ``[monitors]`` and ``[noise]`` of a profile."""

    operating_c: float  # [optics] temperature_c: where the case settles at full power
    low_power_c: float
    time_constant_s: float
    laser_c: float
    laser_monitor: int  # Aux monitor number reporting laser temperature, 0 = none
    shutdown_c: float
    shutdown_fault_cause: int
    sample_period_s: float
    noise: dict[str, float]


def dom_settings(check: Checker) -> DomSettings:
    thermal = {k: check.number("thermal", k) for k in ("low_power_c", "laser_c", "shutdown_c")}
    operating = check.number("optics", "temperature_c")
    if not thermal["low_power_c"] <= operating < thermal["shutdown_c"]:
        raise check.fail("[thermal] shutdown_c", "must be above [optics] temperature_c, which "
                         "must be at least [thermal] low_power_c")  # fmt: skip
    laser = check.integer("thermal", "laser_monitor", choices=LASER_MONITORS)
    for key in THRESHOLD_KEYS + (("laser_temperature_c",) if laser else ()):
        check.thresholds(key)
    return DomSettings(
        operating_c=operating,
        time_constant_s=check.number("thermal", "time_constant_s", positive=True),
        laser_monitor=laser,
        shutdown_fault_cause=check.integer("thermal", "shutdown_fault_cause", 1, 0xFF),
        sample_period_s=check.number("monitors", "sample_period_s", positive=True),
        noise={k: check.number("noise", k) for k in NOISE_KEYS},
        **thermal,
    )
