"""Invariants the emulator fuzzer checks after every step, with spec access taken from specs/."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from cmis.codec.codes import DataPathState as DP
from cmis.codec.pages.registry import LOWER, UPPER_PAGES, struct_for
from cmis.errors import TransportError
from emulator import EmulatedModule
from emulator import addresses as a
from emulator.rules import HIDDEN_STATES, Mod

FIELDS = Path(__file__).parents[2] / "specs" / "fields.csv"
SPEC_PAGES = {"lower": LOWER, "00h": 0x00, "01h": 0x01, "02h": 0x02, "10h": 0x10, "11h": 0x11}
# Edge-triggered latched flags: nothing can re-latch them while no time passes.
EVENT_FLAGS = {"ModuleStateChangedFlag", "CdbCmdCompleteFlag1", "CdbCmdCompleteFlag2",
               "DPStateChangedFlag", "OutputStatusChangedFlagRx"}  # fmt: skip
VOLATILE_LOWER = range(3, 26)  # status, flag summaries, flags and monitors the module updates
Masks = dict[object, bytearray]


def _bits(text: str) -> int:
    if not text:
        return 0xFF
    hi, _, lo = text.partition("-")
    return (2 << int(hi)) - (1 << int(lo or hi))


@functools.cache
def spec_masks() -> tuple[Masks, Masks, Masks, Masks]:
    """Per page, per byte: bits the spec makes read-only (RO or COR), COR bits, event flag bits
    and write-only bits (WO, WO/SC: they read back 0)."""
    ro, cor, event, wo = ({key: bytearray(128) for key in SPEC_PAGES.values()} for _ in range(4))
    with FIELDS.open() as f:
        for row in csv.DictReader(f):
            key, access = SPEC_PAGES.get(row["page"]), row["access"]
            if key is None:
                continue
            first, _, last = row["bytes"].partition("-")
            for byte in range(int(first), int(last or first) + 1):
                index, bits = byte % 128, _bits(row["bits"])
                ro[key][index] |= bits if access in ("RO", "COR") else 0
                cor[key][index] |= bits if access == "COR" else 0
                event[key][index] |= bits if row["name"] in EVENT_FLAGS else 0
                wo[key][index] |= bits if access.startswith("WO") else 0
    return ro, cor, event, wo


def window_key(m: EmulatedModule) -> object | None:
    """The spec page key of the selected upper page, if the module has it and specs/ lists it."""
    selected = m.memory.selected
    if selected not in m.memory.pages or selected[1] not in SPEC_PAGES.values():
        return None
    return selected[1]


def masks_at(m: EmulatedModule, address: int, table: Masks) -> int:
    """The ``table`` bits of window byte ``address`` as the module is mapped now."""
    key = LOWER if address < 128 else window_key(m)
    return table[key][address % 128] if key is not None else 0


def readable(m: EmulatedModule) -> bool:
    return m.present and m.state not in HIDDEN_STATES


def nack_explained(m: EmulatedModule, armed: bool) -> bool:
    """A NACK is legal while the MCI cannot answer, a bus fault was armed, or CDB is busy."""
    if armed or not readable(m):
        return True
    try:
        m.cdb.check_access()
    except TransportError:
        return True
    return False


def held_condition(m: EmulatedModule, address: int) -> int | None:
    """Bits of window byte ``address`` a live condition keeps latched; None if none modelled."""
    first, conditions = a.MONITOR_FLAG_FIRST, m.dom.flags
    if first <= address < first + len(conditions.module_cond):
        return conditions.module_cond[address - first]
    lane_first = a.DOM_LANES[0]
    if address >= 128 and window_key(m) == 0x11:
        cond = conditions.lane_cond[m.memory.selected[0]]
        return cond[address - lane_first] if 0 <= address - lane_first < len(cond) else None
    return None


def check_state_byte(m: EmulatedModule, byte3: bytes | None, armed: bool) -> None:
    """00h:3 bits 3-1 read over the bus show the state machine; a NACK must have a reason."""
    if byte3 is None:
        assert nack_explained(m, armed), f"NACK in {m.state.name} with no fault armed"
        return
    assert byte3[0] >> 1 & 7 == m.state.code, f"byte 3 = {byte3[0]:#04x} in {m.state.name}"
    assert bool(byte3[0] & 1) == (not m.intl), "InterruptDeasserted disagrees with IntL"


def lane_states(m: EmulatedModule, bank: int) -> list[int]:
    raw = m.memory.page(bank, 0x11)[a.DP_STATE - 128 : a.DP_STATE - 124]
    return [b >> shift & 15 for b in raw for shift in (0, 4)]


def check_datapaths(m: EmulatedModule) -> None:
    """Every lane of a path reports its state; lanes of no path are deactivated; only when
    the module is ModuleReady may any lane be DPActivated."""
    for bank in range(m.profile.banks):
        states, covered = lane_states(m, bank), 0
        for dp in m.datapaths.paths[bank]:
            lanes = [lane for lane in range(8) if dp.lanes >> lane & 1]
            assert {states[lane] for lane in lanes} == {dp.state}, (bank, dp, states)
            covered |= dp.lanes
        assert all(states[i] == DP.DPDeactivated for i in range(8) if not covered >> i & 1)
        if m.state != Mod.ModuleReady:
            assert DP.DPActivated not in states, f"bank {bank} activated in {m.state.name}"


def check_tx_power(m: EmulatedModule) -> None:
    """Tx power (11h:154-169) is zero on lanes whose OutputDisableTx is set or whose path is not
    activated."""
    for bank in range(m.profile.banks):
        p10, p11 = m.memory.page(bank, 0x10), m.memory.page(bank, 0x11)
        lit = 0
        for dp in m.datapaths.paths[bank]:
            lit |= dp.media if dp.state == DP.DPActivated else 0
        dark = p10[a.OUTPUT_DISABLE_TX - 128] | ~lit
        for lane in range(8):
            power = p11[a.TX_POWER - 128 + 2 * lane : a.TX_POWER - 126 + 2 * lane]
            assert not (dark >> lane & 1 and any(power)), f"bank {bank} lane {lane + 1} lit"


def unmasked_flags(m: EmulatedModule) -> bool:
    lower = m.memory.lower
    n = a.MODULE_FLAG_COUNT
    pending = any(f & ~k for f, k in zip(lower[8 : 8 + n], lower[31 : 31 + n], strict=True))
    for bank in range(m.profile.banks):
        p10, p11 = m.memory.page(bank, 0x10), m.memory.page(bank, 0x11)
        flags = p11[a.FIRST_LANE_FLAG - 128 :][: a.LANE_FLAG_COUNT]
        masks = p10[a.FIRST_LANE_MASK - 128 :][: a.LANE_FLAG_COUNT]
        pending |= any(f & ~k for f, k in zip(flags, masks, strict=True))
        summary = bool(lower[a.FLAG_SUMMARY + bank] & a.SUMMARY_11H)
        assert summary == any(flags), f"flag summary bank {bank} disagrees with page 11h"
    return pending


def check_intl(m: EmulatedModule) -> None:
    """IntL is asserted exactly while an unmasked latched flag is set (and the MCI answers)."""
    intl = m.intl  # first: the pin may bring the monitors up to date
    expected = unmasked_flags(m) and readable(m)
    assert intl == expected, f"IntL {intl}, unmasked flags say {expected}"


@functools.lru_cache(maxsize=4096)
def round_trips(page: int | str, raw: bytes) -> bool:
    struct = struct_for(page)
    return bool(struct.build(struct.parse(raw, bias_multiplier=2), bias_multiplier=2) == raw)


def check_round_trip(m: EmulatedModule) -> None:
    """build(parse(page)) == page for lower memory and every page that has a Struct."""
    assert round_trips(LOWER, bytes(m.memory.lower))
    for (bank, page), raw in m.memory.pages.items():
        if page in UPPER_PAGES:
            assert round_trips(page, bytes(raw)), f"page {page:02X}h bank {bank}"
