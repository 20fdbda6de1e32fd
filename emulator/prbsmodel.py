"""The numbers behind a PRBS checker: what BER a received power gives, and what a lane counted.

BER model (documented in specs/choices.md): the decision Q factor grows in proportion to the
received optical power and is Q_AT_LOS at the module's LOS threshold; BER = erfc(Q/sqrt 2)/2.
At the DR8 LOS level (0.063 mW) that is ~2e-2; 3 dB above it ~3e-5; 6 dB above ~1e-15, and a
clean link (~0.9 mW, 11 dB above) counts no errors at all in any practical time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Q_AT_LOS = 2.0  # Q factor of a lane received exactly at the LOS threshold


def link_ber(power_mw: float, los_mw: float) -> float:
    """BER of an optical lane: Q grows with the received power, Q_AT_LOS at the LOS level."""
    q = Q_AT_LOS * power_mw / los_mw
    return 0.5 * math.erfc(q / math.sqrt(2))


@dataclass
class Count:
    """One checker lane's accumulation since it was enabled (or last reset)."""

    pattern: int
    since: float
    end: float  # gate expiry (inf when ungated)
    errors: float = 0.0
    bits: float = 0.0
    lost: bool = False  # lost pattern lock at least once (the PSL marker)
    lol: bool = False  # lock lost since the host last saw the flags (14h:138/139)
    frozen: bool = False  # ResetErrorInformation set: counts held
    stopped: bool = False  # checker disabled: results stay readable
