"""Latched DOM flags: threshold and fault conditions, OR-ed into the COR flag bytes when observed.

A condition (a monitor past a page 02h threshold, an injected Rx LOS, ...) is computed when the
monitors are sampled. Latching copies it into the flag byte; a host read of the byte clears it
(COR, memory.py) and, if the condition still holds, sets it again right after that read, so a
persisting condition reads set on every read and keeps IntL asserted until masked (CMIS.md 1.6
marks this [unverified]; it is what modules normally do). A condition that ended stays latched
until read. Unadvertised flags (page 01h 157-160) never set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from emulator import addresses as a
from emulator.dommodel import DomModel, Levels
from emulator.memory import Memory
from emulator.ports import Core
from emulator.profile import lanes_of

if TYPE_CHECKING:
    from emulator.faults import Faults


class FlagsPort(Core, Protocol):
    faults: Faults


_LANE_FIRST = a.DOM_LANES[0]  # page 11h byte 135
_LEVEL_INDEX = {g: tuple(b - _LANE_FIRST for b in bs) for g, bs in a.LANE_LEVEL_FLAGS.items()}
_FAULT_INDEX = {name: b - _LANE_FIRST for name, b in a.LANE_FAULT_FLAGS.items()}
_NO_COND = bytes(a.DOM_LANES_FLAG_COUNT)
Hits = tuple[int, int, int, int]  # lane bitmaps past each level, in ``levels`` order


def levels(value: int, th: Levels) -> tuple[bool, bool, bool, bool]:
    """Which of high alarm, low alarm, high warning, low warning ``value`` is past (strictly)."""
    return value > th[0], value < th[1], value > th[2], value < th[3]


def past(readings: list[int], lanes: int, th: Levels) -> Hits:
    """Lane bitmaps of ``lanes`` whose reading is past each level (``levels`` order)."""
    high_alarm, low_alarm, high_warning, low_warning = th
    ha = la = hw = lw = 0
    for lane in lanes_of(lanes & 0xFF):
        value, bit = readings[lane], 1 << lane
        ha |= bit if value > high_alarm else 0
        la |= bit if value < low_alarm else 0
        hw |= bit if value > high_warning else 0
        lw |= bit if value < low_warning else 0
    return ha, la, hw, lw


class Flags:
    """Current conditions per flag byte, and the latch that makes them visible."""

    def __init__(self, module: FlagsPort, model: DomModel) -> None:
        self.module = module
        self.model = model
        self.module_cond = bytearray(3)  # lower bytes 9-11
        self.lane_cond = [bytearray(a.DOM_LANES_FLAG_COUNT) for _ in range(module.profile.banks)]
        self.pending = False  # any condition at all: the latch has work to do
        self._lane_support = int.from_bytes(model.lane_support)

    def module_conditions(self, readings: dict[str, int]) -> None:
        """Conditions of lower bytes 9-11 from raw module monitor readings, by monitor prefix."""
        cond = bytearray(3)
        for prefix, value in readings.items():
            byte, bits = a.MONITOR_FLAGS[prefix]
            hits = zip(bits, levels(value, self.model.thresholds[prefix]), strict=True)
            cond[byte - a.MONITOR_FLAG_FIRST] |= sum(b for b, hit in hits if hit)
        support = self.model.module_support
        self.module_cond = bytearray(c & s for c, s in zip(cond, support, strict=True))
        self._update_pending()

    def lane_conditions(self, bank: int, hits: dict[str, Hits], live: int) -> None:
        """Page 11h 135-152: the lanes past each level by monitor group (Tx groups judged on lanes
        meant to transmit, Rx power on live lanes, see domlanes.py), lane faults on live lanes."""
        cond = bytearray(a.DOM_LANES_FLAG_COUNT)
        for group, bitmaps in hits.items():
            for i, bits in zip(_LEVEL_INDEX[group], bitmaps, strict=True):
                cond[i] = bits
        for name, i in _FAULT_INDEX.items():
            cond[i] = self.module.faults.bank_lanes(name, bank) & live
        # unsupported flags never set: the support bytes are 0xFF or 0, one AND over them all
        supported = int.from_bytes(cond) & self._lane_support
        self.lane_cond[bank] = bytearray(supported.to_bytes(a.DOM_LANES_FLAG_COUNT))
        self._update_pending()

    def _update_pending(self) -> None:
        self.pending = any(self.module_cond) or any(c != _NO_COND for c in self.lane_cond)

    def latch(self) -> bool:
        """Set every flag whose condition holds; True if one was newly set (IntL may change)."""
        if not self.pending:
            return False
        memory = self.module.memory
        changed = _or_into(memory.lower, a.MONITOR_FLAG_FIRST, self.module_cond)
        for bank, cond in enumerate(self.lane_cond):
            if any(cond):
                changed |= _or_into(memory.page(bank, 0x11), _LANE_FIRST - 128, cond)
        return changed

    def save(self) -> tuple[bytes, list[bytes]]:
        return bytes(self.module_cond), [bytes(c) for c in self.lane_cond]

    def load(self, saved: tuple[bytes, list[bytes]]) -> None:
        self.module_cond = bytearray(saved[0])
        self.lane_cond = [bytearray(c) for c in saved[1]]
        self._update_pending()


class Interrupt:
    """IntL and the flag summary bytes 4-7 (00h:3 bit 0 reads NOT IntL) from flags and masks.

    Called when a flag or mask may have changed; each area is compared as one big integer, so a
    refresh costs a few operations per bank, not one per flag.
    """

    def __init__(self, memory: Memory, banks: int) -> None:
        self.memory = memory
        self.banks = range(banks)
        self.intl = False

    def refresh(self, quiet: bool) -> bool:
        """Recompute; ``quiet``: the module is in a state whose MCI does not answer (no IntL)."""
        lower, page = self.memory.lower, self.memory.page
        pending = _unmasked(lower, _MODULE_FLAGS, lower, _MODULE_MASKS)
        for bank in self.banks:
            p11 = page(bank, 0x11)
            summary = lower[a.FLAG_SUMMARY + bank] & ~(a.SUMMARY_11H | a.SUMMARY_2CH)
            if p11[_LANE_FLAGS] != _NO_LANE_FLAGS:
                summary |= a.SUMMARY_11H
                pending = pending or _unmasked(p11, _LANE_FLAGS, page(bank, 0x10), _LANE_MASKS)
            vdm = self.memory.pages.get((bank, 0x2C))  # VDM flags, masked by 2Dh
            if vdm is not None and vdm != _NO_VDM_FLAGS:
                summary |= a.SUMMARY_2CH
                pending = pending or _unmasked(vdm, _ALL, page(bank, 0x2D), _ALL)
            lower[a.FLAG_SUMMARY + bank] = summary
        self.intl = pending and not quiet
        lower[a.STATE_BYTE] = lower[a.STATE_BYTE] & ~a.INT_DEASSERTED | (
            0 if self.intl else a.INT_DEASSERTED
        )
        return self.intl


_MODULE_FLAGS = slice(a.MODULE_FLAGS, a.MODULE_FLAGS + a.MODULE_FLAG_COUNT)
_MODULE_MASKS = slice(a.MODULE_MASKS, a.MODULE_MASKS + a.MODULE_FLAG_COUNT)
_LANE_FLAGS = slice(a.FIRST_LANE_FLAG - 128, a.FIRST_LANE_FLAG - 128 + a.LANE_FLAG_COUNT)
_LANE_MASKS = slice(a.FIRST_LANE_MASK - 128, a.FIRST_LANE_MASK - 128 + a.LANE_FLAG_COUNT)
_NO_LANE_FLAGS = bytes(a.LANE_FLAG_COUNT)
_NO_VDM_FLAGS, _ALL = bytes(128), slice(0, 128)


def _unmasked(flags: bytearray, fs: slice, masks: bytearray, ms: slice) -> bool:
    """Is a flag bit set whose mask bit is clear? (bytes compared as one integer)"""
    return bool(int.from_bytes(flags[fs]) & ~int.from_bytes(masks[ms]))


def _or_into(buf: bytearray, first: int, cond: bytearray) -> bool:
    """OR ``cond`` into ``buf[first:]``; True if a bit was newly set."""
    changed = False
    for i, c in enumerate(cond):
        if c & ~buf[first + i]:
            buf[first + i] |= c
            changed = True
    return changed
