"""Page 02h, bytes 128-255: module and lane thresholds (reference/CMIS.md section 5)."""

from __future__ import annotations

from construct import Construct, Int8ub, Int16sb, Struct

from cmis.codec.fields import BiasMa, PowerMw, Reserved, TempC, VoltsU16

LEVELS = ("HighAlarm", "LowAlarm", "HighWarning", "LowWarning")


def _group(prefix: str, make: type[Construct] | object) -> list[Construct]:
    """Four thresholds in spec order: high alarm, low alarm, high warning, low warning."""
    return [f"{prefix}{level}Threshold" / make() for level in LEVELS]  # type: ignore[operator]


def _raw() -> Construct:
    return Int16sb


Page02h = Struct(
    *_group("Temp", TempC),
    *_group("Vcc", VoltsU16),
    *_group("Aux1", _raw),
    *_group("Aux2", _raw),
    *_group("Aux3", _raw),
    *_group("CustomMon", _raw),
    *_group("OpticalPowerTx", PowerMw),
    *_group("LaserBiasTx", BiasMa),
    *_group("OpticalPowerRx", PowerMw),
    "reserved_200" / Reserved(30),
    "custom_230" / Reserved(25),
    "PageChecksum" / Int8ub * "byte 255: sum of 128-254",
)
