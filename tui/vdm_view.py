"""VDM rows for the screen: short column names, coloured cells, the pre-FEC BER history."""

from __future__ import annotations

import math
from collections import deque
from typing import Any

from rich.text import Text

from cmis.cli.vdm import number_text
from cmis.host.vdm import level
from tui.render import LEVEL_STYLES

BER = "PreFecBerCurMedia"  # the observable the plot follows (type 15, current value)
BER_FLOOR = 1e-15  # a BER of 0 plots here (log scale: log10(0) is -inf)
KEEP = 600  # points per lane: 10 minutes at 1 s polling
_WORDS = (("MediaInput", ""), ("Media", ""), ("Temperature", "Temp"), ("PreFec", ""))


def short_name(name: str) -> str:
    """``PreFecBerCurMedia`` -> ``BerCur``: narrow columns, the full name is in the help."""
    for long, short in _WORDS:
        name = name.replace(long, short)
    return name


def cell(entry: dict[str, Any]) -> Text:
    """The value in its threshold colour; ``*`` when a flag was latched (the read cleared it)."""
    latched = "*" if any(entry["flags"].values()) else ""
    return Text(number_text(entry) + latched, LEVEL_STYLES[level(entry)])


def log_ber(value: float) -> float:
    return math.log10(max(value, BER_FLOOR))


def log_limits(thresholds: dict[str, float]) -> dict[str, float]:
    """BER thresholds on the plot's log10 axis (absent limits, 0, are left out)."""
    return {key: math.log10(v) for key, v in thresholds.items() if v > 0}


class BerHistory:
    """(module time, log10 BER) per lane, the newest KEEP of each."""

    def __init__(self) -> None:
        self.lanes: dict[int, deque[tuple[float, float]]] = {}
        self.thresholds: dict[str, float] = {}

    def add(self, time: float, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            if row["name"] == BER and row["lane"] is not None:
                points = self.lanes.setdefault(row["lane"], deque(maxlen=KEEP))
                points.append((time, log_ber(row["value"])))
                self.thresholds = log_limits(row["thresholds"])

    def series(self, lane: int) -> list[tuple[float, float]]:
        return list(self.lanes.get(lane, ()))


def by_lane(rows: list[dict[str, Any]]) -> dict[int | None, dict[str, dict[str, Any]]]:
    """lane (None for module-level) -> observable name -> row, in the module's order."""
    out: dict[int | None, dict[str, dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row["lane"], {})[row["name"]] = row
    return out
