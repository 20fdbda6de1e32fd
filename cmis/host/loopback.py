"""Loopbacks (13h:180-183) by their CMIS / SONiC set_loopback_mode names, checked before writing."""

from __future__ import annotations

from typing import Any

from cmis.errors import CmisError, InputError, cut
from cmis.host.control import bank_masks
from cmis.host.diag import P13, capabilities, check_lanes
from cmis.host.memory import ModuleMemory

TYPES = {"media-side-output": 180, "media-side-input": 181, "host-side-output": 182,
         "host-side-input": 183}  # fmt: skip


def offered_types(caps: Any) -> list[str]:
    """The loopback types a module's LoopbackCapabilities (page 13h) say it supports."""
    return [kind for kind in TYPES if getattr(caps, _flag(kind))]


def _flag(kind: str) -> str:
    side, _, direction = kind.split("-")
    return f"{side.title()}Side{direction.title()}LoopbackSupported"


def set_loopback(module: ModuleMemory, kind: str, lanes: list[int], on: bool) -> int:
    """Turn loopback ``kind`` on or off on ``lanes``; returns the module-wide lane bitmap set."""
    if kind not in TYPES:
        raise InputError(f"loopback type {cut(kind)} is unknown; types are {', '.join(TYPES)}")
    caps = capabilities(module).LoopbackCapabilities
    offered = offered_types(caps)
    if kind not in offered:
        raise InputError(f"this module does not offer {kind} loopback; it offers: "
                         f"{', '.join(offered) or 'none'}")  # fmt: skip
    check_lanes(module, lanes)
    masks = bank_masks(lanes)
    side = kind.split("-")[0]
    if on and not caps.SimultaneousHostAndMediaSideLoopbacks:
        _refuse_mixing(module, side, list(masks))
    done = 0
    for bank, mask in masks.items():
        new = module.update_bits(P13, TYPES[kind], mask if on else 0, 0 if on else mask, bank)
        if bool(new & mask) != on or (new & mask) not in (0, mask):
            raise CmisError(f"{module.name} did not take {kind} loopback on bank {bank} "
                            f"(read back 0x{new:02x}); it may refuse this combination")  # fmt: skip
        done |= new << 8 * bank
    return done


def _refuse_mixing(module: ModuleMemory, side: str, banks: list[int]) -> None:
    other = [name for name in TYPES if not name.startswith(side)]
    for bank in banks:
        active = [name for name in other if module.read(P13, TYPES[name], 1, bank)[0]]
        if active:
            raise InputError(f"{active[0]} loopback is on and this module cannot loop host and "
                             f"media sides at once: turn it off first")  # fmt: skip
    return None
