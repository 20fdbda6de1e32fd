"""PRBS generators and checkers (pages 13h/14h): start, read, stop, checked before any write.

Everything the request needs is checked against what the module advertises (01h:142.5, the
13h capability bytes, its lanes) first, so a refused request writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cmis.codec.diag import (
    SIDES,
    PatternId,
    Selector,
    ber,
    counter_block,
    counters_selector,
    pattern_ids,
    sync_lost,
)
from cmis.codec.fields import pack_lanes, unpack_lanes
from cmis.codec.pages.page13 import Page13h
from cmis.errors import InputError, cut
from cmis.host.advertised import check_advertised, lane_count
from cmis.host.control import bank_masks
from cmis.host.lanes import by_bank
from cmis.host.memory import ModuleMemory

P13, P14 = 0x13, 0x14
T_DDCS = 0.01  # after writing the selector: no handshake, wait tDDCS (CMIS-DIAG-VDM.md 2.6)
ENABLE = {("host", "generator"): 144, ("media", "generator"): 152,
          ("host", "checker"): 160, ("media", "checker"): 168}  # fmt: skip
_LOL = {"host": 138, "media": 139}


@dataclass(frozen=True)
class LaneResult:
    """One enabled checker lane: lock, counts and BER (None until bits are counted)."""

    side: str
    lane: int
    pattern: str
    locked: bool
    errors: int
    bits: int
    ber: float | None
    sync_lost: bool

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def capabilities(module: ModuleMemory) -> Any:
    """Page 13h (bank 0) parsed; AddressError when the module has no diagnostics pages."""
    check_advertised(module, P13)
    return Page13h.parse(module.page(P13))


def check_lanes(module: ModuleMemory, lanes: list[int]) -> None:
    limit = lane_count(module)
    bad = [lane for lane in lanes if not 1 <= lane <= limit]
    if bad or not lanes:
        raise InputError(f"lane {cut(bad[0] if bad else 'none')} does not exist: "
                         f"this module has lanes 1-{limit}")  # fmt: skip


def parse_pattern(text: str) -> PatternId:
    """``PRBS31Q`` (or ``prbs-31q``) -> PatternId; InputError listing the names."""
    key = text.upper().replace("-", "").replace("_", "")
    for pattern in PatternId:
        if pattern.name.upper() == key:
            return pattern
    raise InputError(
        f"pattern {cut(text)} is unknown; patterns are {', '.join(PatternId.__members__)}"
    )


def start(
    module: ModuleMemory, side: str, pattern: PatternId, lanes: list[int],
    units: tuple[str, ...] = ("generator", "checker"),
) -> None:  # fmt: skip
    """Run ``side``'s generator and/or checker with ``pattern`` on ``lanes``."""
    caps = capabilities(module)
    check_lanes(module, lanes)
    for unit in units:
        offered = pattern_ids(getattr(caps, f"{side.title()}{unit.title()}PatternsSupported"))
        if pattern not in offered:
            names = ", ".join(p.name for p in offered) or "none"
            raise InputError(f"the {side}-side {unit} does not offer {pattern.name}; "
                             f"it offers: {names}")  # fmt: skip
    for bank, mask in bank_masks(lanes).items():
        for unit in units:  # pattern first, then enable (a checker starts counting on enable)
            enable = ENABLE[side, unit]
            nibbles = unpack_lanes(module.read(P13, enable + 4, 4, bank), 4)
            for i in range(8):
                if mask >> i & 1:
                    nibbles[i] = int(pattern)
            module.write(P13, enable + 4, pack_lanes(nibbles, 4), bank)
            module.update_bits(P13, enable, mask, 0, bank)
        module.read(P14, 134, 6, bank)  # clear stale gate and lock-loss latches of earlier runs


def stop(module: ModuleMemory, lanes: list[int] | None = None) -> None:
    """Stop every generator and checker on ``lanes`` (all lanes when None), both sides."""
    capabilities(module)
    lanes = lanes if lanes is not None else list(range(1, lane_count(module) + 1))
    check_lanes(module, lanes)
    for bank, mask in bank_masks(lanes).items():
        for enable in ENABLE.values():
            module.update_bits(P13, enable, 0, mask, bank)


def read(module: ModuleMemory) -> list[LaneResult]:
    """Every enabled checker lane's lock, error count, bits and BER."""
    capabilities(module)
    out = []
    for bank in by_bank(range(1, lane_count(module) + 1)):
        page13 = module.read(P13, 160, 16, bank)
        lol = module.read(P14, 138, 2, bank)  # latched: a set bit = lock lost since last read
        for s, side in enumerate(SIDES):
            enabled, patterns = page13[8 * s], unpack_lanes(page13[8 * s + 4 : 8 * s + 8], 4)
            if enabled:
                out += _side(module, bank, side, enabled, patterns, lol[s])
    return out


def _side(
    module: ModuleMemory, bank: int, side: str, enabled: int, patterns: list[int], lol: int
) -> list[LaneResult]:
    counts = []
    for first in (1, 5):
        module.write(P14, 128, bytes((counters_selector(side, first),)), bank)
        module.clock.sleep(T_DDCS)
        counts += counter_block(module.read(P14, 192, 64, bank))
    module.write(P14, 128, bytes((Selector.Nothing,)), bank)
    return [
        LaneResult(side, bank * 8 + i + 1, _name(patterns[i]), not (lol >> i & 1) and bits > 1,
                   errors, bits & ~1, ber(errors, bits), sync_lost(bits))
        for i, (errors, bits) in enumerate(counts)
        if enabled >> i & 1
    ]  # fmt: skip


def _name(pattern: int) -> str:
    return PatternId(pattern).name if pattern in PatternId._value2member_map_ else str(pattern)
