"""Stateful fuzzing: arbitrary host operations on an EmulatedModule, invariants after every step.

Steps per example come from the hypothesis profile (tests/conftest.py); the number of steps the
run executed is printed in the terminal summary.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, precondition, rule

from cmis.clock import VirtualClock
from emulator import EmulatedModule, Snapshot
from emulator import addresses as a
from tests.conftest import SUMMARY
from tests.emulator import fuzz_checks as check
from tests.emulator.fuzz_rules import NACK, HostRules

PROFILES = ("osfp-800g-dr8", "qsfpdd-800g-2xfr4", "osfp-xd-1.6t-dr16")
STATS = {"runs": 0, "checks": 0}
HOT = (0, 3, 8, 11, 26, 31, 118, 122, 125, 126, 127, 128, 130, 134, 143, 145, 178, 202, 250, 255)
OFFSETS = st.one_of(st.sampled_from(HOT), st.integers(0, 255), st.integers(-4, 300))
LENGTHS = st.one_of(st.integers(1, 16), st.integers(-2, 260))
PAGES = st.one_of(st.sampled_from((0x00, 0x01, 0x02, 0x03, 0x10, 0x11, 0x12, 0x9F, 0xA0, 0xB0)),
                  st.integers(0, 255))  # fmt: skip
DELAYS = st.one_of(st.floats(0, 0.02), st.floats(0, 1.0), st.floats(1.0, 120.0))


class EmulatorFuzzer(HostRules):
    """One module on a VirtualClock, driven as a host (and a technician) could drive it."""

    @initialize(profile=st.sampled_from(PROFILES), seed=st.integers(0, 2**16), lpmode=st.booleans())
    def plug_in(self, profile: str, seed: int, lpmode: bool) -> None:
        STATS["runs"] += 1
        self.clock, self.profile = VirtualClock(), profile
        self.m = EmulatedModule(profile, clock=self.clock, seed=seed, lpmode=lpmode)
        self.snap: Snapshot | None = None

    # --- raw bus ----------------------------------------------------------------------------

    @rule(offset=OFFSETS, length=LENGTHS)
    def read(self, offset: int, length: int) -> None:
        data = self.bus(self.m.twi_read, offset, length)
        if data is not NACK:
            assert type(data) is bytes and len(data) == length
            self._check_read(offset, data)
            self._reread_latched(offset, length, data)

    def _check_read(self, offset: int, data: bytes) -> None:
        """Write-only bytes read back 0; a page the module does not have reads as zeros."""
        wo, missing = check.spec_masks()[3], self.m.memory.selected not in self.m.memory.pages
        for address, value in enumerate(data, offset):
            assert not (missing and address >= 128 and value), f"byte {address} of a missing page"
            assert value & check.masks_at(self.m, address, wo) == 0, f"write-only byte {address}"

    def _reread_latched(self, offset: int, length: int, first: bytes) -> None:
        """At the same instant a second read of a latched flag shows exactly the flags whose
        condition persists: never an edge-triggered flag, never one the first read did not show."""
        _, cor, event, _ = check.spec_masks()
        covered = [(i, check.masks_at(self.m, offset + i, cor)) for i in range(length)]
        if not any(bits for _, bits in covered):
            return
        second = self.bus(self.m.twi_read, offset, length)
        if second is NACK:
            return  # an armed bus fault took the second read
        for i, bits in covered:
            again, held = second[i] & bits, check.held_condition(self.m, offset + i)
            assert again & ~first[i] == 0, f"byte {offset + i}: flag appeared with no time passing"
            assert again & check.masks_at(self.m, offset + i, event) == 0, f"byte {offset + i}"
            assert held is None or again == held & bits, f"byte {offset + i}: {again:#x} {held:#x}"

    @rule(offset=OFFSETS, data=st.binary(max_size=40))
    def write(self, offset: int, data: bytes) -> None:
        m = self.m
        m.update()  # timers due now run first, so only the write can change memory below
        before, key = m.memory.save(), check.window_key(m)
        accepted = self.bus(m.twi_write, offset, data) is not NACK
        after = m.memory.save()
        assert not accepted or _legal(m, offset, data, before[2]), "an illegal write was ACKed"
        if not accepted or _all_read_only(m, offset, data, key):
            assert after[:2] == before[:2], "a refused or read-only write changed memory"
            return
        for address, value in enumerate(data, offset):
            ro = _stable_ro(address, key)
            old, new = _byte(before, address), _byte(after, address, before[2])
            assert (old ^ new) & ro == 0, f"RO bits of byte {address} took {value:#04x}"

    @rule(bank=st.one_of(st.integers(0, 3), st.just(255)), page=PAGES, how=st.integers(0, 2))
    def select(self, bank: int, page: int, how: int) -> None:
        offset, data = ((126, bytes((bank, page))), (127, bytes((page,))), (126, bytes((bank,))))[
            how
        ]
        self.bus(self.m.twi_write, offset, data)

    # --- pins, time, presence ---------------------------------------------------------------

    @rule(asserted=st.booleans())
    def lpmode(self, asserted: bool) -> None:
        self.m.lpmode = asserted

    @rule(asserted=st.booleans())
    def reset_pin(self, asserted: bool) -> None:
        self.m.reset_pin = asserted

    @rule(seconds=DELAYS)
    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)

    @precondition(lambda self: bool(self.m.queue.heap))
    @rule()
    def advance_to_next_timer(self) -> None:
        self.clock.advance_to(max(self.clock.now(), self.m.queue.heap[0][0]))

    @rule()
    def remove(self) -> None:
        self.m.remove()

    @rule()
    def insert(self) -> None:
        self.m.insert()

    @rule(wait=st.sampled_from((0.0, 0.3, 3.0)))
    def twin(self, wait: float) -> None:
        """A fresh module restored from a snapshot answers exactly as the original from then on."""
        twin = EmulatedModule(self.profile, clock=self.clock)
        twin.restore(self.m.snapshot())
        before = [self._probe(m) for m in (self.m, twin)]
        self.clock.advance(wait)
        after = [self._probe(m) for m in (self.m, twin)]
        assert before[0] == before[1] and after[0] == after[1], (before, after)

    def _probe(self, m: EmulatedModule) -> tuple[Any, ...]:
        window = [self.bus(m.twi_read, offset, 128) for offset in (0, 128)]
        return (m.state, m.intl, *(NACK if w is NACK else w for w in window))

    @rule()
    def snapshot(self) -> None:
        self.snap = self.m.snapshot()

    @precondition(lambda self: self.snap is not None)
    @rule()
    def restore(self) -> None:
        assert self.snap is not None
        self.m.restore(self.snap)

    # --- invariants -------------------------------------------------------------------------

    @invariant()
    def after_every_step(self) -> None:
        STATS["checks"] += 1
        m = self.m
        armed = m.faults.on_bus
        byte3 = self.bus(m.twi_read, a.STATE_BYTE, 1)
        check.check_state_byte(m, None if byte3 is NACK else byte3, armed)
        check.check_datapaths(m)
        check.check_tx_power(m)
        check.check_intl(m)
        check.check_round_trip(m)


def _legal(m: EmulatedModule, offset: int, data: bytes, selected: tuple[int, int]) -> bool:
    """Inside 0-255, at least one byte, and within 8 bytes unless on a CDB page that allows more."""
    cdb = offset >= 128 and 0x9F <= selected[1] <= 0xAF and selected in m.memory.pages
    fits = offset >= 0 and len(data) >= 1 and offset + len(data) <= 256
    return fits and (len(data) <= 8 or cdb)


def _stable_ro(address: int, key: object) -> int:
    """Spec RO bits of window byte ``address`` that the module itself never updates."""
    ro = check.spec_masks()[0]
    if address < 128:
        return 0 if address in check.VOLATILE_LOWER else ro[check.LOWER][address]
    return 0 if key in (None, 0x11) else ro[key][address - 128]


def _all_read_only(m: EmulatedModule, offset: int, data: bytes, key: object) -> bool:
    ro = check.spec_masks()[0]
    for address in range(offset, offset + len(data)):
        page = check.LOWER if address < 128 else key
        if page is not None and ro[page][address % 128] != 0xFF:
            return False
        if page is None and address >= 128 and m.memory.selected in m.memory.pages:
            return False  # a page specs/ does not describe (CDB): no oracle
    return True


def _byte(saved: tuple[Any, ...], address: int, selected: Any = None) -> int:
    """Byte ``address`` of saved memory, upper bytes from ``selected`` (default: as saved)."""
    lower, pages, mapped = saved
    if address < 128:
        return int(lower[address])
    page = pages.get(selected or mapped)
    return int(page[address - 128]) if page is not None else 0


TestEmulatorFuzz = EmulatorFuzzer.TestCase


@pytest.fixture(scope="module", autouse=True)
def _report_steps(pytestconfig: pytest.Config) -> Any:
    yield
    steps = STATS["checks"] - STATS["runs"]
    pytestconfig.stash.setdefault(SUMMARY, []).append(
        f"emulator fuzz: {steps} state-machine steps in {STATS['runs']} runs"
    )
