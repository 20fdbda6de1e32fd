"""Unit helpers used at the edges: dBm <-> mW and readable formatting."""

from __future__ import annotations

import math

DBM_FLOOR = -40.0


def mw_to_dbm(mw: float) -> float:
    """dBm for a power in mW; 0 mW (no light) has no finite dBm and gives -inf."""
    return 10 * math.log10(mw) if mw > 0 else -math.inf


def dbm_to_mw(dbm: float) -> float:
    return 10 ** (dbm / 10)


def format_dbm(mw: float) -> str:
    """'-1.23 dBm', or '-inf dBm' for no light (shown, never clamped silently)."""
    dbm = mw_to_dbm(mw)
    return f"{dbm:.2f} dBm" if math.isfinite(dbm) else "-inf dBm"
