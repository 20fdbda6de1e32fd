"""Per-profile DOM constants in raw register units: nominal values, noise, thresholds, support."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from cmis.codec.fields import Celsius, MilliAmps, MilliWatts, Volts
from cmis.codec.layout import walk
from cmis.codec.pages.page01 import Page01h
from cmis.codec.pages.page02 import LEVELS, Page02h
from emulator import addresses as a
from emulator.profile import Profile

Levels = tuple[int, int, int, int]  # high alarm, low alarm, high warning, low warning (page 02h)
_P02 = {s.path: s.first - 128 for s in walk(Page02h, 128)}
_SIGNED = ("Temp", "Aux1", "Aux2", "Aux3")  # S16 groups; the others are U16
_GROUPS = (*_SIGNED, "Vcc", "OpticalPowerTx", "LaserBiasTx", "OpticalPowerRx")


@dataclass(frozen=True)
class DomModel:
    """What the DOM needs of a profile, converted once: every value is in raw monitor units."""

    period: float
    vcc: float
    laser_c: float
    laser_monitor: int
    noise_temp_c: float  # noise half-widths: temperatures in degC, Vcc in raw units
    noise_vcc: float
    noise_laser_c: float
    noise_lane: tuple[float, float, float]  # fractions: Tx power, Tx bias, Rx power
    tx_power: tuple[float, ...]  # nominal raw per module lane
    tx_bias: tuple[float, ...]
    rx_power: tuple[float, ...]
    thresholds: dict[str, Levels]  # page 02h group prefix -> raw thresholds
    watch_c: tuple[float, ...]  # case temperatures past which a flag condition may begin
    module_support: bytes  # supported bits of lower bytes 9-11 (01h:159)
    lane_support: bytes  # 0xFF per supported page 11h flag byte 135-152 (01h:157, 158, 160)


_CACHE: dict[int, tuple[Profile, DomModel]] = {}


def dom_model(profile: Profile, page01: bytes, page02: bytes) -> DomModel:
    """The model of ``profile``, built once per Profile object (a fabric shares one)."""
    hit = _CACHE.get(id(profile))
    if hit is None or hit[0] is not profile:
        hit = _CACHE[id(profile)] = (profile, _build(profile, page01, page02))
    return hit[1]


def _build(profile: Profile, page01: bytes, page02: bytes) -> DomModel:
    s, noise = profile.dom, profile.dom.noise
    bias_step = MilliAmps.step * profile.data["optics"]["bias_multiplier"]
    return DomModel(
        period=s.sample_period_s,
        vcc=profile.data["optics"]["vcc_v"] / Volts.step,
        laser_c=s.laser_c,
        laser_monitor=s.laser_monitor,
        noise_temp_c=noise["temperature_c"],
        noise_vcc=noise["vcc_v"] / Volts.step,
        noise_laser_c=noise["laser_temperature_c"],
        noise_lane=tuple(noise[f"{k}_fraction"] for k in ("tx_power", "tx_bias", "rx_power")),  # type: ignore[arg-type]
        tx_power=_raw(profile, "tx_power_mw", MilliWatts.step),
        tx_bias=_raw(profile, "tx_bias_ma", bias_step),
        rx_power=_raw(profile, "rx_power_mw", MilliWatts.step),
        thresholds={prefix: _levels(page02, prefix) for prefix in _GROUPS},
        watch_c=_watch(page02, profile),
        module_support=_module_support(page01),
        lane_support=_lane_support(page01),
    )


def _raw(profile: Profile, key: str, step: float) -> tuple[float, ...]:
    return tuple(v / step for v in profile.lane_optics[key])


def _levels(page02: bytes, prefix: str) -> Levels:
    fmt = ">h" if prefix in _SIGNED else ">H"
    values = (struct.unpack_from(fmt, page02, _P02[f"{prefix}{lv}Threshold"])[0] for lv in LEVELS)
    return tuple(values)  # type: ignore[return-value]


def _watch(page02: bytes, profile: Profile) -> tuple[float, ...]:
    """Temperature thresholds pushed out by the noise amplitude (and one raw step of rounding)."""
    s = profile.dom
    groups = [("Temp", s.noise["temperature_c"])]
    if s.laser_monitor:  # the lasers follow the case while the TEC is off
        groups.append((f"Aux{s.laser_monitor}", s.noise["laser_temperature_c"]))
    levels = set()
    for group, noise in groups:
        high_alarm, low_alarm, high_warning, low_warning = _levels(page02, group)
        margin = noise + Celsius.step
        levels |= {v * Celsius.step + margin for v in (high_alarm, high_warning)}
        levels |= {v * Celsius.step - margin for v in (low_alarm, low_warning)}
    return tuple(sorted(levels))


def _module_support(page01: bytes) -> bytes:
    """Flag bits of lower bytes 9-11 whose monitor page 01h byte 159 advertises."""
    monitors = Page01h.parse(page01).SupportedModuleMonitors
    out = bytearray(3)
    for prefix in ("Temp", "Vcc", "Aux1", "Aux2", "Aux3", "CustomMon"):
        if monitors[f"{prefix}Supported" if prefix == "CustomMon" else f"{prefix}MonSupported"]:
            index, bits = a.MONITOR_FLAGS[prefix]
            out[index - a.MONITOR_FLAG_FIRST] |= sum(bits)
    return bytes(out)


def _lane_support(page01: bytes) -> bytes:
    """0xFF for each page 11h flag byte 135-152 whose flag page 01h advertises, else 0."""
    v = Page01h.parse(page01)
    tx, rx, lanes = v.SupportedTxFlags, v.SupportedRxFlags, v.SupportedLaneMonitors
    supported = {
        "FailureFlagTx": tx.FailureFlagTxSupported, "LOSFlagTx": tx.LOSFlagTxSupported,
        "CDRLOLFlagTx": tx.CDRLOLFlagTxSupported, "LOSFlagRx": rx.LOSFlagRxSupported,
        "CDRLOLFlagRx": rx.CDRLOLFlagRxSupported,
        **{f"OpticalPower{lv}FlagTx": lanes.TxOpticalPowerMonSupported for lv in LEVELS},
        **{f"LaserBias{lv}FlagTx": lanes.TxBiasMonSupported for lv in LEVELS},
        **{f"OpticalPower{lv}FlagRx": lanes.RxOpticalPowerMonSupported for lv in LEVELS},
    }  # fmt: skip
    out = bytearray(a.DOM_LANES_FLAG_COUNT)
    for name, ok in supported.items():
        out[a.P11_SPANS[name].first - a.DOM_LANES[0]] = 0xFF if ok else 0
    return bytes(out)
