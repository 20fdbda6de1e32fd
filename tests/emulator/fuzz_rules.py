"""Host operation rules for the emulator fuzzer: provisioning, CDB commands and fault toggles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule

from cmis.cdb.frame import frame
from cmis.cdb.replies import CdbCommand
from cmis.clock import VirtualClock
from cmis.errors import TransportError
from emulator import EmulatedModule
from emulator import addresses as a
from emulator.cdb import CDB_PAGE
from emulator.faults import LANE_FAULTS, SLOW_KEYS

NACK = object()  # what ``bus`` returns for a transaction the module refused
LANE_MASKS = st.one_of(st.sampled_from((0x00, 0xFF, 0x0F, 0xF0, 0x01)), st.integers(0, 255))
CDB_COMMANDS = st.one_of(st.sampled_from(list(CdbCommand)), st.integers(0, 0xFFFF))


class HostRules(RuleBasedStateMachine):
    """What a host does on purpose (bring-up, provisioning, CDB) and what goes wrong (faults)."""

    m: EmulatedModule
    clock: VirtualClock

    def bus(self, access: Callable[..., Any], *args: Any) -> Any:
        """A bus transaction; a NACK is a legal outcome, any other exception fails the test."""
        try:
            return access(*args)
        except TransportError:
            return NACK

    def upper(self, bank: int, page: int, offset: int, data: bytes) -> None:
        """Select (bank, page) and write ``data`` there, as a host would."""
        if self.bus(self.m.twi_write, 126, bytes((bank, page))) is not NACK:
            self.bus(self.m.twi_write, offset, data)

    # --- provisioning, so the interesting states are reached ---------------------------------

    @rule(layout=st.sampled_from(((0x10,) * 8, (0x20,) * 4 + (0x28,) * 4, (0x10,) * 4)))
    def bring_up(self, layout: tuple[int, ...]) -> None:
        """The plain host sequence in one step: low power off, AppSel, ApplyDPInit, DPDeinit off."""
        self.bus(self.m.twi_write, 26, b"\x00")
        self.clock.advance(5.0)
        for bank in range(self.m.profile.banks):
            self.upper(bank, 0x10, a.SCS_DPCONFIG[0], bytes(layout))
            self.upper(bank, 0x10, a.SCS_APPLY_DPINIT[0], b"\xff")
        self.clock.advance(0.01)
        for bank in range(self.m.profile.banks):
            self.upper(bank, 0x10, a.DP_DEINIT, b"\x00")
        self.clock.advance(2.0)

    @rule(controls=st.sampled_from((0x00, 0x10, 0x40, 0x50, 0x08)))
    def module_controls(self, controls: int) -> None:
        """Byte 26: release or request low power, allow the LPMode pin, SoftwareReset."""
        self.bus(self.m.twi_write, 26, bytes((controls,)))

    @rule(data=st.data(), explicit=st.booleans(), scs=st.integers(0, 1))
    def stage_application(self, data: st.DataObject, explicit: bool, scs: int) -> None:
        """Write a staged DPConfig (AppSel, DataPathID) for the lane group of an application."""
        profile = self.m.profile
        bank = data.draw(st.integers(0, profile.banks - 1), "bank")
        appsel = data.draw(st.integers(0, len(profile.apps) + 1), "appsel")
        app = profile.app(appsel)
        width = app.host_lanes if app else data.draw(st.integers(1, 8), "lanes")
        starts = [lane for lane in range(8) if not app or app.host_start >> lane & 1]
        first = data.draw(st.sampled_from(starts), "first")
        config = bytes([appsel << 4 | first << 1 | explicit] * min(width, 8 - first))
        self.upper(bank, 0x10, a.SCS_DPCONFIG[scs] + first, config)

    @rule(bank=st.integers(0, 1), scs=st.integers(0, 1), lanes=LANE_MASKS, dpinit=st.booleans())
    def apply(self, bank: int, scs: int, lanes: int, dpinit: bool) -> None:
        """ApplyDPInit or ApplyImmediate on SCS0/SCS1 for some lanes."""
        trigger = a.SCS_APPLY_DPINIT if dpinit else a.SCS_APPLY_IMMEDIATE
        self.upper(bank % self.m.profile.banks, 0x10, trigger[scs], bytes((lanes,)))

    @rule(bank=st.integers(0, 1), lanes=LANE_MASKS, byte=st.sampled_from((128, 130, 132, 138)))
    def lane_control(self, bank: int, lanes: int, byte: int) -> None:
        """DPDeinit, OutputDisableTx, OutputSquelchForceTx or OutputDisableRx for some lanes."""
        self.upper(bank % self.m.profile.banks, 0x10, byte, bytes((lanes,)))

    @rule(bank=st.integers(0, 1), index=st.integers(0, a.LANE_FLAG_COUNT - 1), mask=LANE_MASKS)
    def lane_mask(self, bank: int, index: int, mask: int) -> None:
        self.upper(bank % self.m.profile.banks, 0x10, a.FIRST_LANE_MASK + index, bytes((mask,)))

    @rule(index=st.integers(0, a.MODULE_FLAG_COUNT - 1), mask=LANE_MASKS)
    def module_mask(self, index: int, mask: int) -> None:
        self.bus(self.m.twi_write, a.MODULE_MASKS + index, bytes((mask,)))

    @rule(cmd=CDB_COMMANDS, lpl=st.binary(max_size=16), epl=st.integers(0, 2048), bad=st.booleans())
    def cdb_command(self, cmd: int, lpl: bytes, epl: int, bad: bool) -> None:
        """A framed CDB command (or one with a broken check code): body first, CMDID last."""
        command = bytearray(frame(cmd, lpl, epl))
        command[5] ^= 0x5A if bad else 0
        if self.bus(self.m.twi_write, 126, bytes((0, CDB_PAGE))) is NACK:
            return
        for start in range(2, len(command), 8):
            self.bus(self.m.twi_write, 128 + start, bytes(command[start : start + 8]))
        self.bus(self.m.twi_write, 128, bytes(command[:2]))

    # --- faults -----------------------------------------------------------------------------

    @rule(name=st.sampled_from(LANE_FAULTS), lanes=st.sets(st.integers(1, 16), max_size=4))
    def lane_fault(self, name: str, lanes: set[int]) -> None:
        setattr(self.m.faults, name, {lane for lane in lanes if lane <= self.m.profile.lanes})

    @rule(count=st.integers(0, 3), rate=st.sampled_from((0.0, 0.0, 0.05, 0.3)))
    def nack(self, count: int, rate: float) -> None:
        self.m.faults.nack_next, self.m.faults.nack_rate = count, rate

    @rule(transactions=st.integers(0, 6))
    def remove_after(self, transactions: int) -> None:
        self.m.faults.remove_after(transactions)

    @rule(celsius=st.sampled_from((None, None, None, 20.0, 72.0, 80.0, 150.0)))
    def over_temperature(self, celsius: float | None) -> None:
        self.m.faults.over_temperature_c = celsius

    @rule(cause=st.sampled_from((None,) * 4 + (1, 0x20)))
    def module_fault(self, cause: int | None) -> None:
        self.m.faults.module_fault = cause

    @rule(factor=st.sampled_from((0.5, 3.0, 20.0)), keys=st.sets(st.sampled_from(SLOW_KEYS)))
    def slow(self, factor: float, keys: set[str]) -> None:
        self.m.faults.slow(factor, *sorted(keys))

    @rule(appsels=st.sets(st.integers(0, 15), max_size=2), ignore=st.booleans())
    def appsel_faults(self, appsels: set[int], ignore: bool) -> None:
        self.m.faults.rejected_appsels = appsels
        self.m.faults.ignore_unchanged_appsel = ignore

    @rule()
    def clear_faults(self) -> None:
        self.m.faults.clear()
