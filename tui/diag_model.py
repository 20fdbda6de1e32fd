"""What the Diagnostics screen offers and asks: advertised patterns/loopbacks, lanes, questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cmis.codec.diag import GATE_SECONDS, SIDES, pattern_ids
from cmis.errors import AddressError
from cmis.host import diag
from cmis.host.advertised import lane_count
from cmis.host.loopback import offered_types
from tui.lanemask import lanes_text

UNITS = {"both": ("generator", "checker"), "generator": ("generator",), "checker": ("checker",)}


@dataclass(frozen=True)
class Offer:
    """Pages 13h/14h as the module advertises them (``lanes`` 8 per bank)."""

    lanes: int
    patterns: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (side, unit)
    loopbacks: list[str] = field(default_factory=list)
    gate_s: float | None = None  # the checker's gating time; None: counts until stopped

    def patterns_for(self, side: str, units: str) -> list[str]:
        """Patterns every chosen unit of ``side`` offers, in the module's order."""
        offered = [self.patterns.get((side, unit), []) for unit in UNITS[units]]
        return [name for name in offered[0] if all(name in o for o in offered)]


def read_offer(module: Any) -> Offer | None:
    """The module's diagnostics offer; None when it has no pages 13h/14h."""
    try:
        caps = diag.capabilities(module)
    except AddressError:
        return None
    patterns = {
        (side, unit): [p.name for p in pattern_ids(getattr(caps, f"{side.title()}{unit.title()}"
                                                                 "PatternsSupported"))]
        for side in SIDES
        for unit in ("generator", "checker")
    }  # fmt: skip
    loops = offered_types(caps.LoopbackCapabilities)
    gate = GATE_SECONDS.get(caps.MeasurementControl.MeasurementTime)
    return Offer(lane_count(module), patterns, loops, gate)


def down_text(what: str, lanes: list[int]) -> str:
    """The confirmation's words: which lanes stop carrying traffic, and how to get them back."""
    where = lanes_text(lanes)
    return (
        f"{what} on {where}: traffic on {where} goes down ({len(lanes)} lane"
        f"{'s' if len(lanes) != 1 else ''}) until it is stopped or turned off. y/N"
    )
